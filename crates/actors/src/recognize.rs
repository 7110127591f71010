//! Recognition and in-document resolution of actor mentions.
//!
//! For each sentence: dictionary matches (longest first) are grouped into chunks joined by
//! nothing, a possessive or "of" ("Armenia's FM Ararat Mirzoyan", "Prime Minister of Armenia
//! Nikol Pashinyan", "the Russian Embassy"), and each chunk becomes one mention whose code
//! composes a country with an agent's role, or is the named person's code on the document's date.
//! Coordinated mentions ("Russia and Armenia") share a compound id. Then pronouns are resolved:
//! in a speaker's turn "I" is the speaker and "we" the speaker's government, paired with a partner
//! when the speaker has paired himself with one; "he", "they" and bare agents ("the minister")
//! refer back to recent mentions.

use crate::kb::{is_international, EntityId, EntityKind, KnowledgeBase, Target};
use crate::principals::Principals;
use crate::tokens::{tokenize, Case, Token};
use crate::voice::{government, Voices};
use chrono::NaiveDate;
use demarche_core::{Section, Span};
use demarche_segment::{Context, Sentence};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A state's name ("Armenia").
    Country,
    /// A state's adjective or demonym alone ("Armenian", "Armenians").
    Adjective,
    /// A capital standing for its government ("Yerevan").
    Capital,
    /// A seat of power or institution ("the Kremlin").
    Metonym,
    /// An international organisation or group.
    Organization,
    /// A named person.
    Person,
    /// A role word composed with a country ("the Russian Embassy") or resolved alone.
    Agent,
    /// A member of a named group of countries ("the South Caucasus").
    Group,
    /// A pronoun resolved to an actor.
    Pronoun,
    /// A world region by name ("Latin America", "the West"), coded with its CAMEO region code
    /// (`LAM`, `WST`); its adjective before a noun is an [`MentionKind::Adjective`].
    Region,
}

/// One actor mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte span in the document.
    pub span: Span,
    /// Token range within the sentence.
    #[serde(skip)]
    pub tokens: Range<usize>,
    /// The CAMEO actor code on the document's date (`RUSGOV`, `ARM`, `IGOUNO`).
    pub code: String,
    /// The state (3 letters) or, for an international actor, its whole code.
    pub country: String,
    /// The role code after the country (`GOV`, `LEG` ...), `IGO`/`NGO`/`IMG` for international
    /// actors, or `None` for a bare state.
    pub role: Option<String>,
    /// How it was recognised.
    pub kind: MentionKind,
    /// The name it was resolved to, for pronouns, metonyms, short names and bare agents.
    pub resolved_from: Option<String>,
    /// The knowledge-base entity, when there is one.
    #[serde(skip)]
    pub entity: Option<EntityId>,
    /// Mentions coordinated with each other ("Russia and Armenia") share an id.
    pub compound: Option<u32>,
    /// For "we"/"our": the partner's code when the speaker speaks for both sides; for a party of
    /// a two-party readout or joint statement, the other party.
    pub partner: Option<String>,
    /// For "we"/"our" of a leader in a press conference of three or more principal parties (a
    /// trilateral summit): every other party, `partner` first. Empty otherwise.
    #[serde(skip)]
    pub partners: Vec<String>,
    /// For "we"/"our": true when "we" means the speaker's side and the partner together.
    pub paired: bool,
    /// For "we"/"our" with a partner: true when the partner has no turn of its own in the
    /// document (one leader's remarks at a summit): "we" states the speaker's side's intentions
    /// toward the partner, not the partner's (joint acts it reports stay both sides').
    #[serde(skip)]
    pub own_side: bool,
    /// A title the speaker addresses ("Mr. President, ..."): the listener, not a party named.
    #[serde(skip)]
    pub addressed: bool,
}

impl Mention {
    /// True for a pronoun.
    pub fn is_pronoun(&self) -> bool {
        self.kind == MentionKind::Pronoun
    }

    /// True for a mention of one known person by a name ("Prime Minister Kishida") or a title
    /// resolved to its holder ("the President" in a White House briefing). Such mentions, and a
    /// "he" or "she" already resolved to one, are what a later "he" or "she" refers back to; a
    /// speaker's "I" is not.
    pub fn is_person(&self, kb: &KnowledgeBase) -> bool {
        self.kind == MentionKind::Person
            || (self.kind == MentionKind::Agent && self.entity.is_some_and(|id| kb.entity(id).kind == EntityKind::Person))
    }
}

/// One sentence's tokens and mentions.
#[derive(Debug, Clone)]
pub struct SentenceActors {
    /// Tokens of the sentence.
    pub tokens: Vec<Token>,
    /// Mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Who "I" and "we" are in this sentence: the labelled speaker's or the author's actor code
    /// (none in a joint statement, whose "we" is each signatory, or when nothing tells).
    pub voice: Option<String>,
}

/// Split a code into (country, role): `RUSGOV` → (`RUS`, `GOV`), `ARM` → (`ARM`, none). The
/// country is always the first three letters: for an international actor its sector (`IGOUNO` →
/// (`IGO`, `IGO`)), so that the field never holds a whole organisation code. Codes shorter than
/// three letters or not split at a character boundary are kept whole.
pub fn split_code(code: &str) -> (String, Option<String>) {
    let (Some(head), Some(rest)) = (code.get(..3), code.get(3..)) else {
        return (code.to_string(), None);
    };
    if is_international(code) {
        return (head.to_string(), Some(head.to_string()));
    }
    if rest.is_empty() {
        return (code.to_string(), None);
    }
    (head.to_string(), Some(rest.to_string()))
}

#[derive(Debug, Clone)]
struct Raw {
    toks: Range<usize>,
    target: Target,
}

/// Recognize and resolve the actors of a whole document.
pub fn analyze(kb: &KnowledgeBase, text: &str, sentences: &[Sentence], date: Option<NaiveDate>) -> Vec<SentenceActors> {
    analyze_with(kb, text, sentences, date, &Context::default())
}

/// Recognize and resolve the actors of a document with what is known about it: its title
/// (which names the speakers of a press conference or the signatories of a joint statement) and
/// its author (whose state "I", "we" and "our" are in unlabelled text).
pub fn analyze_with(kb: &KnowledgeBase, text: &str, sentences: &[Sentence], date: Option<NaiveDate>, ctx: &Context) -> Vec<SentenceActors> {
    let mut voices = Voices::new(kb, ctx, date);
    voices.find_speech_author(kb, text, sentences, date);
    let principals = Principals::new(kb, ctx, text, sentences, date, &voices);
    let mut state = DocState::new(kb, text, sentences, date, voices);
    state.principals = principals;
    // A government's briefing of the press has no interlocutor: its officials' "we" is their own
    // side, whatever foreign leaders they speak of.
    if ctx.title.is_some_and(crate::voice::is_briefing) {
        state.interlocutor = None;
    }
    let mut out: Vec<SentenceActors> = sentences.iter().enumerate().map(|(i, s)| state.sentence(i, s)).collect();
    // Each sentence's tokens, read once for the whole document, go to its result.
    let tokens = std::mem::take(&mut state.tokens);
    let tokens = std::rc::Rc::try_unwrap(tokens).unwrap_or_else(|shared| (*shared).clone());
    for (sa, toks) in out.iter_mut().zip(tokens) {
        sa.tokens = toks;
    }
    out
}

/// Every actor mention of a segmented document in text order, each with the section it stands
/// in: the speaker labels (who speaks a turn, [`crate::label_mentions`]) and the mentions of
/// every sentence ([`analyze_with`]). What `demarche actors` prints and Python's `actors` returns.
pub fn document_mentions(
    kb: &KnowledgeBase,
    text: &str,
    segmented: &demarche_segment::Segmented,
    date: Option<NaiveDate>,
    ctx: &Context,
) -> Vec<(Mention, Section)> {
    let analysed = analyze_with(kb, text, &segmented.sentences, date, ctx);
    let lines = demarche_core::LineIndex::new(text);
    // `segmented.lines` are in line order: a label's line is found by binary search.
    let label_section = |m: &Mention| {
        let line = lines.line_of(m.span.start);
        let k = segmented.lines.partition_point(|l| l.line < line);
        segmented.lines.get(k).filter(|l| l.line == line).map_or(Section::Statement, |l| l.section)
    };
    let mut rows: Vec<(Mention, Section)> = crate::voice::label_mentions(kb, text, &segmented.labels, date, ctx)
        .into_iter()
        .map(|m| {
            let section = label_section(&m);
            (m, section)
        })
        .collect();
    for (s, a) in segmented.sentences.iter().zip(analysed) {
        rows.extend(a.mentions.into_iter().map(|m| (m, s.section)));
    }
    rows.sort_by_key(|(m, _)| m.span.start);
    rows
}

struct DocState<'a> {
    kb: &'a KnowledgeBase,
    text: &'a str,
    sentences: &'a [Sentence],
    /// The tokens of each sentence, read once (every pass over the document shares them).
    tokens: std::rc::Rc<Vec<Vec<Token>>>,
    /// The people the document names in full and the states it names (computed together, in
    /// one pass, when a surname needs them).
    doc_names: std::cell::OnceCell<DocNames>,
    /// Each speaker label's actor code (a label recurs on every sentence of its turn).
    speaker_codes: std::cell::RefCell<HashMap<String, Option<String>>>,
    /// The holder of an office of a state, by (state, title), once per document: the lookup
    /// scans every person of the knowledge base.
    office_holders: std::cell::RefCell<HashMap<(String, String), Option<EntityId>>>,
    /// Who holds a title in this document ("president" → the mention of "President Biden").
    title_holders: Vec<(String, Mention)>,
    /// The last state named before the current sentence.
    last_state: Option<String>,
    /// The state of the current sentence's speaker, when known.
    focus: Option<String>,
    /// Who "I" and "we" are in the current sentence (see [`SentenceActors::voice`]).
    voice: Option<String>,
    date: Option<NaiveDate>,
    next_compound: u32,
    /// Recent people: (sentence index, mention).
    recent_people: Vec<(usize, Mention)>,
    /// Recent coordinated groups: (sentence index, members).
    recent_groups: Vec<(usize, Vec<Mention>)>,
    /// States named in recent sentences, in order: (sentence index, country), for "that country".
    recent_states: Vec<(usize, String)>,
    /// Actors that can be a plural "they" (states, their governments, peoples and organs; not
    /// people) named in recent sentences, in order: (sentence index, mention).
    recent_collectives: Vec<(usize, Mention)>,
    /// The other party of a meeting or press conference.
    interlocutor: Option<(String, String)>,
    /// Pairing in force: (line, speaker) where the speaker paired himself with the partner.
    pairing: Option<(usize, String)>,
    /// The distinct labelled speakers of the document.
    speakers: Vec<String>,
    /// Speakers, author and signatories.
    voices: Voices,
    /// The document's principal parties ("the two leaders", "they" of a readout).
    principals: Principals,
    /// For each question sentence, the label of the official who answers it (the speaker of the
    /// first answer after it): a reporter's "you" is that official.
    answerers: Vec<Option<&'a str>>,
    /// True when the document has a question turn (a press conference or briefing).
    has_questions: bool,
}

