//! Who "I", "we" and "our" are: the speaker of a turn, the author of a speech or statement, or
//! each signatory of a joint statement.
//!
//! A speaker label resolves to a state through the knowledge base (the person on the
//! document's date), the document's title ("Remarks by President Biden and Prime Minister Kishida
//! Fumio of Japan": the label `PRIME MINISTER KISHIDA` is the one "of Japan", `THE PRESIDENT` is
//! Biden), or a state named in the label itself (`ZAMBIAN OFFICIAL`, `WHITE HOUSE AIDE`). An
//! unlabelled text with an author speaks for the author's state; a joint statement's "we" is
//! each state its title names.

use crate::kb::{is_international, EntityId, EntityKind, KnowledgeBase, Target};
use crate::tokens::tokenize;
use chrono::NaiveDate;
use demarche_core::Section;
use demarche_core::Span;
use demarche_segment::{find_member, title_cast, CastMember, Context, Sentence, TurnLabel};

/// What the document says about its voices.
#[derive(Debug, Clone, Default)]
pub(crate) struct Voices {
    cast: Vec<CastMember>,
    author: Option<String>,
    /// The author's state (`ARM`), or an international actor's code.
    pub author_country: Option<String>,
    /// The states (or international actors) that sign a joint statement, in title order.
    pub signatories: Vec<String>,
}

impl Voices {
    pub(crate) fn new(kb: &KnowledgeBase, ctx: &Context, date: Option<NaiveDate>) -> Voices {
        let cast = ctx.title.map(title_cast).unwrap_or_default();
        let mut signatories = Vec::new();
        if let Some(t) = ctx.title {
            let lower = t.to_lowercase();
            if ["joint statement", "joint declaration", "joint communiqu", "joint readout", "leaders' statement", "leaders’ statement"]
                .iter()
                .any(|k| lower.contains(k))
            {
                signatories = states_named(kb, t, date);
            }
        }
        Voices {
            cast,
            author: ctx.author.map(str::to_string),
            author_country: ctx.author_country.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()),
            signatories,
        }
    }

    /// The actor code of a speaker label or name on `date` (`USAGOV`), if anything tells.
    pub(crate) fn speaker_code(&self, kb: &KnowledgeBase, speaker: &str, date: Option<NaiveDate>) -> Option<String> {
        let person = |name: &str| kb.person_by_name(name, date).and_then(|id| kb.entity(id).code_on(date));
        if let Some(c) = person(speaker) {
            return Some(c);
        }
        if let Some(m) = find_member(&self.cast, speaker) {
            if let Some(c) = person(&m.name).or_else(|| person(&m.display())) {
                return Some(c);
            }
            for phrase in [&m.of, &m.qualifier].into_iter().flatten() {
                // "White House" is known as "the White House".
                let found = states_named(kb, phrase, date)
                    .into_iter()
                    .next()
                    .or_else(|| states_named(kb, &format!("the {phrase}"), date).into_iter().next());
                if let Some(state) = found {
                    return Some(government(&state));
                }
            }
        }
        if self.author.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(speaker)) {
            if let Some(c) = &self.author_country {
                return Some(government(c));
            }
        }
        // A state in the label itself: "Zambian Official", "Foreign Minister of Armenia".
        states_named(kb, speaker, date).into_iter().next().map(|s| government(&s))
    }

    /// Find the author of an unlabelled speech from the speech itself: "on behalf of the people
    /// and Government of X", "my country, X". A state is preferred over an organisation.
    pub(crate) fn find_speech_author(&mut self, kb: &KnowledgeBase, text: &str, sentences: &[Sentence], date: Option<NaiveDate>) {
        if self.author_country.is_some() || !self.signatories.is_empty() {
            return;
        }
        let mut candidates: Vec<String> = Vec::new();
        // A speech read as narrative (no statement at all) still names its state in its opening
        // ("May I first, on behalf of the people and Government of the Republic of Cuba, ...").
        let no_statement = !sentences.iter().any(|s| s.section.is_official());
        let opening: Vec<&Sentence> = if no_statement {
            sentences.iter().filter(|s| s.speaker.is_none() && s.section == Section::Narrative).take(3).collect()
        } else {
            Vec::new()
        };
        for s in sentences.iter().filter(|s| s.speaker.is_none() && s.section == Section::Statement).chain(opening) {
            let sentence = s.span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
            let lower = sentence.to_lowercase();
            for opener in &cues().openers {
                let cue = format!("{opener} ");
                let mut from = 0;
                while let Some(at) = lower[from..].find(cue.as_str()) {
                    let start = from + at + cue.len();
                    let window: String = sentence[start..].split_whitespace().take(9).collect::<Vec<_>>().join(" ");
                    let window = window.split(['.', ';', '(']).next().unwrap_or("");
                    if names_in_apposition(opener, window) {
                        candidates.extend(states_named(kb, window, date));
                    }
                    from = start;
                }
            }
            if candidates.iter().any(|c| !is_international(c)) {
                break;
            }
        }
        // A state named after an opener, else the state the speech names as its own government,
        // else an organisation after an opener: "on behalf of all Member States of the United
        // Nations" in a sentence about what the Assembly should do names no speaker, while the
        // speech's "The Soviet Union proposes ..." does.
        self.author_country = candidates
            .iter()
            .find(|c| !is_international(c))
            .cloned()
            .or_else(|| self_named_government(kb, text, sentences, date))
            .or_else(|| candidates.first().cloned());
    }

    /// The author's actor code, for unlabelled first-person text.
    pub(crate) fn author_code(&self) -> Option<String> {
        self.author_country.as_deref().map(government)
    }
}

