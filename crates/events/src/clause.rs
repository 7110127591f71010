//! Shallow clause analysis: clause boundaries, who is the subject (source) and who the object
//! (target) of an event word, passives, and the modality around it (intent, negation, refusal,
//! hypothesis).

use crate::EventError;
use demarche_actors::{Mention, MentionKind, Token};
use std::collections::HashMap;

/// A class of closed-class words of `data/verbs/clause.tsv` (its header says what each is for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    Subordinator,
    BoundaryBefore,
    Preposition,
    Determiner,
    Be,
    Participle,
    PassiveAdverb,
    Adjective,
    Experiencer,
    Coordinator,
    Auxiliary,
    PerformativeFrame,
    Refusal,
    Negation,
    Hypothetical,
    Intent,
    Future,
    FutureNegation,
    ContractedRefusal,
    Scheduled,
    Say,
    Generic,
    NounAgent,
    NounTarget,
    LightVerb,
    TopicVerb,
    Defence,
    Relative,
    Definite,
    AidNoun,
    Obligation,
    QuestionOpener,
    QuestionWord,
    Recipient,
    ContentNoun,
    Catenative,
    Prefix,
}

impl WordClass {
    fn parse(s: &str) -> Option<WordClass> {
        Some(match s {
            "subordinator" => WordClass::Subordinator,
            "boundary_before" => WordClass::BoundaryBefore,
            "preposition" => WordClass::Preposition,
            "determiner" => WordClass::Determiner,
            "be" => WordClass::Be,
            "participle" => WordClass::Participle,
            "passive_adverb" => WordClass::PassiveAdverb,
            "adjective" => WordClass::Adjective,
            "experiencer" => WordClass::Experiencer,
            "coordinator" => WordClass::Coordinator,
            "auxiliary" => WordClass::Auxiliary,
            "performative_frame" => WordClass::PerformativeFrame,
            "refusal" => WordClass::Refusal,
            "negation" => WordClass::Negation,
            "hypothetical" => WordClass::Hypothetical,
            "intent" => WordClass::Intent,
            "future" => WordClass::Future,
            "future_negation" => WordClass::FutureNegation,
            "contracted_refusal" => WordClass::ContractedRefusal,
            "scheduled" => WordClass::Scheduled,
            "say" => WordClass::Say,
            "generic" => WordClass::Generic,
            "noun_agent" => WordClass::NounAgent,
            "noun_target" => WordClass::NounTarget,
            "light_verb" => WordClass::LightVerb,
            "topic_verb" => WordClass::TopicVerb,
            "defence" => WordClass::Defence,
            "relative" => WordClass::Relative,
            "definite" => WordClass::Definite,
            "aid_noun" => WordClass::AidNoun,
            "obligation" => WordClass::Obligation,
            "question_opener" => WordClass::QuestionOpener,
            "question_word" => WordClass::QuestionWord,
            "recipient" => WordClass::Recipient,
            "content_noun" => WordClass::ContentNoun,
            "catenative" => WordClass::Catenative,
            "prefix" => WordClass::Prefix,
            _ => return None,
        })
    }
}

/// The closed-class words of the clause analysis: clause boundaries, prepositions, passives,
/// coordination and modality cues (`data/verbs/clause.tsv`, embedded; replaced with
/// [`crate::VerbDictionary::set_clause_words`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct ClauseWords {
    /// Word → (class, the word that must follow it, if any).
    words: HashMap<Box<str>, Vec<ClassOf>>,
}

/// One reading of a clause word: its class, and the word that must follow it, if any.
type ClassOf = (WordClass, Option<Box<str>>);

impl ClauseWords {
    /// Read the file (`class TAB word TAB next TAB source`, a header line, `#` comments).
    pub(crate) fn parse(file: &str, text: &str) -> Result<ClauseWords, EventError> {
        let mut words: HashMap<Box<str>, Vec<ClassOf>> = HashMap::new();
        for record in crate::dictionary::tsv_fields(file, text, "class, word, next and source") {
            let (line, [class, word, next]) = record?;
            let err = |message: &str| EventError::Parse { file: file.into(), line, message: message.into() };
            let class = WordClass::parse(class).ok_or_else(|| err(&format!("unknown word class \"{class}\"")))?;
            if word.is_empty() || word.contains(' ') {
                return Err(err("expected one word"));
            }
            let next = (next != "-" && !next.is_empty()).then(|| next.to_lowercase().into_boxed_str());
            words.entry(word.to_lowercase().into()).or_default().push((class, next));
        }
        Ok(ClauseWords { words })
    }