const CONNECT_OF: &[&str] = &["of", "the"];

/// For each sentence that is a question, the speaker label of the answer that follows it (one
/// backward pass: questions in a row share the answer after the last of them); `None` for
/// every other sentence, and for a question nobody labelled answers.
fn answerers(sentences: &[Sentence]) -> Vec<Option<&str>> {
    let mut out = vec![None; sentences.len()];
    let mut next: Option<&str> = None;
    for (i, s) in sentences.iter().enumerate().rev() {
        match s.section {
            Section::Question => out[i] = next,
            Section::Answer => next = s.speaker.as_deref().or(next),
            // Narrative or a statement between a question and its answer ends the exchange.
            Section::Headline | Section::Narrative | Section::Statement => next = None,
            Section::Boilerplate | Section::Comment => {}
        }
    }
    out
}

/// What a whole document names, for surnames: see [`DocState::doc_people`] and
/// [`DocState::doc_states`].
#[derive(Default)]
struct DocNames {
    people: Vec<EntityId>,
    states: Vec<String>,
}

/// How long after leaving a curated office a person is still found by surname alone.
const RECENT_OFFICE_YEARS: i32 = 10;
/// How far back a curated one-word alias ("Lenin") names its one bearer out of office: history.
const HISTORY_YEARS: i32 = 300;

