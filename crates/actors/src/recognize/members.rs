//! People the knowledge base lacks, known by what the text says around their name (the words of
//! `data/actors/titles.txt`): a legislator's title before the name ("Representative Mike
//! Simpson", "Representatives Susie Lee, Dina Titus"), a journalist's word or outlet beside it
//! ("American journalist Nandita Bose", "Colleen Long, Associated Press", "Dana Lee (Reuters)"),
//! or an official giving a reporter the floor in a press conference ("Go ahead, Peter.").

use super::{unknown_name_run, DocState, Mention, MentionKind};
use crate::kb::{is_honorific, is_international};
use crate::tokens::{Case, Token};
use demarche_segment::Sentence;

/// The phrases of `data/actors/titles.txt`, by class.
#[derive(Default)]
pub(super) struct Titles {
    legislator: Vec<String>,
    /// The legislator titles' plurals ("representatives", "congresswomen"): a title for a list.
    legislators: Vec<String>,
    journalist: Vec<String>,
    call: Vec<Vec<String>>,
    /// Words of office or rank written before a surname: never a given name.
    pub(super) office: Vec<String>,
    /// Prepositions after which a capitalised name is a place or a time, not a person.
    place_time: Vec<String>,
    /// Agent phrases naming the one holder of an office ("president", "taoiseach").
    pub(super) holder: Vec<String>,
    /// Diplomatic titles before an envoy's name.
    pub(super) envoy: Vec<String>,
    /// Styles of address before a name ("sheikh", "dr").
    pub(super) style: Vec<String>,
}

pub(super) fn titles() -> &'static Titles {
    static TITLES: std::sync::OnceLock<Titles> = std::sync::OnceLock::new();
    TITLES.get_or_init(|| {
        let mut t = Titles::default();
        for e in crate::word_lists::entries(include_str!("../../../../data/actors/titles.txt")) {
            let phrase = e.phrase;
            match e.class {
                "legislator" => {
                    t.legislators.extend(crate::kb::plurals(&phrase));
                    t.legislator.push(phrase);
                }
                "journalist" => t.journalist.push(phrase),
                "call" => t.call.push(phrase.split_whitespace().map(str::to_string).collect()),
                "office" => t.office.push(phrase),
                "place_time" => t.place_time.push(phrase),
                "holder" => t.holder.push(phrase),
                "envoy" => t.envoy.push(phrase),
                "style" => t.style.push(phrase),
                _ => {}
            }
        }
        t
    })
}

/// True when token `k` is a capitalised word of a name (not an honorific, not one letter).
fn name_word(toks: &[Token], k: usize) -> bool {
    toks.get(k).is_some_and(|t| {
        t.is_word
            && matches!(t.case, Case::Capitalized | Case::Mixed)
            && t.norm.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !is_honorific(&t.norm)
    })
}

/// The name run ending just before `end` (capitalised words, hyphens between them): its start,
/// when it has `min..=4` words.
fn name_before(toks: &[Token], end: usize, min: usize) -> Option<usize> {
    let mut k = end;
    let mut words = 0;
    while k > 0 {
        if name_word(toks, k - 1) {
            words += 1;
            k -= 1;
        } else if toks[k - 1].norm == "-" && words > 0 && k >= 2 && name_word(toks, k - 2) {
            k -= 1;
        } else {
            break;
        }
    }
    (words >= min && words <= 4).then_some(k)
}

