//! The people a document's title names: "Remarks by President Biden and Prime Minister Kishida
//! Fumio of Japan in Joint Press Conference" → (President, Biden), (Prime Minister, Kishida Fumio,
//! of Japan). Speaker labels that give only a role ("THE PRESIDENT:") or a surname
//! ("KISHIDA:") are matched against them, and the actor stage turns "of Japan" into a state.

use crate::layout::Vocabulary;

/// One person named in a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CastMember {
    /// The role as written ("Prime Minister").
    pub role: String,
    /// The name as written ("Kishida Fumio").
    pub name: String,
    /// What follows "of" ("Japan", "the Republic of Finland"), when the title says.
    pub of: Option<String>,
    /// Capitalised words just before the role ("White House" in "White House National Security
    /// Communications Advisor John Kirby", "Abu Dhabi" in "Abu Dhabi Crown Prince").
    pub qualifier: Option<String>,
}

impl CastMember {
    /// Role and name, as a speaker is shown ("Prime Minister Kishida Fumio").
    pub fn display(&self) -> String {
        if self.role.is_empty() {
            self.name.clone()
        } else {
            format!("{} {}", self.role, self.name)
        }
    }
}

/// Words that end a name or a country phrase in a title.
const STOPS: &[&str] = &["in", "at", "on", "during", "before", "after", "to", "for", "with", "from", "|", "-", "–", "—", "and"];

/// The people a title names with a role.
pub fn title_cast(title: &str) -> Vec<CastMember> {
    let v = Vocabulary::get();
    let clean: String = title.replace(['\u{a0}', '_'], " ").replace(['’'], "'");
    let words: Vec<&str> = clean.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.trim_matches(|c: char| c == ',' || c == ':').to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // The longest role phrase starting at i, written capitalised.
        let role_len = v
            .roles
            .iter()
            .filter(|r| r.len() > 3)
            .map(|r| r.split_whitespace().collect::<Vec<_>>())
            .find(|r| {
                i + r.len() <= lower.len()
                    && r.iter().zip(&lower[i..]).all(|(a, b)| a == b)
                    && words[i].chars().next().is_some_and(char::is_uppercase)
            })
            .map(|r| r.len());
        let Some(rl) = role_len else {
            i += 1;
            continue;
        };
        let mut j = i + rl;
        let mut name = Vec::new();
        while j < words.len() {
            let w = words[j].trim_end_matches([',', ':', '\'']);
            let w = w.strip_suffix("'s").unwrap_or(w);
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            if !cap || STOPS.contains(&lower[j].as_str()) || (lower[j] == "of" && !name.is_empty()) {
                break;
            }
            let ends = words[j].ends_with(',') || words[j].ends_with("'s");
            name.push(w.to_string());
            j += 1;
            if ends {
                break;
            }
        }
        if name.is_empty() {
            i += rl;
            continue;
        }
        let mut of = None;
        if j < words.len() && lower[j] == "of" && !words[j - 1].ends_with(',') {
            let mut k = j + 1;
            let mut phrase = Vec::new();
            while k < words.len() && !STOPS.contains(&lower[k].as_str()) {
                let w = words[k].trim_end_matches([',', ':']);
                phrase.push(w.to_string());
                k += 1;
                if words[k - 1].ends_with(',') {
                    break;
                }
            }
            if !phrase.is_empty() {
                of = Some(phrase.join(" "));
            }
            j = k;
        }
        let mut q = i;
        while q > 0 && i - q < 4 && words[q - 1].chars().next().is_some_and(char::is_uppercase) && !words[q - 1].ends_with(',') {
            q -= 1;
        }
        let qualifier = (q < i).then(|| words[q..i].join(" "));
        out.push(CastMember { role: words[i..i + rl].join(" "), name: name.join(" "), of, qualifier });
        i = j.max(i + 1);
    }
    out
}

/// The cast member a speaker label stands for: one whose name shares a word with the label
/// (a surname), else the one whose role is the label's whole role ("THE PRESIDENT" → the
/// President, not the Vice President).
pub fn find_member<'c>(cast: &'c [CastMember], label: &str) -> Option<&'c CastMember> {
    if cast.is_empty() {
        return None;
    }
    let words: Vec<String> = label
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
        .filter(|w| w.len() > 1 && w != "the")
        .collect();
    let v = Vocabulary::get();
    let role_words: Vec<&str> = v.roles.iter().flat_map(|r| r.split_whitespace()).collect();
    let by_name: Vec<&CastMember> = cast
        .iter()
        .filter(|m| {
            m.name.split_whitespace().map(|n| n.to_lowercase()).any(|n| words.iter().any(|w| *w == n && !role_words.contains(&w.as_str())))
        })
        .collect();
    if by_name.len() == 1 {
        return by_name.first().copied();
    }
    let role = words.join(" ");
    let by_role: Vec<&CastMember> = cast.iter().filter(|m| m.role.to_lowercase() == role).collect();
    (by_role.len() == 1).then(|| by_role[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cast(t: &str) -> Vec<(String, String, Option<String>)> {
        title_cast(t).into_iter().map(|m| (m.role, m.name, m.of)).collect()
    }

    #[test]
    fn qualifiers_before_the_role() {
        let c = title_cast("On-the-Record Press Gaggle by White House National Security Communications Advisor John Kirby");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].name, "John Kirby");
        assert_eq!(c[0].qualifier.as_deref(), Some("White House"));
    }

    #[test]
    fn titles_name_people_with_roles_and_states() {
        assert_eq!(
            cast("Remarks by President Biden and Prime Minister Kishida Fumio of Japan in Joint Press Conference"),
            [("President".into(), "Biden".into(), None), ("Prime Minister".into(), "Kishida Fumio".into(), Some("Japan".into()))]
        );
        assert_eq!(
            cast("Remarks by Vice President Harris and President Iohannis of Romania in Joint Press Conference"),
            [("Vice President".into(), "Harris".into(), None), ("President".into(), "Iohannis".into(), Some("Romania".into()))]
        );
        assert_eq!(
            cast("Remarks by President Biden and President Sauli Niinistö of the Republic of Finland in Joint Press Conference | Helsinki, Finland"),
            [
                ("President".into(), "Biden".into(), None),
                ("President".into(), "Sauli Niinistö".into(), Some("the Republic of Finland".into()))
            ]
        );
        assert_eq!(cast("Readout of President\u{a0}Biden’s Meeting with FEMA"), [("President".into(), "Biden".into(), None)]);
    }

    #[test]
    fn labels_find_their_member() {
        let c = title_cast("Remarks by Vice President Harris and President Iohannis of Romania in Joint Press Conference");
        assert_eq!(find_member(&c, "THE PRESIDENT").map(|m| m.name.as_str()), Some("Iohannis"));
        assert_eq!(find_member(&c, "THE VICE PRESIDENT").map(|m| m.name.as_str()), Some("Harris"));
        assert_eq!(find_member(&c, "PRESIDENT IOHANNIS").map(|m| m.name.as_str()), Some("Iohannis"));
        assert_eq!(find_member(&c, "MODERATOR"), None);
    }
}