impl<'a> DocState<'a> {
    fn new(kb: &'a KnowledgeBase, text: &'a str, sentences: &'a [Sentence], date: Option<NaiveDate>, voices: Voices) -> DocState<'a> {
        let mut st = DocState {
            kb,
            text,
            sentences,
            tokens: std::rc::Rc::new(sentences.iter().map(|s| tokenize(text, s.span)).collect()),
            doc_names: std::cell::OnceCell::new(),
            speaker_codes: std::cell::RefCell::new(HashMap::new()),
            office_holders: std::cell::RefCell::new(HashMap::new()),
            title_holders: Vec::new(),
            last_state: None,
            focus: None,
            voice: None,
            date,
            next_compound: 0,
            recent_people: Vec::new(),
            recent_groups: Vec::new(),
            recent_states: Vec::new(),
            recent_collectives: Vec::new(),
            interlocutor: None,
            pairing: None,
            speakers: Vec::new(),
            voices,
            principals: Principals::default(),
            answerers: answerers(sentences),
            has_questions: sentences.iter().any(|s| s.section == Section::Question),
        };
        st.interlocutor = st.find_interlocutor(sentences);
        for sp in sentences.iter().filter_map(|s| s.speaker.as_deref()) {
            if !st.speakers.iter().any(|x| x == sp) {
                st.speakers.push(sp.to_string());
            }
        }
        st
    }

    /// The state whose holder of `title` ("president") a sentence's "the President" names: in a
    /// readout's own narration its author's (the other party is written with a name: "President
    /// Biden congratulated President Erdogan ... The President underscored ..."; a title the
    /// author's state has no holder of, "the Prime Minister", stays the other party's); else,
    /// when the document is no meeting of two principal parties and the speaker does not hold
    /// that title, an official's own state, or for a reporter's question the first official's.
    fn own_title_state(&self, index: usize, title: &str) -> Option<String> {
        let s = self.sentences.get(index)?;
        if s.speaker.is_none() && matches!(s.section, Section::Narrative | Section::Statement) {
            if let Some(author) = self.readout_author() {
                return Some(author);
            }
        }
        if self.principals.parties.len() >= 2 {
            return None;
        }
        let speaker = match s.section {
            Section::Question => self.sentences.iter().find(|x| x.section.is_official()).and_then(|x| x.speaker.as_deref())?,
            _ if s.section.is_official() => s.speaker.as_deref()?,
            _ => return None,
        };
        // "President Biden", "THE PRESIDENT", "Vice President Harris": the speaker holds it.
        if format!(" {} ", speaker.to_lowercase()).contains(&format!(" {title} ")) {
            return None;
        }
        let code = self.speaker_code(speaker)?;
        Some(split_code(&code).0).filter(|c| c.len() == 3 && !is_international(&code))
    }

    /// The first named person (else state) from a country other than the main speaker's, in the
    /// headline, narrative or statement before the first question.
    fn find_interlocutor(&self, sentences: &[Sentence]) -> Option<(String, String)> {
        let speaker = sentences.iter().find_map(|s| s.speaker.clone())?;
        let speaker_country = self.speaker_code(&speaker).map(|c| split_code(&c).0)?;
        let mut fallback = None;
        for (_, toks) in sentences.iter().zip(self.tokens.iter()).take_while(|(s, _)| s.section != Section::Question) {
            for raw in self.raw_matches(toks) {
                if let Target::Name(id) = raw.target {
                    let e = self.kb.entity(id);
                    let Some(code) = e.code_on(self.date) else { continue };
                    let country = split_code(&code).0;
                    if country == speaker_country || is_international(&code) {
                        continue;
                    }
                    match e.kind {
                        EntityKind::Person => return Some((country, e.name.clone())),
                        EntityKind::Country if fallback.is_none() => fallback = Some((country, e.name.clone())),
                        _ => {}
                    }
                }
            }
        }
        if fallback.is_some() {
            return fallback;
        }
        // No other party before the questions: the first foreign person of the whole document.
        for toks in self.tokens.iter() {
            for raw in self.raw_matches(toks) {
                if let Target::Name(id) = raw.target {
                    let e = self.kb.entity(id);
                    if e.kind != EntityKind::Person {
                        continue;
                    }
                    let Some(code) = e.code_on(self.date) else { continue };
                    let country = split_code(&code).0;
                    if country != speaker_country && !is_international(&code) {
                        return Some((country, e.name.clone()));
                    }
                }
            }
        }
        None
    }

    /// The partner of a speaker's "we": in a labelled opening statement (`opening`), the other
    /// principal party when the speaker's state is one of the two the document is about (a
    /// bilateral press conference: each leader's partner is the other); else the interlocutor of
    /// the main speaker when that is another state.
    fn partner_of(&self, own: &str, opening: bool) -> Option<String> {
        let parties = &self.principals.parties;
        if opening && parties.len() == 2 && parties.iter().any(|p| p == own) {
            return parties.iter().find(|p| *p != own).map(|p| government(p));
        }
        self.interlocutor.as_ref().filter(|(c, _)| c != own).map(|(c, _)| format!("{c}GOV"))
    }

    /// The partners of a leader's "we" in a labelled opening statement of a press conference of
    /// three or more principal parties the speaker's state is one of (a trilateral summit's
    /// leaders): every other party, in the order the title names them. Empty for two parties and
    /// for third-person texts; the answers to questions keep the one partner of
    /// [`DocState::partner_of`].
    fn partners_of(&self, own: &str) -> Vec<String> {
        let parties = &self.principals.parties;
        if parties.len() < 3 || self.principals.third_person || !parties.iter().any(|p| p == own) {
            return Vec::new();
        }
        parties.iter().filter(|p| *p != own).map(|p| government(p)).collect()
    }

    /// The state whose government writes a third-person account of a meeting or call (a
    /// readout): the first principal party its title names ("Readout of President Biden's Call
    /// with ..."). None for joint statements, whose signatories all write.
    fn readout_author(&self) -> Option<String> {
        let p = &self.principals;
        if !p.third_person || self.voices.signatories.len() >= 2 {
            return None;
        }
        p.parties.first().filter(|c| c.len() == 3 && !is_international(c)).cloned()
    }

    /// True when a labelled speaker of the document speaks for the state of `code`.
    fn speaks(&self, code: &str) -> bool {
        let country = split_code(code).0;
        self.speakers.iter().any(|sp| self.speaker_code(sp).is_some_and(|c| split_code(&c).0 == country))
    }

    fn speaker_code(&self, speaker: &str) -> Option<String> {
        if let Some(code) = self.speaker_codes.borrow().get(speaker) {
            return code.clone();
        }
        let code = self.voices.speaker_code(self.kb, speaker, self.date);
        self.speaker_codes.borrow_mut().insert(speaker.to_string(), code.clone());
        code
    }

    /// True when a phrase that starts with the article ("the Alliance", "the Union", "the
    /// Commission") gives way to a longer name starting at the next word ("the Alliance of Small
    /// Island States", "the Union of South American Nations", "the Commission on Human Rights"):
    /// the article belongs to the longer name, which would otherwise be cut.
    fn article_yields(&self, toks: &[Token], i: usize, len: usize) -> bool {
        toks.get(i).is_some_and(|t| t.norm == "the") && self.kb.trie.longest_at(toks, i + 1).is_some_and(|(next, _)| i + 1 + next > i + len)
    }

    fn raw_matches(&self, toks: &[Token]) -> Vec<Raw> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.kb.trie.longest_at(toks, i).filter(|&(len, _)| !self.article_yields(toks, i, len)) {
                Some((len, phrases)) => {
                    let titled = out.last().is_some_and(|r: &Raw| r.toks.end == i && matches!(r.target, Target::Agent(_)));
                    let best = self.best_target(phrases.iter().map(|p| &p.value).filter(|t| !matches!(t, Target::Surname(_))));
                    let best = match best {
                        // A person's one-word alias ("Nixon") is read like a surname.
                        Some(Target::Name(id)) if self.is_alias(id, len) => {
                            self.resolve_surname(&phrases, toks, i, titled).map(Target::Name)
                        }
                        Some(t) if !matches!(t, Target::Agent(_)) => Some(t),
                        other => self.resolve_surname(&phrases, toks, i, titled).map(Target::Name).or(other),
                    };
                    // "President Tubman of Liberia": the state of a titled name we do not know.
                    let of_titled_name = out.last().is_some_and(|r: &Raw| {
                        matches!(r.target, Target::Agent(_)) && {
                            let n = unknown_name_run(toks, r.toks.end);
                            n > 0
                                && matches!(
                                    toks[(r.toks.end + n).min(i)..i].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().as_slice(),
                                    ["of"] | ["of", "the"]
                                )
                        }
                    });
                    if let Some(target) = best {
                        if (of_titled_name || !inside_other_name(toks, i, i + len, &target, self.kb))
                            && !place_only(toks, i, i + len, &target, self.kb)
                        {
                            out.push(Raw { toks: i..i + len, target });
                        }
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// A surname alone ("Shultz", "Prime Minister Key"): the one person of that surname the
    /// document named in full; else the one in office on the date; among several, the one whose state the document names, else the one with a
    /// curated tenure. A common word at the start of a sentence is not a surname unless a title
    /// precedes it.
    fn resolve_surname(&self, phrases: &[&crate::matcher::Phrase<Target>], toks: &[Token], i: usize, titled: bool) -> Option<EntityId> {
        let len = phrases.first().map_or(0, |p| p.cases.len());
        let mut all: Vec<EntityId> = Vec::new();
        let mut aliased: Vec<EntityId> = Vec::new();
        for p in phrases {
            match p.value {
                Target::Surname(id) if !all.contains(&id) => all.push(id),
                Target::Name(id) if self.is_alias(id, len) => {
                    aliased.push(id);
                    if !all.contains(&id) {
                        all.push(id);
                    }
                }
                _ => {}
            }
        }
        if all.is_empty() {
            return None;
        }
        // A surname of one or two letters ("Su", "Ba", "Wu") is too short to be read alone: only
        // after a title ("Acting Secretary Su", "Prime Minister Ba") or as a curated alias.
        // "Secretary Ross", and a title written out with its portfolio: "Secretary of Commerce
        // Ross", "Minister for Foreign Affairs and Trade Downer".
        let title_before = (i > 0 && toks[i - 1].case != Case::Lower && is_title_word(&toks[i - 1].norm)) || long_title_before(toks, i);
        // A surname with particles ("de Klerk", "van den Broek") is read from its last word on.
        let end = (i + len.max(1)).min(toks.len());
        let last = &toks[end - 1].norm;
        if !titled && !title_before && aliased.is_empty() && last.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return None;
        }
        let sentence_start = i == 0 || toks[i - 1].norm == "\"" || toks[i - 1].norm == "(";
        // "the Biden administration": a surname before an agent names that person's government.
        let eponym = self.kb.trie.longest_at(toks, end).is_some_and(|(_, ps)| ps.iter().any(|p| matches!(p.value, Target::Agent(_))));
        if !titled && !eponym && i > 0 && matches!(toks[i - 1].norm.as_str(), "the" | "a" | "an" | "this") {
            // "the Movement", "the Marshall Plan": a common noun or a plan, not a surname ("that"
            // before a name is a conjunction: "said that Lavrov would come").
            return None;
        }
        if !titled && !eponym && toks.get(end).is_some_and(|t| t.is_word && t.case != crate::tokens::Case::Lower) {
            return None; // "Major General", "Rice University": part of a longer name we do not know
        }
        // A curated one-word alias is how the person is known: read at the start of a sentence too.
        let start_word = sentence_start && is_common_at_start(&toks[i].norm) && aliased.is_empty();
        if !titled && (is_common_word(&toks[i].norm) || start_word) {
            return None;
        }
        // "New York", "Jane Marshall": after a capitalised word that is no title and does not
        // start the sentence, the word ends a longer name we do not know; only a holder of a
        // curated office on the date is named there by a given name we lack ("Tony Blinken").
        let after_name =
            !titled && !title_before && i >= 2 && toks[i - 1].is_word && matches!(toks[i - 1].case, Case::Capitalized | Case::Mixed) && {
                let prev = &toks[i - 1].norm;
                !(crate::kb::is_honorific(prev)
                    || self
                        .kb
                        .trie
                        .longest_at(toks, i - 1)
                        .is_some_and(|(len, ps)| len == 1 && ps.iter().any(|p| matches!(p.value, Target::Agent(_)))))
            };
        let curated_office = |id: EntityId| {
            let e = self.kb.entity(id);
            e.in_office_on(self.date) && self.date.and_then(|d| e.tenure_on(d)).is_some_and(|t| t.curated)
        };
        if after_name {
            let given = toks[i - 1].norm.as_str();
            all.retain(|&id| curated_office(id));
            // ... but only when the word can be a given name of one of them: it rules a
            // surname out, it never picks among namesakes.
            if !title_before && !all.iter().any(|&id| given_name_fits(&self.kb.entity(id).name, &toks[i].norm, given)) {
                return None;
            }
        }
        // The document named one of them in full ("Margaret Thatcher ... Thatcher"): that one,
        // in office or not.
        let named_in_full: Vec<EntityId> = all.iter().copied().filter(|id| self.doc_people().contains(id)).collect();
        if let [one] = named_in_full.as_slice() {
            return Some(*one);
        }
        if let Some(id) = self.named_by_first_word(&toks[i].norm) {
            return Some(id);
        }
        // Those in office on the date; else those whose curated office ended in the last
        // `RECENT_OFFICE_YEARS` years ("Mr. Nixon" in 1963, in a text naming the United States).
        // Nobody else: a surname alone does not reach back to any namesake in history.
        let mut ids: Vec<EntityId> = all.iter().copied().filter(|&id| self.kb.entity(id).in_office_on(self.date)).collect();
        // Only by a curated one-word alias or of a state the document names ("Chairman Williams"
        // of a US text is no former President of Dominica).
        if ids.is_empty() {
            let states = self.doc_states();
            ids = all
                .iter()
                .copied()
                .filter(|&id| {
                    let e = self.kb.entity(id);
                    e.left_office_within(self.date, RECENT_OFFICE_YEARS)
                        && (aliased.contains(&id)
                            || e.code_on(self.date).and_then(|c| c.get(..3).map(str::to_string)).is_some_and(|c| states.contains(&c)))
                })
                .collect();
        }
        if ids.is_empty() {
            // A figure of history is named by the one-word alias the records give ("Lenin", "the
            // Horthy régime"): read at any date after the office, when one person alone has it
            // and no title or honorific addresses a living namesake ("Mr. Vallgren").
            let before = match i.checked_sub(1).map(|k| toks[k].norm.as_str()) {
                Some(".") => i.checked_sub(2).map(|k| toks[k].norm.as_str()),
                b => b,
            };
            if titled || before.is_some_and(crate::kb::is_honorific) {
                return None;
            }
            let mut historical =
                all.iter().copied().filter(|&id| aliased.contains(&id) && self.kb.entity(id).left_office_within(self.date, HISTORY_YEARS));
            return match (historical.next(), historical.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            };
        }
        if let [one] = ids.as_slice() {
            return Some(*one);
        }
        let states = self.doc_states();
        let named: Vec<EntityId> = ids
            .iter()
            .copied()
            .filter(|&id| {
                let e = self.kb.entity(id);
                e.code_on(self.date).and_then(|c| c.get(..3).map(str::to_string)).is_some_and(|c| states.contains(&c))
            })
            .collect();
        if let [one] = named.as_slice() {
            return Some(*one);
        }
        let pool = if named.is_empty() { ids } else { named };
        // The one whose curated record gives this word as an alias ("Harris" of Kamala Harris).
        let by_alias: Vec<EntityId> = pool.iter().copied().filter(|id| aliased.contains(id)).collect();
        if let [one] = by_alias.as_slice() {
            return Some(*one);
        }
        let curated: Vec<EntityId> = pool
            .iter()
            .copied()
            .filter(|&id| {
                let e = self.kb.entity(id);
                match self.date.and_then(|d| e.tenure_on(d)) {
                    Some(t) => t.curated,
                    None => e.tenures.iter().any(|t| t.curated),
                }
            })
            .collect();
        match curated.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// "President Sheikh Mohamed" after "Mohamed bin Zayed Al Nahyan": the one person the
    /// document named in full whose name opens
    /// with this word (names addressed by their first word, as Arabic names are) — before any
    /// namesake by surname elsewhere in the world.
    fn named_by_first_word(&self, word: &str) -> Option<EntityId> {
        let mut found = self
            .doc_people()
            .iter()
            .copied()
            .filter(|&id| self.kb.entity(id).name.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case(word)));
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// True when a phrase of `len` tokens naming `id` is a person's one-word alias, not the whole
    /// name of a person known by one name ("Suharto").
    fn is_alias(&self, id: EntityId, len: usize) -> bool {
        let e = self.kb.entity(id);
        len == 1 && e.kind == EntityKind::Person && e.name.split_whitespace().count() >= 2
    }

    /// Every longest knowledge-base phrase of the document, sentence by sentence: its length in
    /// tokens and what it may name.
    fn each_phrase(&self, mut each: impl FnMut(usize, &[&crate::matcher::Phrase<Target>])) {
        for toks in self.tokens.iter() {
            let mut i = 0;
            while i < toks.len() {
                let Some((len, phrases)) = self.kb.trie.longest_at(toks, i).filter(|&(len, _)| !self.article_yields(toks, i, len)) else {
                    i += 1;
                    continue;
                };
                each(len, &phrases);
                i += len;
            }
        }
    }

    /// The people the document names by a name of two words or more (not by surname alone).
    fn doc_people(&self) -> &[EntityId] {
        &self.doc_names().people
    }

    /// The states the document names (by name, adjective or capital), in order of appearance.
    fn doc_states(&self) -> &[String] {
        &self.doc_names().states
    }

    /// [`DocNames`], from one pass over the document's phrases.
    fn doc_names(&self) -> &DocNames {
        self.doc_names.get_or_init(|| {
            let mut out = DocNames::default();
            self.each_phrase(|len, phrases| {
                for p in phrases {
                    match p.value {
                        Target::Name(id) | Target::Adjective(id) | Target::Capital(id) => {
                            let e = self.kb.entity(id);
                            if len >= 2 && matches!(p.value, Target::Name(_)) && e.kind == EntityKind::Person && !out.people.contains(&id) {
                                out.people.push(id);
                            }
                            if e.kind == EntityKind::Country && e.valid_on(self.date) {
                                if let Some(c) = e.code_on(self.date).and_then(|c| c.get(..3).map(str::to_string)) {
                                    if !out.states.contains(&c) {
                                        out.states.push(c);
                                    }
                                }
                            }
                        }
                        Target::Agent(_) | Target::Surname(_) => {}
                    }
                }
            });
            out
        })
    }

    /// Among the readings of one phrase, prefer entities valid on the date (dated over open),
    /// names over capitals over adjectives over agents.
    fn best_target<'t>(&self, targets: impl Iterator<Item = &'t Target>) -> Option<Target> {
        let rank = |t: &Target| -> i32 {
            let (base, id) = match t {
                Target::Name(id) => (40, Some(*id)),
                Target::Capital(id) => (30, Some(*id)),
                Target::Adjective(id) => (20, Some(*id)),
                Target::Agent(_) => (10, None),
                Target::Surname(_) => return -1,
            };
            match id {
                Some(id) => {
                    let e = self.kb.entity(id);
                    if !e.valid_on(self.date) {
                        return -1;
                    }
                    base + e.date_rank(self.date)
                }
                None => base,
            }
        };
        targets.filter(|t| rank(t) >= 0).max_by_key(|t| rank(t)).cloned()
    }

    /// The sentence's mentions; its `tokens` are left empty (`analyze_with` moves them in).
    fn sentence(&mut self, index: usize, s: &Sentence) -> SentenceActors {
        let all = std::rc::Rc::clone(&self.tokens);
        let toks: &[Token] = all.get(index).map_or(&[], Vec::as_slice);
        self.focus = s
            .speaker
            .as_deref()
            .filter(|_| s.section.is_official())
            .and_then(|sp| self.speaker_code(sp))
            .filter(|c| !is_international(c))
            .and_then(|c| c.get(..3).map(str::to_string));
        let raws = self.raw_matches(toks);
        let mut mentions = self.compose(toks, &raws, index);
        self.coordinate(toks, &mut mentions);
        self.members(s, toks, &mut mentions);
        self.resolve_pronouns(index, s, toks, &mut mentions);
        mentions.sort_by_key(|m| (m.tokens.start, m.tokens.end));
        // In a readout of two parties, each party's partner is the other.
        let unlabelled = s.speaker.is_none() && matches!(s.section, Section::Statement | Section::Narrative);
        if unlabelled && self.principals.third_person && self.principals.parties.len() == 2 {
            for m in mentions.iter_mut().filter(|m| !m.is_pronoun() && m.partner.is_none()) {
                if let Some(k) = self.principals.parties.iter().position(|p| *p == m.country) {
                    m.partner = Some(government(&self.principals.parties[1 - k]));
                }
            }
        }
        // Remember people, groups and the last state named for later references.
        if let Some(c) = mentions
            .iter()
            .rev()
            .filter(|m| !m.is_pronoun() && m.country.len() == 3 && !is_international(&m.code))
            .map(|m| m.country.clone())
            .next()
        {
            self.last_state = Some(c);
        }
        for m in &mentions {
            let third_person = m.is_pronoun() && m.entity.is_some() && toks.get(m.tokens.start).is_some_and(|t| is_he_or_she(&t.norm));
            if m.is_person(self.kb) || third_person {
                self.recent_people.push((index, m.clone()));
            }
        }
        let mut groups: Vec<(u32, Vec<Mention>)> = Vec::new();
        for m in mentions.iter().filter(|m| m.compound.is_some() && !m.is_pronoun()) {
            let c = m.compound.unwrap_or(0);
            match groups.iter_mut().find(|(id, _)| *id == c) {
                Some((_, v)) => v.push(m.clone()),
                None => groups.push((c, vec![m.clone()])),
            }
        }
        for (_, g) in groups {
            self.recent_groups.push((index, g));
        }
        for m in mentions.iter().filter(|m| !m.is_pronoun() && m.country.len() == 3 && !is_international(&m.code)) {
            self.recent_states.push((index, m.country.clone()));
        }
        for m in mentions.iter().filter(|m| is_collective(m, self.kb)) {
            self.recent_collectives.push((index, m.clone()));
        }
        self.recent_states.retain(|(i, _)| index.saturating_sub(*i) <= 2);
        self.recent_collectives.retain(|(i, _)| index.saturating_sub(*i) <= 2);
        self.recent_people.retain(|(i, _)| index.saturating_sub(*i) <= 6);
        self.recent_groups.retain(|(i, _)| index.saturating_sub(*i) <= 2);
        SentenceActors { tokens: Vec::new(), mentions, voice: self.voice.take() }
    }

    /// The person a "he" or "she" with no person before it in its own sentence refers to: of
    /// the last sentence (of the two before) that named people, the first one named, the
    /// sentence's subject as a rule ("You've heard the President say that he refers to this Tip
    /// O'Neill expression. He says ..." is the President).
    fn antecedent_before(&self, index: usize) -> Option<Mention> {
        let (last, _) = self.recent_people.iter().rev().find(|(i, _)| index - i <= 3)?;
        // The first of that sentence's people: the last of the run of entries with its index.
        self.recent_people.iter().rev().skip_while(|(i, _)| i != last).take_while(|(i, _)| i == last).last().map(|(_, m)| m.clone())
    }

    fn mention(&self, toks: &[Token], range: Range<usize>, code: String, kind: MentionKind) -> Mention {
        let span = Span::new(toks[range.start].span.start, toks[range.end - 1].span.end);
        let (country, role) = split_code(&code);
        Mention {
            span,
            tokens: range,
            code,
            country,
            role,
            kind,
            resolved_from: None,
            entity: None,
            compound: None,
            partner: None,
            partners: Vec::new(),
            paired: false,
            own_side: false,
            addressed: false,
        }
    }

    /// Group raw matches into chunks and turn each into a mention.
    fn compose(&mut self, toks: &[Token], raws: &[Raw], index: usize) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut j = 0;
        while j < raws.len() {
            let mut k = j + 1;
            while k < raws.len() && joins(toks, raws[k - 1].toks.end, raws[k].toks.start, &raws[k - 1], &raws[k]) {
                k += 1;
            }
            let chunk = &raws[j..k];
            let mut found = self.chunk_mentions(toks, chunk, index, raws);
            // "Nigeria's Foreign Minister Jaja Wachuku": a title written as one (one holder, not
            // in a headline's title case), then a name we do not know, is that office-holder; the
            // mention spans the name.
            let end = chunk[chunk.len() - 1].toks.end;
            let limit = raws.get(k).map_or(toks.len(), |r| r.toks.start);
            if let [m] = found.as_mut_slice() {
                let last = &chunk[chunk.len() - 1];
                let n = unknown_name_run(toks, end);
                let plural = toks[end - 1].norm.ends_with('s') && !toks[end - 1].norm.ends_with("ss");
                let headline = self.sentences.get(index).is_some_and(|s| s.section == Section::Headline);
                if matches!(last.target, Target::Agent(_))
                    && is_personal_title(&title_key(toks, &last.toks))
                    && !plural
                    && !headline
                    && m.kind == MentionKind::Agent
                    && m.tokens.end == end
                    && m.country.len() == 3
                    && toks[last.toks.clone()].iter().all(|t| !t.is_word || t.case == Case::Capitalized)
                    && n > 0
                    && end + n <= limit
                {
                    m.tokens.end = end + n;
                    m.span = Span::new(m.span.start, toks[end + n - 1].span.end);
                }
            }
            out.extend(found);
            j = k;
        }
        out
    }

    fn chunk_mentions(&mut self, toks: &[Token], chunk: &[Raw], index: usize, all_raws: &[Raw]) -> Vec<Mention> {
        let range = chunk[0].toks.start..chunk[chunk.len() - 1].toks.end;
        let kb = self.kb;
        let entity_of = |r: &Raw| match r.target {
            Target::Name(id) | Target::Capital(id) | Target::Adjective(id) | Target::Surname(id) => Some(id),
            Target::Agent(_) => None,
        };
        // A named person anywhere in the chunk decides it.
        if let Some(r) = chunk.iter().rev().find(|r| matches!(r.target, Target::Name(id) if kb.entity(id).kind == EntityKind::Person)) {
            let id = entity_of(r).unwrap_or(EntityId(0));
            let e = kb.entity(id);
            let Some(code) = e.code_on(self.date) else { return Vec::new() };
            let range = range.start..name_suffix_end(toks, range.end);
            let mut m = self.mention(toks, range, code, MentionKind::Person);
            m.entity = Some(id);
            if r.toks.slice_text(toks, self.text) != e.name {
                m.resolved_from = Some(e.name.clone());
            }
            self.remember_titles(toks, chunk, &m);
            return vec![m];
        }
        let role = chunk.iter().rev().find_map(|r| match &r.target {
            Target::Agent(role) => Some(role.clone()),
            _ => None,
        });
        // A state or organisation anchors the chunk before a region ("the Arab people of Palestine").
        let anchor = chunk
            .iter()
            .find(|r| entity_of(r).is_some_and(|id| kb.entity(id).kind != EntityKind::Region))
            .or_else(|| chunk.iter().find(|r| entity_of(r).is_some()));
        match (anchor, role) {
            (Some(a), role) => {
                let id = entity_of(a).unwrap_or(EntityId(0));
                let e = kb.entity(id);
                if e.kind == EntityKind::Group {
                    return self.group_mentions(toks, range, id);
                }
                let Some(base) = e.code_on(self.date) else { return Vec::new() };
                let (code, kind, resolved) = match (&a.target, e.kind, role) {
                    (_, EntityKind::Country | EntityKind::Region, Some(role)) => (format!("{base}{role}"), MentionKind::Agent, None),
                    (_, EntityKind::Organization | EntityKind::Metonym, Some(_)) => (base, MentionKind::Agent, Some(e.name.clone())),
                    (Target::Capital(_), EntityKind::Country, None) => (format!("{base}GOV"), MentionKind::Capital, Some(e.name.clone())),
                    (Target::Adjective(_), EntityKind::Country | EntityKind::Region, None) => (base, MentionKind::Adjective, None),
                    (_, EntityKind::Region, None) => (base, MentionKind::Region, None),
                    (_, EntityKind::Country, None) => (base, MentionKind::Country, None),
                    (_, EntityKind::Metonym, None) => (base, MentionKind::Metonym, Some(e.name.clone())),
                    _ => (base, MentionKind::Organization, None),
                };
                let mut m = self.mention(toks, range, code, kind);
                m.entity = Some(id);
                m.resolved_from = resolved;
                if kind == MentionKind::Agent && e.kind == EntityKind::Country {
                    self.remember_titles(toks, chunk, &m);
                }
                vec![m]
            }
            (None, Some(role)) => self.bare_agent(toks, range, &role, index, all_raws).into_iter().collect(),
            (None, None) => Vec::new(),
        }
    }

    /// "President Biden", "the Prime Minister of Armenia": the titles in the chunk now name this
    /// mention's holder, for a later "the President".
    fn remember_titles(&mut self, toks: &[Token], chunk: &[Raw], m: &Mention) {
        for r in chunk.iter().filter(|r| matches!(r.target, Target::Agent(_))) {
            let key = title_key(toks, &r.toks);
            if is_title(&key) {
                self.title_holders.retain(|(k, _)| *k != key);
                self.title_holders.push((key, m.clone()));
            }
        }
    }

    fn group_mentions(&mut self, toks: &[Token], range: Range<usize>, id: EntityId) -> Vec<Mention> {
        let e = self.kb.entity(id);
        let compound = self.new_compound();
        e.members
            .iter()
            .map(|c| {
                let mut m = self.mention(toks, range.clone(), c.clone(), MentionKind::Group);
                m.entity = Some(id);
                m.compound = Some(compound);
                m.resolved_from = Some(e.name.clone());
                m
            })
            .collect()
    }

    /// A role word with no country in its chunk: "the minister" refers to a recent person,
    /// "our businessmen" to the speaker's country; otherwise it is not an actor we can code.
    fn bare_agent(&self, toks: &[Token], range: Range<usize>, role: &str, index: usize, raws: &[Raw]) -> Option<Mention> {
        let before = range.start.checked_sub(1).map(|i| toks[i].norm.as_str());
        let plural = toks[range.end - 1].norm.ends_with('s') && !toks[range.end - 1].norm.ends_with("ss");
        let key = title_key(toks, &range);
        // "Thank you, Mr. President", "Madam Vice President, welcome": a title addressed by a
        // speaker of one of the two principal parties is the other party.
        // The honorific before the title, its abbreviation's full stop skipped ("Mr. President").
        let honorific = match before {
            Some(".") => range.start.checked_sub(2).map(|i| toks[i].norm.as_str()),
            b => b,
        };
        if matches!(honorific, Some("mr" | "madam" | "madame" | "mister" | "mrs" | "ms")) && !plural && is_title(&key) {
            if let Some(other) =
                self.focus.as_deref().and_then(|own| self.partner_of(own, true)).filter(|_| self.principals.parties.len() == 2)
            {
                let mut m = self.mention(toks, range, other, MentionKind::Agent);
                m.resolved_from = Some("addressed by the speaker".to_string());
                m.addressed = true;
                return Some(m);
            }
            // In a speech to an assembly, the chair ("Mr. President, ...") is the assembly's.
            if let Some(body) = self.principals.assembly.clone() {
                let mut m = self.mention(toks, range, body.clone(), MentionKind::Agent);
                m.resolved_from = Some(format!("addressed by the speaker: the chair of {body}"));
                m.addressed = true;
                return Some(m);
            }
        }
        if before == Some("the") && !plural && is_title(&key) {
            // A briefing of one state ("Press Briefing by the Press Secretary"): the staff who
            // speak, and the reporters who question them, mean their own state's President by
            // "the President", whoever was named last.
            // (Only a title the document gives someone of that state: "the Defense Minister" of a
            // briefing on Israel is Israel's.)
            let home = self.own_title_state(index, &key);
            if let Some((_, holder)) =
                self.title_holders.iter().rev().find(|(k, m)| *k == key && home.as_deref() == Some(m.country.as_str()))
            {
                let mut m = self.mention(toks, range, holder.code.clone(), MentionKind::Agent);
                m.entity = holder.entity;
                m.resolved_from = Some(match holder.entity {
                    Some(id) => format!("{} (the speaker's own)", self.kb.entity(id).name),
                    None => format!("{} (the speaker's own)", holder.span.slice(self.text)),
                });
                return Some(m);
            }
            if let Some(id) = home.as_deref().zip(self.date).and_then(|(c, d)| {
                *self.office_holders.borrow_mut().entry((c.to_string(), key.clone())).or_insert_with(|| self.kb.office_holder(c, &key, d))
            }) {
                let code = self.kb.entity(id).code_on(self.date)?;
                let mut m = self.mention(toks, range, code, MentionKind::Agent);
                m.entity = Some(id);
                m.resolved_from = Some(format!("{} (the speaker's own)", self.kb.entity(id).name));
                return Some(m);
            }
            // "the President": the holder of that title named in this document, else the state in
            // focus (the speaker's), else the last state named before; never a later country word.
            if let Some((_, holder)) = self.title_holders.iter().rev().find(|(k, _)| *k == key) {
                let mut m = self.mention(toks, range, holder.code.clone(), MentionKind::Agent);
                m.entity = holder.entity;
                m.resolved_from = Some(match holder.entity {
                    Some(id) => self.kb.entity(id).name.clone(),
                    None => holder.span.slice(self.text).to_string(),
                });
                return Some(m);
            }
            if let Some((_, person)) = self.recent_people.iter().rev().find(|(i, p)| index - i <= 3 && p.role.as_deref() == Some(role)) {
                let mut m = self.mention(toks, range, person.code.clone(), MentionKind::Agent);
                m.entity = person.entity;
                m.resolved_from = person.entity.map(|id| self.kb.entity(id).name.clone());
                return Some(m);
            }
            let earlier_here = raws.iter().rev().filter(|r| r.toks.end <= range.start).find_map(|r| match r.target {
                Target::Name(id) | Target::Adjective(id) | Target::Capital(id) if self.kb.entity(id).kind == EntityKind::Country => {
                    self.kb.entity(id).code_on(self.date)
                }
                _ => None,
            });
            if let Some(state) = self.focus.clone().or(earlier_here).or_else(|| self.last_state.clone()) {
                let mut m = self.mention(toks, range, format!("{state}{role}"), MentionKind::Agent);
                m.resolved_from = Some(format!("the state in focus ({state})"));
                return Some(m);
            }
        }
        // "the minister" is a person named before; "the Cabinet" or "the Treasury" is none.
        if before == Some("the") && !plural && !is_institution(&key) {
            if let Some((_, person)) = self.recent_people.iter().rev().find(|(i, p)| index - i <= 3 && p.role.as_deref() == Some(role)) {
                let mut m = self.mention(toks, range, person.code.clone(), MentionKind::Agent);
                m.entity = person.entity;
                m.resolved_from = person.entity.map(|id| self.kb.entity(id).name.clone());
                return Some(m);
            }
        }
        // "our Parliament", "our armed forces": the speaker's own institution (the possessive is
        // part of the mention, so it is no pronoun of its own).
        if before.is_some_and(|b| matches!(b, "our" | "my")) && (matches!(role, "LEG" | "JUD") && !plural || is_institution(&key)) {
            let own = self.focus.clone().or_else(|| self.voices.author_country.clone().filter(|c| !is_international(c)));
            if let Some(state) = own.and_then(|c| c.get(..3).map(str::to_string)) {
                let mut m = self.mention(toks, range.start - 1..range.end, format!("{state}{role}"), MentionKind::Agent);
                m.resolved_from = Some(format!("the speaker's own ({state})"));
                return Some(m);
            }
        }
        if before.is_some_and(|b| matches!(b, "our" | "my" | "your" | "his" | "her" | "their" | "its")) {
            return None;
        }
        // "Congress", "the Senate", "the Supreme Court", "Senator Wyden", "the Armed Forces", "the
        // Treasury", "the Ministry of Defence": an institution of a state's government (a
        // legislature or court by its role, the others listed in data/actors/institutions.txt)
        // written as a name (capitalised, one, after no other capitalised word: "the Red Army" is
        // not one) with no state in its phrase is the state in focus's (the speaker's, else the
        // author's, else in a readout the first party its title names, whose government writes
        // it: "Readout of President Biden's Call with President Zelenskyy"), not the nearest
        // country word's ("the President urged Congress to fund Ukraine", "the Cabinet met to
        // discuss Russia").
        let capitalised = toks[range.start].case != Case::Lower;
        let legislature_or_court = !plural && matches!(role, "LEG" | "JUD") && capitalised;
        let institution = is_institution(&key)
            && capitalised
            && toks[range.end - 1].case != Case::Lower
            && (range.start == 0 || toks[range.start - 1].case == Case::Lower || before == Some("the"));
        if legislature_or_court || institution {
            let own = self
                .focus
                .clone()
                .or_else(|| self.voices.author_country.clone().filter(|c| !is_international(c)))
                .or_else(|| self.readout_author());
            if let Some(state) = own.and_then(|c| c.get(..3).map(str::to_string)) {
                let mut m = self.mention(toks, range, format!("{state}{role}"), MentionKind::Agent);
                m.resolved_from = Some(format!("the state in focus ({state})"));
                return Some(m);
            }
        }
        // An agent alone takes the country of the nearest state actor in the sentence, else
        // stands as its role alone (CAMEO codes with no country, such as "REB").
        let nearest = raws
            .iter()
            .filter_map(|r| match r.target {
                Target::Name(id) | Target::Adjective(id) | Target::Capital(id) if self.kb.entity(id).kind == EntityKind::Country => {
                    let d = if r.toks.end <= range.start { range.start - r.toks.end } else { r.toks.start.saturating_sub(range.end) };
                    Some((d, id))
                }
                _ => None,
            })
            .min_by_key(|(d, _)| *d);
        let code = match nearest.and_then(|(_, id)| self.kb.entity(id).code_on(self.date)) {
            Some(country) => format!("{country}{role}"),
            None => role.to_string(),
        };
        let mut m = self.mention(toks, range, code, MentionKind::Agent);
        if nearest.is_none() {
            m.country = String::new();
        }
        Some(m)
    }

    /// One mention per principal party over `range`, joined as a compound.
    fn principal_mentions(&mut self, toks: &[Token], range: Range<usize>, why: &str) -> Vec<Mention> {
        let id = self.new_compound();
        let parties = self.principals.parties.clone();
        parties
            .iter()
            .map(|c| {
                let mut m = self.mention(toks, range.clone(), government(c), MentionKind::Pronoun);
                m.resolved_from = Some(why.to_string());
                m.compound = Some(id);
                m
            })
            .collect()
    }

    fn new_compound(&mut self) -> u32 {
        self.next_compound += 1;
        self.next_compound
    }

    /// Mentions joined by "and", "or", commas or "both" form a compound; adjectives coordinated
    /// before an agent share it ("the Armenian and Azerbaijani sides").
    fn coordinate(&mut self, toks: &[Token], mentions: &mut [Mention]) {
        let mut i = 0;
        while i + 1 < mentions.len() {
            let mut j = i;
            // "Mr. President, I want to thank you", "Joe, we ...": a name set off by a comma before a
            // pronoun is a vocative (or an apposition), not a list; a pronoun is listed only with a
            // coordinator ("the Prime Minister and I").
            let vocative = |j: usize| {
                mentions[j + 1].is_pronoun()
                    && toks[mentions[j].tokens.end..mentions[j + 1].tokens.start.max(mentions[j].tokens.end)].iter().all(|t| t.norm == ",")
            };
            while j + 1 < mentions.len()
                && (coordinated(toks, mentions[j].tokens.end, mentions[j + 1].tokens.start) || listed_with_article(toks, mentions, j))
                && !vocative(j)
            {
                j += 1;
            }
            // "In Lithuania, NATO Allies met": a fronted place or phrase set off by a comma is no
            // coordination; a list after a preposition ends with "and" ("in Lithuania, Latvia and
            // Estonia").
            let after_preposition = mentions[i].tokens.start > 0
                && matches!(
                    toks[mentions[i].tokens.start - 1].norm.as_str(),
                    "in" | "at" | "from" | "on" | "across" | "throughout" | "within"
                );
            if j > i
                && after_preposition
                && (i..j).all(|k| toks[mentions[k].tokens.end..mentions[k + 1].tokens.start].iter().all(|t| t.norm == ","))
            {
                j = i;
            }
            if j > i {
                let id = match mentions[i].compound {
                    Some(c) => c,
                    None => self.new_compound(),
                };
                // "Armenian and Azerbaijani sides": the role of the last one spreads back.
                let last_role = mentions[j].role.clone();
                let first_role = match mentions[i].kind {
                    MentionKind::Agent => mentions[i].role.clone(),
                    _ => None,
                };
                for m in &mut mentions[i..=j] {
                    if m.kind == MentionKind::Country {
                        if let Some(role) = &first_role {
                            m.code = format!("{}{}", m.country, role);
                            m.role = Some(role.clone());
                            m.kind = MentionKind::Agent;
                        }
                    }
                    m.compound = Some(id);
                    if m.kind == MentionKind::Adjective {
                        if let Some(role) = &last_role {
                            m.code = format!("{}{}", m.country, role);
                            m.role = Some(role.clone());
                            m.kind = MentionKind::Agent;
                        }
                    }
                }
            }
            i = j + 1;
        }
    }

    fn resolve_pronouns(&mut self, index: usize, s: &Sentence, toks: &[Token], mentions: &mut Vec<Mention>) {
        let speaker = s.speaker.as_deref().filter(|_| s.section.is_official());
        let mut speaker_code = speaker.and_then(|sp| self.speaker_code(sp));
        // Unlabelled text with an author: the author speaks; a joint statement's "we" is each
        // signatory.
        let unlabelled = s.speaker.is_none() && matches!(s.section, Section::Statement | Section::Narrative);
        let signatories: Vec<String> =
            if unlabelled && self.voices.signatories.len() >= 2 { self.voices.signatories.clone() } else { Vec::new() };
        let mut voice_name = speaker.map(str::to_string);
        if speaker_code.is_none() && unlabelled && signatories.is_empty() {
            if let Some(code) = self.voices.author_code() {
                speaker_code = Some(code);
                voice_name = Some("the author".to_string());
            }
        }
        self.voice = speaker_code.clone();
        let speaker = voice_name.as_deref();
        if let (Some(sp), Some(_)) = (speaker, &speaker_code) {
            if self.pairing.as_ref().is_some_and(|(line, who)| *line != s.line || who != sp) {
                self.pairing = None;
            }
            if pairs_speaker(toks, mentions) {
                self.pairing = Some((s.line, sp.to_string()));
            }
        }
        // "The two leaders", "both sides": each principal party, as one compound.
        for range in self.principals.phrases(toks, s.speaker.is_none()) {
            mentions.retain(|m| m.tokens.end <= range.start || m.tokens.start >= range.end);
            let parties = self.principal_mentions(toks, range, "the principal parties");
            mentions.extend(parties);
        }
        let own = speaker_code.as_deref().map(|c| split_code(c).0);
        let demonstratives = self.demonstratives(index, toks, mentions, own.as_deref());
        // A bare role word inside the phrase ("that Government") gives way to it.
        mentions.retain(|m| !demonstratives.iter().any(|d| m.tokens.start < d.tokens.end && d.tokens.start < m.tokens.end));
        mentions.extend(demonstratives);
        let taken: Vec<Range<usize>> = mentions.iter().map(|m| m.tokens.clone()).collect();
        let mut added = Vec::new();
        let first_person = mentions.iter().find(|m| m.is_person(self.kb)).map(|m| m.tokens.start);
        for (ti, t) in toks.iter().enumerate() {
            if taken.iter().any(|r| r.contains(&ti)) || !t.is_word {
                continue;
            }
            match pronoun_of(&t.norm) {
                "i" | "me" | "my" | "myself" => {
                    if let (Some(sp), Some(code)) = (speaker, &speaker_code) {
                        let mut m = self.mention(toks, ti..ti + 1, code.clone(), MentionKind::Pronoun);
                        m.resolved_from = Some(sp.to_string());
                        m.entity = s.speaker.as_deref().and_then(|sp| self.kb.person_by_name(sp, self.date));
                        // A leader's opening statement in a bilateral press conference speaks to
                        // the other party: "I conveyed my gratitude" is toward them.
                        if s.speaker.is_some() && s.section == Section::Statement {
                            m.partner = self.partner_of(&split_code(code).0, true);
                        }
                        added.push(m);
                    }
                }
                "we" | "us" | "our" | "ours" | "ourselves" => {
                    if t.norm == "us" && t.case == crate::tokens::Case::Upper {
                        continue;
                    }
                    if !signatories.is_empty() {
                        let id = self.new_compound();
                        for c in &signatories {
                            let mut m = self.mention(toks, ti..ti + 1, government(c), MentionKind::Pronoun);
                            m.resolved_from = Some("the signatories".to_string());
                            m.compound = Some(id);
                            added.push(m);
                        }
                        continue;
                    }
                    if let (Some(sp), Some(code)) = (speaker, &speaker_code) {
                        let country = split_code(code).0;
                        let gov = if is_international(code) { code.clone() } else { format!("{country}GOV") };
                        let mut m = self.mention(toks, ti..ti + 1, gov, MentionKind::Pronoun);
                        m.resolved_from = Some(sp.to_string());
                        let paired = self.pairing.is_some() || pairs_here(toks, ti);
                        let opening = s.speaker.is_some() && s.section == Section::Statement;
                        if let Some(partner) = self.partner_of(&country, opening) {
                            m.own_side = !paired && !self.speaks(&partner);
                            m.partner = Some(partner);
                            m.paired = paired;
                        }
                        if opening {
                            m.partners = self.partners_of(&country);
                        }
                        added.push(m);
                    }
                }
                "you" | "your" | "yours" | "yourself" => {
                    // An authored speech to an assembly addresses its chair or its members, the
                    // assembly ("I congratulate you, Sir, on your election").
                    if let Some(body) = self.principals.assembly.clone().filter(|_| s.speaker.is_none() && s.section == Section::Statement)
                    {
                        let mut m = self.mention(toks, ti..ti + 1, body.clone(), MentionKind::Pronoun);
                        m.resolved_from = Some(format!("you: the chair or members of {body}, addressed by the speaker"));
                        added.push(m);
                        continue;
                    }
                    // A reporter's question addresses the official who answers it ("Mr.
                    // President, did you raise Taiwan with President Xi?").
                    if s.section == Section::Question {
                        let answerer = self.answerers.get(index).copied().flatten();
                        if let Some((who, code)) = answerer.and_then(|a| self.speaker_code(a).map(|c| (a, c))) {
                            let code = if is_international(&code) { code } else { government(&split_code(&code).0) };
                            let mut m = self.mention(toks, ti..ti + 1, code, MentionKind::Pronoun);
                            m.resolved_from = Some(format!("you: {who}, who answers the question"));
                            added.push(m);
                        }
                        continue;
                    }
                    // A labelled speaker's opening statement in a bilateral press conference or
                    // meeting addresses the other principal party ("I want to thank you for
                    // visiting Finland").
                    if s.speaker.is_none() || s.section != Section::Statement {
                        continue;
                    }
                    let (Some(sp), Some(code)) = (speaker, &speaker_code) else { continue };
                    let own = split_code(code).0;
                    let others: Vec<&String> = self.principals.parties.iter().filter(|p| **p != own).collect();
                    if self.principals.parties.len() == 2 && others.len() == 1 && self.principals.parties.contains(&own) {
                        let mut m = self.mention(toks, ti..ti + 1, government(others[0]), MentionKind::Pronoun);
                        m.resolved_from = Some(format!("you: addressed by {sp}"));
                        added.push(m);
                    }
                }
                w if is_he_or_she(w) => {
                    if honorific_after(toks, ti) {
                        continue;
                    }
                    // An object "him" is not the subject of its own clause ("The President met
                    // with him": someone named before), so the sentence's first person is no
                    // antecedent of it.
                    let object = toks.get(ti).is_some_and(|t| t.norm == "him");
                    let found = mentions
                        .iter()
                        .rfind(|m| m.is_person(self.kb) && m.tokens.end <= ti && !(object && Some(m.tokens.start) == first_person))
                        .cloned()
                        .or_else(|| self.antecedent_before(index));
                    if let Some(p) = found {
                        let mut m = self.mention(toks, ti..ti + 1, p.code.clone(), MentionKind::Pronoun);
                        m.entity = p.entity;
                        m.resolved_from = p.entity.map(|id| self.kb.entity(id).name.clone());
                        added.push(m);
                    }
                }
                p @ ("they" | "them") => {
                    let recent = self.recent_groups.last().filter(|(i, _)| *i + 1 == index).cloned();
                    // In a readout or joint statement "they" is the parties, unless the sentence
                    // before opened with another group ("China and Russia ... . They ...").
                    let group_is_subject = recent.as_ref().is_some_and(|(_, g)| g.first().is_some_and(|m| m.tokens.start <= 2));
                    if p == "they" && unlabelled && self.principals.third_person && !self.principals.parties.is_empty() && !group_is_subject
                    {
                        added.extend(self.principal_mentions(toks, ti..ti + 1, "they: the principal parties"));
                        continue;
                    }
                    if let Some((_, group)) = recent {
                        let id = self.new_compound();
                        for g in group {
                            let mut m = self.mention(toks, ti..ti + 1, g.code.clone(), MentionKind::Pronoun);
                            m.entity = g.entity;
                            m.compound = Some(id);
                            m.resolved_from = Some(g.span.slice(self.text).to_string());
                            added.push(m);
                        }
                        continue;
                    }
                    // Else a foreign state named last, in this sentence or the two before
                    // ("We need Israeli support ... . We're going to continue to urge them").
                    let own = own.clone().or_else(|| {
                        (s.section == Section::Question)
                            .then(|| self.answerers.get(index).copied().flatten())
                            .flatten()
                            .and_then(|a| self.speaker_code(a))
                            .map(|c| split_code(&c).0)
                    });
                    let Some(st) = self.collective_before(index, ti, p == "them", mentions, own.as_deref()) else { continue };
                    // A state coordinated with others in the sentence: the group ("help Kyrgyzstan
                    // and Tajikistan in their border talks, if they are interested").
                    let group: Vec<Mention> = match st.compound {
                        Some(c) => mentions.iter().filter(|m| m.compound == Some(c) && is_collective(m, self.kb)).cloned().collect(),
                        None => vec![st],
                    };
                    let id = (group.len() > 1).then(|| self.new_compound());
                    for g in group {
                        let mut m = self.mention(toks, ti..ti + 1, g.code.clone(), MentionKind::Pronoun);
                        m.entity = g.entity;
                        m.compound = id;
                        m.resolved_from = Some(format!("{p}: {}", g.span.slice(self.text)));
                        added.push(m);
                    }
                }
                _ => {}
            }
        }
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.tokens.start, m.tokens.end));
        // "Ararat Mirzoyan and I": the pronoun joins the compound.
        self.coordinate(toks, mentions);
    }
}