    /// True when `word` is of the class (whatever must follow it).
    pub(crate) fn is(&self, class: WordClass, word: &str) -> bool {
        self.words.get(word).is_some_and(|v| v.iter().any(|(c, _)| *c == class))
    }

    /// The number of words of the cue of the class that `word` followed by `next` starts: 1, 2
    /// when the cue needs its next word ("part of"), or `None`.
    pub(crate) fn cue_len(&self, class: WordClass, word: &str, next: &str) -> Option<usize> {
        let v = self.words.get(word)?;
        v.iter().filter(|(c, _)| *c == class).find_map(|(_, n)| match n.as_deref() {
            None => Some(1),
            Some(n) if n == next => Some(2),
            Some(_) => None,
        })
    }

    /// True when `word` followed by `next` is a cue of the class.
    pub(crate) fn cue(&self, class: WordClass, word: &str, next: &str) -> bool {
        self.words.get(word).is_some_and(|v| v.iter().any(|(c, n)| *c == class && n.as_deref().is_none_or(|n| n == next)))
    }

    /// True when `word` followed by `next` is a cue of the class. A cue of `classes` bound to
    /// this very `next` decides, being the more specific reading ("should like" is a wish,
    /// though "should" alone is an obligation); else any cue of the class counts.
    fn cue_among(&self, classes: &[WordClass], class: WordClass, word: &str, next: &str) -> bool {
        match self.bound_cue(classes, word, next) {
            Some(c) => c == class,
            None => self.cue(class, word, next),
        }
    }

    /// The class, among `classes`, of the cue `word` makes with this very `next` ("should" +
    /// "like": intent), if the file lists one.
    pub(crate) fn bound_cue(&self, classes: &[WordClass], word: &str, next: &str) -> Option<WordClass> {
        self.words.get(word)?.iter().find(|(c, n)| classes.contains(c) && n.as_deref() == Some(next)).map(|(c, _)| *c)
    }
}

/// Clause boundaries of one sentence.
pub(crate) struct Clauses {
    /// Token index where each clause starts; the first is 0.
    starts: Vec<usize>,
    len: usize,
}

impl Clauses {
    pub(crate) fn new(words: &ClauseWords, tokens: &[Token]) -> Clauses {
        let mut starts = vec![0];
        for (i, t) in tokens.iter().enumerate() {
            let w = t.norm.as_str();
            let next = tokens.get(i + 1).map(|t| t.norm.as_str()).unwrap_or("");
            let boundary_after = matches!(w, ";" | ":" | "?" | "!" | "\"")
                || (w == "," && words.is(WordClass::Subordinator, next))
                || (w == "-" && !t.is_word && next != "-" && tokens.get(i.wrapping_sub(1)).is_some_and(|p| !p.is_word));
            let boundary_before = words.is(WordClass::BoundaryBefore, w) && i > 0;
            if boundary_after && i + 1 < tokens.len() {
                starts.push(i + 1);
            } else if boundary_before {
                starts.push(i);
            }
        }
        starts.dedup();
        Clauses { starts, len: tokens.len() }
    }

    /// The clause `[start, end)` containing token `i`.
    pub(crate) fn of(&self, i: usize) -> (usize, usize) {
        let k = match self.starts.binary_search(&i) {
            Ok(k) => k,
            Err(k) => k.saturating_sub(1),
        };
        let start = self.starts[k];
        let end = self.starts.get(k + 1).copied().unwrap_or(self.len);
        (start, end)
    }
}

/// True when the mention is the object of a preposition ("with Armenia", "of the Kremlin"), or
/// an item of a list whose first item is ("from the US, the WHO, as well as the EU").
///
/// Iterative: a list of thousands of items is walked back item by item (each previous item
/// found by binary search), never by recursion.
pub(crate) fn in_prepositional_phrase(words: &ClauseWords, tokens: &[Token], mentions: &[Mention], m: &Mention) -> bool {
    let mut m = m;
    let sorted = mentions.windows(2).all(|w| w[0].tokens.end <= w[1].tokens.end);
    // Each step moves to a mention that starts earlier, so the walk ends.
    loop {
        match prepositional_step(words, tokens, mentions, sorted, m) {
            Step::Done(answer) => return answer,
            Step::Previous(prev) => m = prev,
        }
    }
}