/// The speaker labels of a transcript (`MS. JEAN-PIERRE:`) as mentions of the people who speak,
/// each resolved as the voice of its turn is (the knowledge base on the date, the title's cast,
/// a state in the label). A label that tells nothing is left out. These mentions lie outside
/// every sentence: they name who speaks, the events of the turn take them through its voice. A
/// question's label is left out.
pub fn label_mentions(kb: &KnowledgeBase, text: &str, labels: &[TurnLabel], date: Option<NaiveDate>, ctx: &Context) -> Vec<crate::Mention> {
    let voices = Voices::new(kb, ctx, date);
    let mut known: std::collections::HashMap<&str, Option<(String, Option<EntityId>)>> = std::collections::HashMap::new();
    let mut out = Vec::new();
    // A reporter's label ("Dana Lee (Reuters)") names no political actor: its questions are not
    // a voice the knowledge base can tell.
    for label in labels.iter().filter(|l| l.section != Section::Question) {
        let resolved = known
            .entry(label.speaker.as_str())
            .or_insert_with(|| {
                let person = kb.person_by_name(&label.speaker, date).or_else(|| kb.person_by_name(label.span.slice(text), date));
                voices.speaker_code(kb, &label.speaker, date).map(|code| (code, person))
            })
            .clone();
        let Some((code, person)) = resolved else { continue };
        let (country, role) = crate::split_code(&code);
        out.push(crate::Mention {
            span: label.span,
            tokens: 0..0,
            code,
            country,
            role,
            kind: if person.is_some() { crate::MentionKind::Person } else { crate::MentionKind::Agent },
            resolved_from: Some(person.map_or_else(|| label.speaker.clone(), |id| kb.entity(id).name.clone())),
            entity: person,
            compound: None,
            partner: None,
            partners: Vec::new(),
            paired: false,
            own_side: false,
            addressed: false,
        });
    }
    out
}

/// Whether the words after an opener can name the speaker's state. After a preposition ("on
/// behalf of the people and Government of X") they can; after a noun ("my country", "my
/// delegation,") only in apposition, the name coming first ("my country, the Republic of X",
/// "my country Albania"), not as the object of a clause ("my country maintains relations with
/// Italy").
fn names_in_apposition(opener: &str, window: &str) -> bool {
    if opener.trim_end_matches(',').ends_with(" of") {
        return true;
    }
    let first = window.split_whitespace().next().unwrap_or("");
    first == "the" || first.chars().next().is_some_and(char::is_uppercase)
}

/// The phrases of `data/actors/voice.txt`.
struct Cues {
    briefing: Vec<String>,
    openers: Vec<String>,
    stance: Vec<String>,
}

fn cues() -> &'static Cues {
    static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        let mut c = Cues { briefing: Vec::new(), openers: Vec::new(), stance: Vec::new() };
        for e in crate::word_lists::entries(include_str!("../../../data/actors/voice.txt")) {
            match e.class {
                "briefing" => c.briefing.push(e.phrase),
                "opener" => c.openers.push(e.phrase),
                "stance" => c.stance.push(e.phrase),
                _ => {}
            }
        }
        c
    })
}

/// True when a title makes the text one government's briefing of the press ("Press Gaggle by
/// Press Secretary X", "Background Press Call by Senior Administration Officials"): its
/// officials speak for their own side only.
pub(crate) fn is_briefing(title: &str) -> bool {
    let lower = title.to_lowercase();
    cues().briefing.iter().any(|b| lower.contains(b.as_str()))
}