/// The phrases of `data/actors/anaphors.txt`: (words, role) of the demonstrative noun phrases
/// that refer back to a state, and the finite words that make a state its clause's subject.
struct Anaphors {
    phrases: Vec<(Vec<String>, Option<String>)>,
    finite: Vec<String>,
}

fn anaphors() -> &'static Anaphors {
    static ANAPHORS: std::sync::OnceLock<Anaphors> = std::sync::OnceLock::new();
    ANAPHORS.get_or_init(|| {
        let mut a = Anaphors { phrases: Vec::new(), finite: Vec::new() };
        for e in crate::word_lists::entries(include_str!("../../../data/actors/anaphors.txt")) {
            match e.class {
                "anaphor" => {
                    let role = e.extra.filter(|r| *r != "-").map(str::to_string);
                    a.phrases.push((e.phrase.split(' ').map(str::to_string).collect(), role));
                }
                "finite" => a.finite.push(e.phrase),
                _ => {}
            }
        }
        a
    })
}

impl DocState<'_> {
    /// "The recent armed provocation against that country", "strangle that country": a
    /// demonstrative noun phrase of `data/actors/anaphors.txt` names the last state named before
    /// it that is not the speaker's own — in its sentence, passing over a state that is the
    /// subject of a clause (a finite word right after it: "the United States has carried on
    /// aggressive activities against that country" is not against itself), else in the two
    /// sentences before.
    fn demonstratives(&self, index: usize, toks: &[Token], mentions: &[Mention], own: Option<&str>) -> Vec<Mention> {
        let a = anaphors();
        let mut out = Vec::new();
        for ti in 0..toks.len() {
            let Some((words, role)) = a.phrases.iter().find(|(w, _)| {
                !w.is_empty() && toks.get(ti..ti + w.len()).is_some_and(|ts| ts.iter().zip(w.iter()).all(|(t, w)| t.norm == *w))
            }) else {
                continue;
            };
            let range = ti..ti + words.len();
            if mentions.iter().any(|m| m.tokens.start < range.end && range.start < m.tokens.end && !m.country.is_empty()) {
                continue;
            }
            let state =
                |m: &&Mention| !m.is_pronoun() && m.country.len() == 3 && !is_international(&m.code) && Some(m.country.as_str()) != own;
            let subject = |m: &&Mention| toks.get(m.tokens.end).is_some_and(|t| a.finite.contains(&t.norm));
            let here = mentions.iter().filter(|m| m.tokens.end <= ti).filter(state).rfind(|m| !subject(m)).map(|m| m.country.clone());
            let before = || self.recent_states.iter().rev().find(|(i, c)| *i < index && Some(c.as_str()) != own).map(|(_, c)| c.clone());
            let Some(country) = here.or_else(before) else { continue };
            let code = match role {
                Some(r) => format!("{country}{r}"),
                None => country.clone(),
            };
            let mut m = self.mention(toks, range, code, MentionKind::Pronoun);
            m.resolved_from = Some(format!("{}: the state named before", words.join(" ")));
            out.push(m);
        }
        out
    }
}