enum Step<'m> {
    Done(bool),
    Previous(&'m Mention),
}

fn prepositional_step<'m>(words: &ClauseWords, tokens: &[Token], mentions: &'m [Mention], sorted: bool, m: &Mention) -> Step<'m> {
    let mut i = m.tokens.start;
    while i > 0 {
        let w = tokens[i - 1].norm.as_str();
        if words.is(WordClass::Determiner, w) {
            i -= 1;
            continue;
        }
        if words.is(WordClass::Preposition, w) {
            return Step::Done(true);
        }
        let continues = tokens.get(m.tokens.end).is_some_and(|t| matches!(t.norm.as_str(), "," | "and" | "or"));
        let closes = matches!(w, "and" | "or" | "well" | "as");
        if matches!(w, "," | "and" | "or" | "well" | "as") && (continues || closes) {
            // A list ("from A, B and C"): the item before decides, if there is one. A comma
            // after a fronted phrase ("In Moscow, Lavrov said") is no list.
            let mut j = i - 1;
            while j > 0 && matches!(tokens[j - 1].norm.as_str(), "," | "and" | "or" | "well" | "as" | "the") {
                j -= 1;
            }
            return match previous_ending_at(mentions, sorted, j, m.tokens.start) {
                Some(prev) => Step::Previous(prev),
                None => Step::Done(false),
            };
        }
        return Step::Done(false);
    }
    Step::Done(false)
}

/// The first mention (in text order) that ends at token `end` and starts before `before`.
/// Mentions are in text order, so those ending at `end` form one run found by binary search.
fn previous_ending_at(mentions: &[Mention], sorted: bool, end: usize, before: usize) -> Option<&Mention> {
    if !sorted {
        return mentions.iter().find(|x| x.tokens.end == end && x.tokens.start < before);
    }
    let from = mentions.partition_point(|x| x.tokens.end < end);
    mentions.get(from..)?.iter().take_while(|x| x.tokens.end == end).find(|x| x.tokens.start < before)
}

/// True when the head is a passive participle ("was attacked", "were invited by").
pub(crate) fn is_passive(words: &ClauseWords, tokens: &[Token], head: usize) -> bool {
    let w = tokens[head].norm.as_str();
    let participle = w.ends_with("ed") || w.ends_with("en") || words.is(WordClass::Participle, w);
    if !participle {
        return false;
    }
    let mut i = head;
    for _ in 0..3 {
        if i == 0 {
            return false;
        }
        i -= 1;
        let p = tokens[i].norm.as_str();
        if words.is(WordClass::Be, p) {
            return true;
        }
        if !(p.ends_with("ly") || words.is(WordClass::PassiveAdverb, p)) {
            return false;
        }
    }
    false
}

/// The modality of an event word, from the words before it in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    /// It happened (or is happening).
    Realized,
    /// Intended, planned, promised or future.
    Intent,
    /// Negated: it did not happen.
    Negated,
    /// Refused: an actor declined to do it.
    Refused,
    /// Conditional or hypothetical.
    Hypothetical,
}