/// The start of a personal name ending just before `end`: two to five capitalised words, with
/// the particles of names between them ("Rogelio Ramírez de la O", "Ursula von der Leyen") and
/// hyphens; no word of address or office ("Your Excellency", "Distinguished Delegates").
fn name_with_particles_before(toks: &[Token], end: usize) -> Option<usize> {
    const ADDRESS: &[&str] = &["your", "excellency", "excellencies", "majesty", "highness", "distinguished", "ladies", "gentlemen", "dear"];
    const FUNCTION: &[&str] = &[
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "so",
        "we",
        "i",
        "our",
        "my",
        "this",
        "that",
        "today",
        "yesterday",
        "then",
        "now",
        "also",
        "as",
        "when",
        "while",
        "if",
    ];
    let word = |t: &Token| {
        t.is_word
            && matches!(t.case, Case::Capitalized | Case::Mixed)
            && !is_honorific(&t.norm)
            && !ADDRESS.contains(&t.norm.as_str())
            && !FUNCTION.contains(&t.norm.as_str())
            && !is_place_or_time_preposition(&t.norm)
    };
    let mut k = end;
    let mut words = 0;
    while k > 0 {
        let t = &toks[k - 1];
        if word(t) && !super::is_title_word(&t.norm) {
            words += 1;
        } else if !(words > 0 && (t.norm == "-" || (t.case == Case::Lower && crate::kb::NAME_PARTICLES.contains(&t.norm.as_str())))) {
            break;
        }
        k -= 1;
    }
    // The run starts with a capitalised word (a particle or hyphen before it is not the name's).
    while k < end && !word(&toks[k]) {
        k += 1;
    }
    (2..=5).contains(&words).then_some(k).filter(|&k| k < end)
}

/// Prepositions after which a capitalised name is more often a place or a time than a person
/// (`place_time` of `data/actors/titles.txt`).
fn is_place_or_time_preposition(norm: &str) -> bool {
    titles().place_time.iter().any(|w| w == norm)
}

/// The number of words of a run of tokens (hyphens not counted).
fn words(toks: &[Token], range: std::ops::Range<usize>) -> usize {
    toks[range].iter().filter(|t| t.is_word).count()
}