/// A mention a plural "they" can refer back to: a state, its government, people or organs, by
/// name, adjective, capital or agent (not a person, a pronoun or an international body).
fn is_collective(m: &Mention, kb: &KnowledgeBase) -> bool {
    !m.is_pronoun() && !m.is_person(kb) && m.country.len() == 3 && !is_international(&m.code) && m.kind != MentionKind::Region
}

impl DocState<'_> {
    /// The state a "they" or "them" with no group before it refers back to: the subject, as a
    /// rule, of the nearest clause that names one — the first collective actor (see
    /// [`is_collective`]) named before a "they" in its sentence, else the first one of the
    /// sentence before ("Poland continues to stand behind Ukraine. So, we will stay in
    /// consultation with them" is Poland). An object "them" looks back to the sentence before
    /// only: in its own sentence it is not its clause's subject ("the Ukrainians would welcome
    /// them as liberators"), and a clause's other states were, on tune briefings, more often
    /// wrong than right. None when that actor is the speaker's own state (a "they" after
    /// "Congress" or "our teams" is someone of the speaker's side), or a person opens the
    /// sentence before the pronoun ("with Prime Minister Kishida, not only will they have ...":
    /// the person and someone else).
    fn collective_before(&self, index: usize, ti: usize, object: bool, mentions: &[Mention], own: Option<&str>) -> Option<Mention> {
        let here = mentions.iter().filter(|_| !object).find(|m| m.tokens.end <= ti && (m.is_person(self.kb) || is_collective(m, self.kb)));
        let first = match here {
            Some(m) if m.is_person(self.kb) => return None,
            Some(m) => m.clone(),
            None => {
                let (last, _) = self.recent_collectives.iter().rev().find(|(i, _)| *i + 1 == index)?;
                self.recent_collectives.iter().find(|(i, _)| i == last).map(|(_, m)| m.clone())?
            }
        };
        (Some(first.country.as_str()) != own).then_some(first)
    }
}