impl Modality {
    /// Label used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Realized => "realized",
            Modality::Intent => "intent",
            Modality::Negated => "negated",
            Modality::Refused => "refused",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// The classes of the modality cues.
pub(crate) const MODAL_CLASSES: [WordClass; 4] = [WordClass::Refusal, WordClass::Negation, WordClass::Hypothetical, WordClass::Intent];

/// Look back from the head (up to eight tokens, not past the clause start) for modal cues.
/// Returns the modality and the token range of its cue.
pub(crate) fn modality(
    cues: &ClauseWords,
    tokens: &[Token],
    clause_start: usize,
    head: usize,
) -> (Modality, Option<std::ops::Range<usize>>) {
    // Up to twelve words back, not counting a parenthesis ("we will also (as we did before) talk").
    let mut idx: Vec<usize> = Vec::new();
    let mut depth = 0;
    let mut i = head;
    while i > clause_start && idx.len() < 12 {
        i -= 1;
        match tokens[i].norm.as_str() {
            ")" => depth += 1,
            "(" => depth = (depth - 1).max(0),
            _ if depth == 0 => idx.push(i),
            _ => {}
        }
    }
    idx.reverse();
    // Cue words are lower-case ("12 May 2024" is no modal); a contracted "will" is its clitic.
    let words: Vec<&str> = idx.iter().map(|&k| cue_form(&tokens[k])).collect();
    let at = |k: usize| idx[k];
    let mut found: Option<(Modality, usize)> = None;
    let set = |m: Modality, k: usize, found: &mut Option<(Modality, usize)>| {
        let rank = |m: Modality| match m {
            Modality::Refused => 4,
            Modality::Negated => 3,
            Modality::Hypothetical => 2,
            Modality::Intent => 1,
            Modality::Realized => 0,
        };
        if found.is_none_or(|(f, _)| rank(m) > rank(f)) {
            *found = Some((m, k));
        }
    };
    for (k, w) in words.iter().enumerate() {
        // The word after the last one looked at is the head's first word ("should" + "like").
        let next = words.get(k + 1).copied().unwrap_or_else(|| tokens.get(at(k) + 1).map_or("", |t| t.norm.as_str()));
        // "I want to say we've had a productive summit": the wish is to say it; what is said
        // keeps its own modality.
        if cues.is(WordClass::Say, w) && found.is_some_and(|(m, _)| m == Modality::Intent) {
            found = None;
            continue;
        }
        let cue = |class: WordClass| cues.cue_among(&MODAL_CLASSES, class, w, next);
        if cue(WordClass::Refusal) {
            set(Modality::Refused, at(k), &mut found)
        } else if cue(WordClass::Negation) {
            set(Modality::Negated, at(k), &mut found)
        } else if cue(WordClass::Hypothetical) {
            set(Modality::Hypothetical, at(k), &mut found)
        } else if cue(WordClass::Intent) {
            set(Modality::Intent, at(k), &mut found)
        }
    }
    // "will not", "won't", "would not": a stated intention not to act is a refusal.
    let will_not = words
        .windows(2)
        .position(|w| cues.is(WordClass::Future, w[0]) && cues.is(WordClass::FutureNegation, w[1]))
        .or_else(|| words.iter().position(|w| cues.is(WordClass::ContractedRefusal, w)));
    if let (Some(k), Some((Modality::Negated, _))) = (will_not, found) {
        return (Modality::Refused, Some(at(k)..at(k) + 2));
    }
    match found {
        // "would ... if" is a hypothesis: the ranking handles it.
        Some((m, k)) => (m, Some(k..k + 1)),
        None => (Modality::Realized, None),
    }
}

/// The form a token has as a modality cue: a lower-case word as it is, nothing for a capitalised
/// one ("12 May 2024" is no modal), and the clitic of a contracted "will" in any case: the
/// tokenizer keeps "we'll" and "They’ll" whole (apostrophes unified), so "We'll support X" reads
/// "'ll" of clause.tsv as "We will support X" does "will".
pub(crate) fn cue_form(token: &Token) -> &str {
    let w = token.norm.as_str();
    if w.len() > 3 && w.ends_with("'ll") {
        &w[w.len() - 3..]
    } else if token.case == demarche_actors::Case::Lower {
        w
    } else {
        ""
    }
}

/// Choose the subject: the nearest actor left of the head in its clause that is not the
/// object of a preposition; failing that, the nearest such actor earlier in the sentence.
pub(crate) fn subject(words: &ClauseWords, tokens: &[Token], mentions: &[Mention], clauses: &Clauses, head: usize) -> Option<usize> {
    if let Some(i) = infinitive_subject(words, tokens, mentions, head) {
        return Some(i);
    }
    let (cstart, _) = clauses.of(head);
    let left = |from: usize| {
        // The candidate ending last: with mentions in text order, the first found from the
        // right (so the prepositional test runs on few mentions, not on all of them).
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.tokens.end <= head && m.tokens.start >= from)
            .filter(|(_, m)| m.kind != MentionKind::Adjective || is_people_noun(tokens, m))
            .rev()
            .find(|(_, m)| !in_prepositional_phrase(words, tokens, mentions, m))
            .map(|(i, _)| i)
    };
    let sorted = mentions.windows(2).all(|w| w[0].tokens.end <= w[1].tokens.end);
    if !sorted {
        let left = |from: usize| {
            mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.tokens.end <= head && m.tokens.start >= from && !in_prepositional_phrase(words, tokens, mentions, m))
                .filter(|(_, m)| m.kind != MentionKind::Adjective || is_people_noun(tokens, m))
                .max_by_key(|(_, m)| m.tokens.end)
                .map(|(i, _)| i)
        };
        return left(cstart).or_else(|| left(0));
    }
    left(cstart).or_else(|| left(0))
}