impl DocState<'_> {
    /// Add the mentions of people known by the words around their names (see the module).
    pub(super) fn members(&self, s: &Sentence, toks: &[Token], mentions: &mut Vec<Mention>) {
        self.legislators(toks, mentions);
        self.journalists(toks, mentions);
        self.reporters_called(s, toks, mentions);
        self.titles_after_names(toks, mentions);
    }

    /// "Rogelio Ramírez de la O, Finance Minister of Mexico", "X, the Foreign Minister of Y": a
    /// name we lack (two to five capitalised words, particles such as "de la" between them),
    /// opening its sentence or an item of a list (after ",", ";", ":" or "(") or after a word
    /// that is no preposition of place or time ("met Jaja Wachuku, the ..."), then a
    /// comma and a state's title of one holder (a word of office: "Minister", "Secretary",
    /// "Ambassador" ..., the words before it capitalised) is that office-holder: the title's
    /// mention is widened back to the name, so the name and its title are one actor.
    fn titles_after_names(&self, toks: &[Token], mentions: &mut [Mention]) {
        let spans: Vec<std::ops::Range<usize>> = mentions.iter().map(|m| m.tokens.clone()).collect();
        for m in mentions.iter_mut() {
            let start = m.tokens.start;
            let head = &toks[start];
            if m.kind != MentionKind::Agent
                || m.entity.is_some_and(|id| self.kb.entity(id).kind != crate::kb::EntityKind::Country)
                || m.country.len() != 3
                || is_international(&m.code)
                || head.case != Case::Capitalized
                || !toks[m.tokens.clone()].iter().any(|t| super::is_title_word(&t.norm) && !t.norm.ends_with('s'))
            {
                continue;
            }
            // Capitalised words of the title before its head ("Finance", "Deputy Foreign"), an article.
            let mut k = start;
            while k > 0 && start - k < 3 && name_word(toks, k - 1) {
                k -= 1;
            }
            if k > 0 && toks[k - 1].norm == "the" {
                k -= 1;
            }
            if k < 3 || toks[k - 1].norm != "," {
                continue;
            }
            let comma = k - 1;
            let Some(name) = name_with_particles_before(toks, comma) else { continue };
            // Not a place or time named before the title ("In Lagos City, the Minister ...").
            let before = if name == 0 { "" } else { toks[name - 1].norm.as_str() };
            let opens = matches!(before, "" | "," | ";" | ":" | "(")
                || (toks[name - 1].is_word && toks[name - 1].case == Case::Lower && !is_place_or_time_preposition(before));
            if !opens || spans.iter().any(|r| r.start < comma && name < r.end) {
                continue;
            }
            m.tokens.start = name;
            m.span = demarche_core::Span::new(toks[name].span.start, m.span.end);
            m.resolved_from = Some("the title after the name".to_string());
        }
    }

    fn free(mentions: &[Mention], range: std::ops::Range<usize>) -> bool {
        !mentions.iter().any(|m| m.tokens.start < range.end && range.start < m.tokens.end)
    }

    fn named(&self, toks: &[Token], range: std::ops::Range<usize>, code: String, why: &str) -> Mention {
        let mut m = self.mention(toks, range, code, MentionKind::Agent);
        m.resolved_from = Some(why.to_string());
        m
    }

    /// "Representative Mike Simpson", "Senator Dodd", "Representatives Susie Lee, Dina Titus":
    /// a capitalised member's title before names we lack is the legislature of the state in
    /// focus (the speaker's, else the author's).
    fn legislators(&self, toks: &[Token], mentions: &mut Vec<Mention>) {
        let own = self.focus.clone().or_else(|| self.voices.author_country.clone());
        let Some(state) = own.filter(|c| !is_international(c)).and_then(|c| c.get(..3).map(str::to_string)) else { return };
        let t = titles();
        let mut i = 0;
        while i < toks.len() {
            let tok = &toks[i];
            let capital = tok.is_word && matches!(tok.case, Case::Capitalized | Case::Upper);
            let plural = capital && t.legislators.contains(&tok.norm);
            if !(capital && (plural || t.legislator.contains(&tok.norm))) {
                i += 1;
                continue;
            }
            // "Veronica Escobar, Representative, for ...": the title in apposition after the name.
            let after = toks.get(i + 1).map(|t| t.norm.as_str());
            if !plural && i >= 3 && toks[i - 1].norm == "," && after.is_none_or(|a| matches!(a, "," | "." | "for" | "from" | "of")) {
                if let Some(start) = name_before(toks, i - 1, 2).filter(|&st| Self::free(mentions, st..i - 1)) {
                    mentions.push(self.named(toks, start..i - 1, format!("{state}LEG"), "a legislator's title"));
                    i += 1;
                    continue;
                }
            }
            let from = if toks.get(i + 1).is_some_and(|t| t.norm == ".") { i + 2 } else { i + 1 };
            let n = unknown_name_run(toks, from);
            if n == 0 || !Self::free(mentions, from..from + n) {
                i += 1;
                continue;
            }
            // The title's own agent mention ("Senator") gives way to the titled name.
            mentions.retain(|m| !(m.tokens.start >= i && m.tokens.end <= from));
            let code = format!("{state}LEG");
            mentions.push(self.named(toks, i..from + n, code.clone(), "a legislator's title"));
            let mut k = from + n;
            // "Representatives Susie Lee, Dina Titus", "Representatives Ed Case and Jill Tokuda".
            while plural && k < toks.len() {
                let sep = match toks.get(k).map(|t| t.norm.as_str()) {
                    Some(",") if toks.get(k + 1).is_some_and(|t| t.norm == "and") => 2,
                    Some(",") | Some("and") => 1,
                    _ => break,
                };
                let m = unknown_name_run(toks, k + sep);
                if m == 0 || !Self::free(mentions, k + sep..k + sep + m) {
                    break;
                }
                mentions.push(self.named(toks, k + sep..k + sep + m, code.clone(), "a legislator's title"));
                k += sep + m;
            }
            i = k.max(i + 1);
        }
    }

    /// A journalist named beside a word for a journalist ("American journalist Nandita Bose") or
    /// beside a media outlet ("Colleen Long, Associated Press", "David Cochrane, CBC", "Dana Lee
    /// (Reuters)", "Linette Lai, from the Singapore Press Holdings"): the journalist's phrase's
    /// code, else the outlet's state's media (MED). A surname read inside such a name ("Lee")
    /// names the journalist, not a leader of that surname.
    fn journalists(&self, toks: &[Token], mentions: &mut Vec<Mention>) {
        let t = titles();
        let mut add: Vec<Mention> = Vec::new();
        let mut drop: Vec<usize> = Vec::new();
        for m in mentions.iter() {
            let media = m.role.as_deref() == Some("MED") && m.country.len() == 3 && !is_international(&m.code);
            if !media {
                continue;
            }
            let last = &toks[m.tokens.end - 1];
            if m.kind == MentionKind::Agent && t.journalist.contains(&last.norm) {
                // "journalist Nandita Bose", "journalist, Ms. Linette Lai".
                let mut k = m.tokens.end;
                if toks.get(k).is_some_and(|t| t.norm == ",") {
                    k += 1;
                }
                if toks.get(k).is_some_and(|t| is_honorific(&t.norm)) {
                    k += if toks.get(k + 1).is_some_and(|t| t.norm == ".") { 2 } else { 1 };
                }
                let n = unknown_name_run(toks, k);
                if n > 0 && Self::free(mentions, k..k + n) && Self::free(&add, k..k + n) {
                    add.push(self.named(toks, k..k + n, m.code.clone(), "a journalist"));
                }
                continue;
            }
            if m.kind != MentionKind::Organization {
                continue;
            }
            let code = format!("{}MED", m.country);
            // Before the outlet: "NAME, OUTLET", "NAME (OUTLET)", "NAME of/from (the) OUTLET".
            let mut c = m.tokens.start;
            if c > 0 && toks[c - 1].norm == "the" {
                c -= 1;
            }
            if c > 0 && matches!(toks[c - 1].norm.as_str(), "of" | "from") {
                c -= 1;
            }
            if c > 0 && matches!(toks[c - 1].norm.as_str(), "," | "(") {
                c -= 1;
            }
            if c < m.tokens.start {
                if let Some(start) = name_before(toks, c, 2).filter(|&st| Self::free(&add, st..c)) {
                    if let Some(replaced) = self.journalist_name(mentions, start..c) {
                        drop.extend(replaced);
                        add.push(self.named(toks, start..c, code.clone(), "a journalist of an outlet named beside"));
                        continue;
                    }
                }
            }
            // After the outlet: "OUTLET, NAME" (then a comma, a full stop or the end).
            let k = m.tokens.end;
            if toks.get(k).is_some_and(|t| t.norm == ",") {
                let n = unknown_name_run(toks, k + 1);
                let closed = toks.get(k + 1 + n).is_none_or(|t| matches!(t.norm.as_str(), "," | "." | "?"));
                if n > 0 && words(toks, k + 1..k + 1 + n) >= 2 && closed && Self::free(&add, k + 1..k + 1 + n) {
                    if let Some(replaced) = self.journalist_name(mentions, k + 1..k + 1 + n) {
                        drop.extend(replaced);
                        add.push(self.named(toks, k + 1..k + 1 + n, code, "a journalist of an outlet named beside"));
                    }
                }
            }
        }
        if add.is_empty() {
            return;
        }
        let mut k = 0;
        mentions.retain(|_| {
            k += 1;
            !drop.contains(&(k - 1))
        });
        mentions.extend(add);
    }

    /// The mentions inside a journalist's name `range` that give way to it: none, or surnames
    /// read inside the longer name ("Dana Lee": "Lee"); `None` when a mention there stands (a
    /// person named in full, a state).
    fn journalist_name(&self, mentions: &[Mention], range: std::ops::Range<usize>) -> Option<Vec<usize>> {
        let mut out = Vec::new();
        for (k, m) in mentions.iter().enumerate() {
            if m.tokens.start < range.end && range.start < m.tokens.end {
                let inside = m.tokens.start >= range.start && m.tokens.end <= range.end;
                let surname = m.kind == MentionKind::Person && m.tokens.len() == 1 && range.len() > 1;
                if !(inside && surname) {
                    return None;
                }
                out.push(k);
            }
        }
        Some(out)
    }

    /// "Go ahead, Peter.", "Thank you, Nandita.", "With that, Seung Min.", "Seung Min.": in an
    /// official's turn of a document with questions, the name of a reporter given the floor —
    /// a journalist of the official's state, unless the document named someone in full by that
    /// first name ("Thank you, Jake" after "Jake Sullivan").
    fn reporters_called(&self, s: &Sentence, toks: &[Token], mentions: &mut Vec<Mention>) {
        let Some(state) = self.focus.clone().filter(|_| s.section.is_official()) else { return };
        if !self.has_questions {
            return;
        }
        let mut starts: Vec<usize> = Vec::new();
        // The whole sentence is the name ("Seung Min.").
        if toks.first().is_some_and(|t| t.is_word) {
            starts.push(0);
        }
        for phrase in &titles().call {
            let n = phrase.len();
            for i in 0..toks.len().saturating_sub(n) {
                if toks[i..i + n].iter().zip(phrase).all(|(t, w)| t.norm == *w) && toks[i + n].norm == "," {
                    starts.push(i + n + 1);
                }
            }
        }
        // A reporter addressed in the middle of an answer ("— Andrea, you heard from the
        // President", "because, JJ, that's the question"): a name alone between a comma or dash
        // and a comma followed by a word that goes on speaking to or about the question.
        let mut vocatives: Vec<usize> = Vec::new();
        const GOES_ON: &[&str] = &["you", "i", "we", "that", "that's", "it", "it's", "this", "there", "look", "let", "as", "what"];
        for i in 1..toks.len().saturating_sub(2) {
            let t = &toks[i];
            let initials =
                t.is_word && t.case == Case::Upper && (2..=3).contains(&t.norm.chars().count()) && t.norm.chars().all(char::is_alphabetic);
            // A hyphen counts as a dash only with a space before it ("Jean-Pierre" is one name).
            let dash = toks[i - 1].norm == "-" && i >= 2 && toks[i - 2].span.end < toks[i - 1].span.start;
            if (dash || matches!(toks[i - 1].norm.as_str(), "," | "—" | "–"))
                && (initials || name_word(toks, i))
                && toks[i + 1].norm == ","
                && GOES_ON.contains(&toks[i + 2].norm.as_str())
                && !super::is_title_word(&t.norm)
                && demarche_core::dates::month_number(&t.norm).is_none()
                && demarche_core::dates::weekday_of(&t.norm).is_none()
            {
                vocatives.push(i);
            }
        }
        for from in starts {
            let n = unknown_name_run(toks, from);
            if n == 0 || words(toks, from..from + n) > 2 || !(from..from + n).all(|k| !toks[k].is_word || name_word(toks, k)) {
                continue;
            }
            let closed = toks.get(from + n).is_none_or(|t| matches!(t.norm.as_str(), "," | "." | "?" | "—" | "-" | "!"));
            // A sentence of the name alone: nothing but a name of two words and its stop ("Seung
            // Min."; one word alone is as often "Yes." or "Look.").
            let alone_ok = from > 0 || (toks.len() <= from + n + 1 && words(toks, from..from + n) == 2);
            if !closed || !alone_ok || !Self::free(mentions, from..from + n) {
                continue;
            }
            if let Some(id) = self.named_by_first_word(&toks[from].norm).filter(|_| n == 1) {
                if let Some(code) = self.kb.entity(id).code_on(self.date) {
                    let mut m = self.mention(toks, from..from + n, code, MentionKind::Person);
                    m.entity = Some(id);
                    m.resolved_from = Some(self.kb.entity(id).name.clone());
                    mentions.push(m);
                }
                continue;
            }
            mentions.push(self.named(toks, from..from + n, format!("{state}MED"), "a reporter given the floor"));
        }
        for i in vocatives {
            if !Self::free(mentions, i..i + 1) {
                continue;
            }
            if let Some(id) = self.named_by_first_word(&toks[i].norm) {
                if let Some(code) = self.kb.entity(id).code_on(self.date) {
                    let mut m = self.mention(toks, i..i + 1, code, MentionKind::Person);
                    m.entity = Some(id);
                    m.resolved_from = Some(self.kb.entity(id).name.clone());
                    mentions.push(m);
                }
                continue;
            }
            mentions.push(self.named(toks, i..i + 1, format!("{state}MED"), "a reporter addressed"));
        }
    }
}