/// "he", "him", "his", "she", "her": the pronouns that refer back to one person.
fn is_he_or_she(norm: &str) -> bool {
    matches!(norm, "he" | "him" | "his" | "she" | "her")
}

/// "His Highness President ...", "Her Majesty Queen ...", "His Excellency ...": a possessive
/// before a style of address is part of the style, not a pronoun of someone mentioned before
/// ("Jake Sullivan spoke with His Highness ..." is not Sullivan's). The styles are those of
/// heads of state, royalty, ambassadors and clergy (Debrett's, *Correct Form*, forms of address).
fn honorific_after(toks: &[Token], i: usize) -> bool {
    toks.get(i + 1).is_some_and(|t| {
        t.case != crate::tokens::Case::Lower
            && matches!(
                t.norm.as_str(),
                "highness" | "majesty" | "excellency" | "holiness" | "eminence" | "beatitude" | "royal" | "imperial" | "serene"
            )
    })
}

/// The pronoun a token stands for, contractions included ("we’re", "I'll", "let's"); `norm` is
/// a token's normal form (lower case, straight apostrophe).
pub fn pronoun_of(norm: &str) -> &str {
    match norm.split_once('\'') {
        Some(("let", "s")) => "us",
        Some((p @ ("i" | "we" | "you" | "he" | "she" | "they"), "m" | "ll" | "re" | "ve" | "d" | "s")) => p,
        _ => norm,
    }
}