/// "It is a pleasure for me to congratulate ...", "an honour for us to welcome ...": the actor
/// after "for" in a performative frame is the subject of the infinitive at `head`.
fn infinitive_subject(words: &ClauseWords, tokens: &[Token], mentions: &[Mention], head: usize) -> Option<usize> {
    let to = head.checked_sub(1)?;
    if tokens[to].norm != "to" {
        return None;
    }
    let (i, x) = mentions.iter().enumerate().find(|(_, x)| x.tokens.end == to && x.tokens.start > 0)?;
    let mut f = x.tokens.start;
    while f > 0 && words.is(WordClass::Determiner, &tokens[f - 1].norm) {
        f -= 1;
    }
    let frame = f.checked_sub(2).map(|k| tokens[k].norm.as_str());
    (f > 0 && tokens[f - 1].norm == "for" && frame.is_some_and(|w| words.is(WordClass::PerformativeFrame, w))).then_some(i)
}

/// An adjective mention that heads a noun phrase about people ("Armenian forces", "Russians").
pub(crate) fn is_people_noun(tokens: &[Token], m: &Mention) -> bool {
    let last = &tokens[m.tokens.end - 1].norm;
    last.ends_with('s') && !last.ends_with("ss")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_words_load_and_answer_by_class() {
        let w = ClauseWords::parse("t.tsv", "class\tword\tnext\tsource\nnegation\tfailed\tto\tx\nintent\twill\t-\tx\n").unwrap();
        assert!(w.cue(WordClass::Negation, "failed", "to"));
        assert!(!w.cue(WordClass::Negation, "failed", "badly"));
        assert!(w.is(WordClass::Negation, "failed"));
        assert!(w.cue(WordClass::Intent, "will", "anything"));
        assert!(!w.is(WordClass::Hypothetical, "will"));
    }

    /// A cue bound to its next word outranks the same word's cue with `-`: "should like" is a
    /// wish, "should" before anything else an obligation.
    #[test]
    fn a_cue_bound_to_its_next_word_outranks_the_word_alone() {
        let w = ClauseWords::parse("t.tsv", "class\tword\tnext\tsource\nhypothetical\tought\t-\tx\nintent\tought\tlike\tx\n").unwrap();
        let m = |next: &str| {
            let toks = demarche_actors::tokenize_phrase(&format!("Chile ought {next} to meet Peru"));
            let head = toks.iter().position(|t| t.norm == "meet").unwrap();
            modality(&w, &toks, 0, head).0
        };
        assert_eq!(m("like"), Modality::Intent);
        assert_eq!(m("really"), Modality::Hypothetical);
        assert_eq!(w.bound_cue(&MODAL_CLASSES, "ought", "like"), Some(WordClass::Intent));
        assert_eq!(w.bound_cue(&MODAL_CLASSES, "ought", "really"), None);
    }

    #[test]
    fn bad_clause_words_name_file_and_line() {
        let err = ClauseWords::parse("c.tsv", "class\tword\tnext\tsource\n# note\nmodal\twill\t-\tx\n").unwrap_err().to_string();
        assert_eq!(err, "c.tsv:3: unknown word class \"modal\"");
        let err = ClauseWords::parse("c.tsv", "class\tword\tnext\tsource\nintent\n").unwrap_err().to_string();
        assert!(err.starts_with("c.tsv:2: expected class, word"), "{err}");
    }

    /// Every class of the built-in file is used, and the file parses.
    #[test]
    fn builtin_clause_words() {
        let w = ClauseWords::parse("clause.tsv", include_str!("../../../data/verbs/clause.tsv")).unwrap();
        for (class, word) in [
            (WordClass::Subordinator, "which"),
            (WordClass::Preposition, "with"),
            (WordClass::Be, "was"),
            (WordClass::Coordinator, "and"),
            (WordClass::PerformativeFrame, "pleasure"),
            (WordClass::ContractedRefusal, "wo"),
            (WordClass::Relative, "whose"),
            (WordClass::Definite, "their"),
            (WordClass::AidNoun, "assistance"),
            (WordClass::Experiencer, "encouraged"),
        ] {
            assert!(w.is(class, word), "{word}");
        }
    }
}