/// A speech that names no state in its opening often speaks of its own government in the third
/// person ("The Finnish Government must express ...", "in the view of the Government of X") or
/// makes its state the subject of a verb of stance ("The Republic of X calls upon ...", "The
/// Soviet Union proposes ..."): the state with the highest score, at least two and more than any
/// other, where "X Government" / "X delegation" / "Government / delegation of X" counts one and
/// a stance with the state as its subject (within the first eight words) counts two, in the
/// unlabelled official sentences.
fn self_named_government(kb: &KnowledgeBase, text: &str, sentences: &[Sentence], date: Option<NaiveDate>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut add = |c: &str, n: usize| match counts.iter_mut().find(|(k, _)| k == c) {
        Some((_, m)) => *m += n,
        None => counts.push((c.to_string(), n)),
    };
    for s in sentences.iter().filter(|s| s.speaker.is_none() && matches!(s.section, Section::Statement | Section::Narrative)) {
        let words: Vec<&str> = s.span.slice(text).split_whitespace().collect();
        // "The Republic of Djibouti calls upon": the subject before the first verb of stance.
        let stance = words.iter().take(8).position(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            cues().stance.contains(&w)
        });
        if let Some(i) = stance.filter(|&i| i > 0) {
            let subject = words[..i].join(" ");
            // "The Finnish Government supports": counted below, once.
            let lower = subject.to_lowercase();
            if !subject.contains(',') && !lower.contains("government") && !lower.contains("delegation") {
                if let Some(c) = states_named(kb, &subject, date).into_iter().rfind(|c| !is_international(c)) {
                    add(&c, 2);
                }
            }
        }
        for (i, w) in words.iter().enumerate() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            if w != "government" && w != "delegation" {
                continue;
            }
            // "the Finnish Government": up to three words before; "Government of Finland": up to
            // five after "of".
            let before = words[i.saturating_sub(3)..i].join(" ");
            let after =
                if words.get(i + 1).is_some_and(|o| *o == "of") { words[i + 2..(i + 7).min(words.len())].join(" ") } else { String::new() };
            let named: Vec<String> = states_named(kb, &before, date)
                .into_iter()
                .chain(states_named(kb, &after, date))
                .filter(|c| !is_international(c))
                .collect();
            if let Some(c) = named.last() {
                add(c, 1);
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|(_, m)| m < n) => Some(c.clone()),
        _ => None,
    }
}

/// `XXXGOV` for a state, the code itself for an international actor.
pub(crate) fn government(code: &str) -> String {
    if is_international(code) || code.len() > 3 {
        code.to_string()
    } else {
        format!("{code}GOV")
    }
}