trait RangeText {
    fn slice_text<'t>(&self, toks: &[Token], text: &'t str) -> &'t str;
}

impl RangeText for Range<usize> {
    fn slice_text<'t>(&self, toks: &[Token], text: &'t str) -> &'t str {
        Span::new(toks[self.start].span.start, toks[self.end - 1].span.end).slice(text)
    }
}

/// A place name that is part of another proper name: "Paris Climate Agreement", "Gulf of
/// Mexico", "Moscow State University".
fn inside_other_name(toks: &[Token], start: usize, end: usize, target: &Target, kb: &KnowledgeBase) -> bool {
    let place = match target {
        Target::Capital(_) => true,
        Target::Name(id) => matches!(kb.entity(*id).kind, EntityKind::Country),
        _ => false,
    };
    if !place {
        return false;
    }
    let followed_by_name = toks.get(end).is_some_and(|t| t.is_word && matches!(t.case, Case::Capitalized | Case::Mixed))
        && matches!(target, Target::Capital(_));
    let after_name_of = start >= 2
        && toks[start - 1].norm == "of"
        && matches!(toks[start - 2].case, Case::Capitalized | Case::Mixed)
        && kb.trie.longest_at(toks, start - 2).is_none()
        && !of_a_state(&toks[start - 2].norm);
    followed_by_name || after_name_of
}

/// Capitalised words before "of X" that make X the state whose office, body or relation it is,
/// not part of another proper name: "Minister for External Affairs of Pakistan", "a Major
/// Defense Partner of the United States", "the Permanent Mission of Japan" (unlike "Gulf of
/// Mexico" or "Bank of England").
fn of_a_state(norm: &str) -> bool {
    matches!(
        norm,
        "president"
            | "minister"
            | "government"
            | "people"
            | "peoples"
            | "republic"
            | "affairs"
            | "partner"
            | "partners"
            | "ally"
            | "allies"
            | "friend"
            | "friends"
            | "mission"
            | "delegation"
            | "delegations"
            | "representative"
            | "representatives"
            | "ambassador"
            | "ambassadors"
            | "embassy"
            | "consulate"
            | "envoy"
            | "secretary"
            | "ministry"
            | "ministers"
            | "leader"
            | "leaders"
            | "head"
            | "heads"
            | "chief"
            | "king"
            | "queen"
            | "emir"
            | "sultan"
            | "prince"
            | "chancellor"
            | "premier"
            | "parliament"
            | "citizens"
            | "nationals"
            | "member"
            | "members"
            | "neighbour"
            | "neighbor"
            | "neighbours"
            | "neighbors"
    )
}

/// The end of a person's name with its suffix: "Joseph R. Biden, Jr." goes on past ", Jr.".
fn name_suffix_end(toks: &[Token], end: usize) -> usize {
    let norm = |k: usize| toks.get(k).map(|t| t.norm.as_str());
    let start = if norm(end) == Some(",") { end + 1 } else { end };
    if !matches!(norm(start), Some("jr" | "sr" | "ii" | "iii")) || toks[start].case == crate::tokens::Case::Lower {
        return end;
    }
    if norm(start + 1) == Some(".") {
        start + 2
    } else {
        start + 1
    }
}

/// The words of an agent phrase, lower-cased ("prime minister").
fn title_key(toks: &[Token], range: &Range<usize>) -> String {
    toks[range.clone()].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ")
}

/// True for an agent phrase (its words, lower case) of `data/actors/institutions.txt`: an
/// institution of a state's government other than a legislature or court ("armed forces",
/// "treasury", "cabinet").
fn is_institution(key: &str) -> bool {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../../data/actors/institutions.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
            .filter(|l| !l.is_empty())
            .collect()
    })
    .iter()
    .any(|p| p == key)
}

/// Agent phrases that name one office-holder of a state (so "the President" is a person): the
/// heads of state and government of the world's systems ("the Taoiseach", "the State
/// Counsellor", "the Emir"), foreign and defence ministers, law officers, and a department's
/// secretary ("the Secretary of Commerce": every "secretary of ..." of data/actors/agents.tsv).
fn is_title(key: &str) -> bool {
    key.starts_with("secretary of ") || members::titles().holder.iter().any(|w| w == key)
}

/// A capital (or a one-word seat of government) that is only a place: after "in", "at", "near"
/// or "outside" ("talks in Helsinki", "at their summit in Reykjavik"), or naming a meeting
/// ("the Reykjavik summit", "the Minsk agreements").
fn place_only(toks: &[Token], start: usize, end: usize, target: &Target, kb: &KnowledgeBase) -> bool {
    let city = match target {
        Target::Capital(_) => true,
        Target::Name(id) => {
            let e = kb.entity(*id);
            e.kind == EntityKind::Metonym && !e.name.contains(' ')
        }
        _ => false,
    };
    if !city {
        return false;
    }
    let before = start.checked_sub(1).map(|i| toks[i].norm.as_str());
    let after = toks.get(end).map(|t| t.norm.as_str());
    // "officials in Ankara": the city says whose officials they are.
    let people_there = start >= 2
        && matches!(
            toks[start - 2].norm.as_str(),
            "officials" | "diplomats" | "sources" | "authorities" | "leaders" | "analysts" | "observers" | "politicians" | "lawmakers"
        );
    (matches!(before, Some("in" | "at" | "near" | "outside" | "around")) && !people_there)
        || matches!(
            after,
            Some(
                "summit"
                    | "summits"
                    | "conference"
                    | "meeting"
                    | "talks"
                    | "declaration"
                    | "agreement"
                    | "agreements"
                    | "accords"
                    | "process"
                    | "negotiations"
                    | "communique"
                    | "format"
                    | "group"
                    | "protocol"
                    | "treaty"
                    | "forum"
                    | "document"
                    | "charter"
                    | "session"
                    | "round"
                    | "final"
            )
        )
}

/// Capitalised words that begin sentences more often than they name a person ("May", "Key",
/// "Rice" are also surnames): a surname alone is not read there unless a title precedes it.
fn is_common_word(norm: &str) -> bool {
    const COMMON: &[&str] = &[
        "may", "march", "april", "june", "august", "will", "said", "says", "mark", "bill", "grant", "hope", "rose", "price", "case", "job",
        "jobs", "art", "rule", "land", "day", "field", "hall", "power", "rice", "key", "love", "law", "rich", "hill", "wood", "cook",
        "baker", "mills", "hunt", "page", "bell", "ward", "cross", "lord", "fish", "frost", "stone", "gray", "grey", "north", "south",
        "east", "west", "new", "good", "best", "strong", "swift", "short", "sharp", "duke", "earl", "gates", "marsh", "wells", "banks",
        "burns", "fox", "long", "pope", "sun", "ma", "li", "chan", "black", "white", "green", "young", "king", "major", "general",
        "justice", "church", "street", "bridge", "castle", "park",
    ];
    COMMON.contains(&norm)
}

/// True when `given`, the capitalised word written before a surname, can be a given name of the
/// person called `name` (with surname `surname`): one of the name's other words, one that
/// contains it or is contained in it ("Tony" of "Antony Blinken"), or one with its first two
/// letters (a short form: "Mike" of "Michael"). "Raquel Buenrostro Sánchez" is not Pedro Sánchez.
fn given_name_fits(name: &str, surname: &str, given: &str) -> bool {
    let words = crate::tokens::tokenize(name, Span::new(0, name.len()));
    let head: String = given.chars().take(2).collect();
    words
        .iter()
        .filter(|w| w.is_word && w.norm != surname && !crate::kb::is_honorific(&w.norm))
        .any(|w| w.norm.contains(given) || (given.contains(w.norm.as_str()) && w.norm.chars().count() >= 3) || w.norm.starts_with(&head))
}

/// A word of office or rank written before a surname ("Secretary Blinken", "Acting Secretary
/// Su", "Governor Abbott", "General Milley"): no given name of the person it precedes (`office`
/// of `data/actors/titles.txt`).
pub(super) fn is_title_word(norm: &str) -> bool {
    crate::kb::is_honorific(norm) || members::titles().office.iter().any(|w| w == norm)
}

/// True when the surname at `i` follows a title written out with its portfolio: a capitalised
/// word of office (`is_title_word`), then "of" or "for" and capitalised words joined by "and",
/// "the" or "&" ("Secretary of Commerce Ross", "Secretary of State for Foreign Affairs Hurd",
/// "Minister for Foreign Affairs and Trade Downer", "Secretary of Health and Human Services
/// Becerra"). The capitalised word right before the surname is then no given name: the title
/// ends there.
fn long_title_before(toks: &[Token], i: usize) -> bool {
    const MAX_TOKENS: usize = 10;
    let mut k = i;
    let mut portfolio = false;
    // The word right before the surname is a capitalised word of the portfolio.
    if !(k > 0 && toks[k - 1].is_word && toks[k - 1].case != Case::Lower) {
        return false;
    }
    while k > 0 && i - k < MAX_TOKENS {
        let t = &toks[k - 1];
        match t.norm.as_str() {
            "of" | "for" if t.case == Case::Lower => portfolio = true,
            "and" | "the" | "&" if t.case == Case::Lower => {}
            _ if t.is_word && t.case != Case::Lower => {
                if portfolio && is_title_word(&t.norm) {
                    return true;
                }
            }
            _ => return false,
        }
        k -= 1;
    }
    false
}

/// Surnames that are also words a sentence often begins with: read there only after a title.
fn is_common_at_start(norm: &str) -> bool {
    matches!(norm, "bush" | "brown" | "moon" | "lee" | "kim" | "ban" | "hun" | "lam" | "wang" | "reid")
}

/// Two raw matches belong to one chunk when nothing stands between them, or a possessive, or
/// "of (the)" after an agent ("Prime Minister of Armenia").
fn joins(toks: &[Token], end: usize, start: usize, prev: &Raw, next: &Raw) -> bool {
    let between: Vec<&str> = toks[end..start].iter().map(|t| t.norm.as_str()).collect();
    let prev_is_agent = matches!(prev.target, Target::Agent(_));
    let next_is_agent = matches!(next.target, Target::Agent(_));
    match between.as_slice() {
        [] => true,
        ["'s"] | ["'"] => true,
        ["the"] => next_is_agent,
        // "President Sheikh Mohamed", "Prime Minister Dr. X": a style between a title and a name.
        [w] | [w, "."] if prev_is_agent && matches!(next.target, Target::Name(_) | Target::Surname(_)) && is_style(w) => true,
        b if b.iter().all(|w| CONNECT_OF.contains(w)) && b.first() == Some(&"of") => prev_is_agent,
        // "President Tubman of Liberia": a title, a name we do not know, "of" and the state.
        b if prev_is_agent
            && !next_is_agent
            && is_personal_title(&title_key(toks, &prev.toks))
            && toks[end - 1].case == Case::Capitalized =>
        {
            let n = unknown_name_run(toks, end);
            n > 0 && matches!(&b[n.min(b.len())..], ["of"] | ["of", "the"])
        }
        _ => false,
    }
}

/// A style written between an office and a name ("President Sheikh Mohamed", "Prime Minister
/// Dr. Ahmed"): the Arabic and academic styles of address (Debrett's, *Correct Form*).
fn is_style(norm: &str) -> bool {
    members::titles().style.iter().any(|w| w == norm)
}

/// A title written before a person's name: an office with one holder, or an envoy.
fn is_personal_title(key: &str) -> bool {
    is_title(key) || members::titles().envoy.iter().any(|w| w == key)
}

/// The capitalised words of a personal name from `from` ("Jaja Wachuku", "Thomas-Greenfield"):
/// how many tokens, or 0 when there is none or the run is too long to be one name.
fn unknown_name_run(toks: &[Token], from: usize) -> usize {
    const MAX_WORDS: usize = 4;
    let mut k = from;
    let mut words = 0;
    while let Some(t) = toks.get(k) {
        if t.is_word && matches!(t.case, Case::Capitalized | Case::Mixed) && t.norm.chars().any(char::is_alphabetic) {
            words += 1;
            k += 1;
        } else if t.norm == "-" && words > 0 && toks.get(k + 1).is_some_and(|n| n.is_word && n.case == Case::Capitalized) {
            k += 1;
        } else {
            break;
        }
    }
    if words == 0 || words > MAX_WORDS {
        return 0;
    }
    k - from
}

fn coordinated(toks: &[Token], end: usize, start: usize) -> bool {
    if start < end {
        return false;
    }
    let between: Vec<&str> = toks[end..start].iter().map(|t| t.norm.as_str()).collect();
    matches!(
        between.as_slice(),
        ["and"] | ["or"] | [","] | [",", "and"] | ["and", "the"] | [",", "and", "the"] | ["/"] | ["-"] | ["and", "with"] | ["&"]
    )
}

/// "Japan, the Republic of Korea, and the United States": a comma and an article join two
/// mentions of a list only when the list goes on to its coordinator; alone, "X, the Y" is an
/// apposition ("Germany, the EU's largest economy").
fn listed_with_article(toks: &[Token], mentions: &[Mention], j: usize) -> bool {
    let article =
        |a: usize, b: usize| b >= a && matches!(toks[a..b].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().as_slice(), [",", "the"]);
    let (Some(next), Some(after)) = (mentions.get(j + 1), mentions.get(j + 2)) else { return false };
    if !article(mentions[j].tokens.end, next.tokens.start) || mentions[j].country == next.country {
        return false;
    }
    let rest: Vec<&str> = toks[next.tokens.end..after.tokens.start.max(next.tokens.end)].iter().map(|t| t.norm.as_str()).collect();
    matches!(rest.as_slice(), ["and"] | [",", "and"] | ["and", "the"] | [",", "and", "the"] | [","] | [",", "the"])
}

/// "X and I", "I and X", "our two countries", "our countries", "both our countries".
fn pairs_speaker(toks: &[Token], mentions: &[Mention]) -> bool {
    for (i, t) in toks.iter().enumerate() {
        if t.norm == "i"
            && i >= 2
            && toks[i - 1].norm == "and"
            && mentions.iter().any(|m| m.kind == MentionKind::Person && m.tokens.end == i - 1)
        {
            return true;
        }
        if t.norm == "i"
            && toks.get(i + 1).is_some_and(|n| n.norm == "and")
            && mentions.iter().any(|m| m.kind == MentionKind::Person && m.tokens.start == i + 2)
        {
            return true;
        }
        if t.norm == "our" && pairs_here(toks, i) {
            return true;
        }
    }
    false
}

/// "our (two) countries/peoples", "both our ...", "our bilateral ..." at token `i`.
fn pairs_here(toks: &[Token], i: usize) -> bool {
    let next = |k: usize| toks.get(i + k).map(|t| t.norm.as_str()).unwrap_or("");
    let both_before = i > 0 && toks[i - 1].norm == "both";
    let plural_party = |w: &str| matches!(w, "countries" | "peoples" | "states" | "nations" | "governments" | "leaders" | "ministries");
    toks[i].norm == "our"
        && (plural_party(next(1)) || (matches!(next(1), "two" | "both") && plural_party(next(2))) || next(1) == "bilateral" || both_before)
}

mod members;
#[cfg(test)]
mod tests;