/// The states (3-letter codes) or international actors a phrase names, in order, each once.
pub(crate) fn states_named(kb: &KnowledgeBase, phrase: &str, date: Option<NaiveDate>) -> Vec<String> {
    let clean = phrase.replace('\u{a0}', " ");
    let toks = tokenize(&clean, Span::new(0, clean.len()));
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match kb.trie.longest_at(&toks, i) {
            Some((len, phrases)) => {
                let found = phrases.iter().find_map(|p| match &p.value {
                    Target::Name(id) | Target::Capital(id) | Target::Adjective(id) => {
                        let e = kb.entity(*id);
                        if !e.valid_on(date) || matches!(e.kind, EntityKind::Group | EntityKind::Region) {
                            return None;
                        }
                        let code = e.code_on(date)?;
                        Some(if is_international(&code) { code } else { code.get(..3).unwrap_or(&code).to_string() })
                    }
                    // A surname alone is resolved in context by `recognize`, not in a title.
                    Target::Agent(_) | Target::Surname(_) => None,
                });
                if let Some(c) = found {
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn briefing_titles() {
        assert!(is_briefing("Press Gaggle by Press Secretary Karine Jean-Pierre En Route Brindisi, Italy"));
        assert!(is_briefing("Background Press Call by Senior Administration Officials on the Summit"));
        assert!(is_briefing("Department Press Briefing"));
        assert!(!is_briefing("Remarks by President Biden and Prime Minister Kishida in Joint Press Conference"));
        assert!(!is_briefing("Readout of President Biden's Call with President Macron of France"));
    }
    use demarche_core::dates::parse_date;

    #[test]
    fn labels_resolve_through_kb_title_and_label() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("2024-04-10");
        let ctx = Context {
            title: Some("Remarks by President Biden and Prime Minister Kishida Fumio of Japan in Joint Press Conference"),
            ..Context::default()
        };
        let v = Voices::new(&kb, &ctx, date);
        assert_eq!(v.speaker_code(&kb, "The President", date).as_deref(), Some("USAGOV"));
        assert_eq!(v.speaker_code(&kb, "Prime Minister Kishida", date).as_deref().map(|c| &c[..3]), Some("JPN"));
        assert_eq!(v.speaker_code(&kb, "Zambian Official", date).as_deref(), Some("ZMBGOV"));
        assert!(v.signatories.is_empty());
    }

    #[test]
    fn a_speech_names_its_state() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("2021-09-20");
        let text = "I speak today before the Assembly as we all face the same crisis together, and we must act now. \
                    I am honoured to be here on behalf of Canada’s newly re-elected Government. We welcome the Secretary-General's report.";
        let sentences = demarche_segment::segment_document(text, &Context::default()).sentences;
        let mut v = Voices::default();
        // Too short to be read as a speech without an author: label it by hand.
        let sentences: Vec<Sentence> = sentences
            .into_iter()
            .map(|mut s| {
                s.section = Section::Statement;
                s
            })
            .collect();
        v.find_speech_author(&kb, text, &sentences, date);
        assert_eq!(v.author_country.as_deref(), Some("CAN"));
    }

    /// A text's sentences, all read as the author's statement.
    fn statements(text: &str) -> Vec<Sentence> {
        let mut sentences = demarche_segment::segment_document(text, &Context::default()).sentences;
        for s in &mut sentences {
            s.section = Section::Statement;
        }
        sentences
    }

    /// A speech that makes its own state the subject of verbs of stance, and names another
    /// state's government more often than its own.
    #[test]
    fn a_speech_whose_state_takes_a_stance() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("1991-09-20");
        let text = "Ghana welcomes the agreement. The Government of Kuwait was removed by force. \
                    We demand the return of the legitimate Government of Kuwait. The Republic of Ghana strongly supports the Secretary-General. \
                    Kuwait remains occupied.";
        let mut v = Voices::default();
        v.find_speech_author(&kb, text, &statements(text), date);
        assert_eq!(v.author_country.as_deref(), Some("GHA"));
        // A state that is the subject only once, against a government named twice: the government.
        let text = "Iraq rejects the resolution. My Government speaks for Kuwait. The Government of Kuwait \
                    thanks the Assembly. The Kuwaiti Government is grateful.";
        let mut v = Voices::default();
        v.find_speech_author(&kb, text, &statements(text), date);
        assert_eq!(v.author_country.as_deref(), None);
    }

    #[test]
    fn a_speech_that_names_its_own_government() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("1976-09-20");
        let text = "My Government welcomes the report. The Finnish Government supports the peace force. \
                    The South African regime must withdraw. The view of the Finnish Government is clear.";
        let sentences = statements(text);
        let mut v = Voices::default();
        v.find_speech_author(&kb, text, &sentences, date);
        assert_eq!(v.author_country.as_deref(), Some("FIN"));
        // Named once each: no state stands out.
        let text = "The Finnish Government supports it. The Swedish Government opposes it.";
        let sentences = statements(text);
        let mut v = Voices::default();
        v.find_speech_author(&kb, text, &sentences, date);
        assert_eq!(v.author_country, None);
    }

    /// "on behalf of" before an organisation, in a sentence about what the Assembly should do,
    /// names no speaker when the speech names its own state; "my country" names the speaker's
    /// state only in apposition.
    #[test]
    fn a_state_the_speech_names_as_its_own_before_an_organisation_or_a_clause_object() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("1981-09-20");
        let text = "The Soviet Union proposes a declaration. The Assembly should, on behalf of all Member States of the \
                    United Nations, adopt it. The Soviet Union supports the nonaligned movement.";
        let mut v = Voices::default();
        v.find_speech_author(&kb, text, &statements(text), date);
        assert_eq!(v.author_country.as_deref(), Some("SUN"));
        let text = "My country maintains normal relations with Italy. We welcome the report.";
        let mut v = Voices::default();
        v.find_speech_author(&kb, text, &statements(text), date);
        assert_eq!(v.author_country, None);
        let text = "My country, the Republic of Ghana, welcomes the report.";
        let mut v = Voices::default();
        v.find_speech_author(&kb, text, &statements(text), date);
        assert_eq!(v.author_country.as_deref(), Some("GHA"));
    }

    #[test]
    fn joint_statements_are_signed_by_the_states_of_the_title() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let date = parse_date("2024-08-16");
        let ctx = Context { title: Some("Joint Statement from the United States, Egypt, and Qatar"), ..Context::default() };
        assert_eq!(Voices::new(&kb, &ctx, date).signatories, ["USA", "EGY", "QAT"]);
    }
}
