//! Shallow clause analysis: clause boundaries, who is the subject (source) and who the object
//! (target) of an event word, passives, and the modality around it (intent, negation, refusal,
//! hypothesis).

use demarche_actors::{Mention, MentionKind, Token};

/// Clause boundaries of one sentence.
pub(crate) struct Clauses {
    /// Token index where each clause starts; the first is 0.
    starts: Vec<usize>,
    len: usize,
}

const SUBORDINATORS: &[&str] = &[
    "which", "who", "whom", "whose", "while", "whereas", "but", "although", "though", "after", "before", "when", "since", "because",
    "unless", "if", "where", "however", "as",
];

impl Clauses {
    pub(crate) fn new(tokens: &[Token]) -> Clauses {
        let mut starts = vec![0];
        for (i, t) in tokens.iter().enumerate() {
            let w = t.norm.as_str();
            let next = tokens.get(i + 1).map(|t| t.norm.as_str()).unwrap_or("");
            let boundary_after = matches!(w, ";" | ":" | "?" | "!" | "\"")
                || (w == "," && SUBORDINATORS.contains(&next))
                || (w == "-" && !t.is_word && next != "-" && tokens.get(i.wrapping_sub(1)).is_some_and(|p| !p.is_word));
            let boundary_before = matches!(w, "but" | "whereas" | "while" | "although") && i > 0;
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

const PREPOSITIONS: &[&str] = &[
    "with",
    "to",
    "from",
    "of",
    "for",
    "against",
    "between",
    "by",
    "in",
    "at",
    "on",
    "into",
    "towards",
    "toward",
    "over",
    "about",
    "among",
    "under",
    "across",
    "near",
    "through",
    "within",
    "without",
    "via",
    "upon",
    "than",
    "like",
    "including",
];

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "'s"];

/// True when the mention is the object of a preposition ("with Armenia", "of the Kremlin"), or
/// an item of a list whose first item is ("from the US, the WHO, as well as the EU").
///
/// Iterative: a list of thousands of items is walked back item by item (each previous item
/// found by binary search), never by recursion.
pub(crate) fn in_prepositional_phrase(tokens: &[Token], mentions: &[Mention], m: &Mention) -> bool {
    let mut m = m;
    let sorted = mentions.windows(2).all(|w| w[0].tokens.end <= w[1].tokens.end);
    // Each step moves to a mention that starts earlier, so the walk ends.
    loop {
        match prepositional_step(tokens, mentions, sorted, m) {
            Step::Done(answer) => return answer,
            Step::Previous(prev) => m = prev,
        }
    }
}

enum Step<'m> {
    Done(bool),
    Previous(&'m Mention),
}

fn prepositional_step<'m>(tokens: &[Token], mentions: &'m [Mention], sorted: bool, m: &Mention) -> Step<'m> {
    let mut i = m.tokens.start;
    while i > 0 {
        let w = tokens[i - 1].norm.as_str();
        if matches!(w, "the" | "a" | "an" | "its" | "their" | "our" | "his" | "her" | "both" | "all") {
            i -= 1;
            continue;
        }
        if PREPOSITIONS.contains(&w) {
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
pub(crate) fn is_passive(tokens: &[Token], head: usize) -> bool {
    let w = tokens[head].norm.as_str();
    let participle = w.ends_with("ed")
        || w.ends_with("en")
        || matches!(w, "met" | "held" | "hit" | "shot" | "struck" | "sent" | "seized" | "told" | "signed");
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
        if BE.contains(&p) {
            return true;
        }
        if !(p.ends_with("ly") || matches!(p, "not" | "reportedly" | "also" | "being" | "been" | "allegedly")) {
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

/// Look back from the head (up to eight tokens, not past the clause start) for modal cues.
/// Returns the modality and the token range of its cue.
pub(crate) fn modality(tokens: &[Token], clause_start: usize, head: usize) -> (Modality, Option<std::ops::Range<usize>>) {
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
    // Cue words are lower-case ("12 May 2024" is no modal).
    let words: Vec<&str> =
        idx.iter().map(|&k| if tokens[k].case == demarche_actors::Case::Lower { tokens[k].norm.as_str() } else { "" }).collect();
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
        let next = words.get(k + 1).copied().unwrap_or("");
        // "I want to say we've had a productive summit": the wish is to say it; what is said
        // keeps its own modality.
        if matches!(*w, "say" | "tell" | "add" | "note" | "mention" | "report") && found.is_some_and(|(m, _)| m == Modality::Intent) {
            found = None;
            continue;
        }
        match *w {
            "refuse" | "refuses" | "refused" | "refusing" | "decline" | "declines" | "declined" | "declining" if next == "to" => {
                set(Modality::Refused, at(k), &mut found)
            }
            "not" | "n't" | "never" | "neither" | "nor" | "without" | "cannot" | "can't" | "won't" | "didn't" | "don't" | "doesn't"
            | "hasn't" | "haven't" | "wouldn't" => set(Modality::Negated, at(k), &mut found),
            "no" if next == "longer" => set(Modality::Negated, at(k), &mut found),
            "failed" | "fails" | "fail" if next == "to" => set(Modality::Negated, at(k), &mut found),
            "if" | "unless" | "whether" | "could" | "might" | "may" | "should" => set(Modality::Hypothetical, at(k), &mut found),
            "will" | "'ll" | "shall" | "would" | "intend" | "intends" | "intended" | "intention" | "plan" | "plans" | "planned"
            | "planning" | "hope" | "hopes" | "hoped" | "ready" | "readiness" | "willing" | "willingness" | "want" | "wants" | "wanted"
            | "wish" | "wishes" | "expect" | "expects" | "expected" | "seek" | "seeks" | "aim" | "aims" | "prepared" | "prepare"
            | "upcoming" | "forthcoming" | "future" | "proposed" | "propose" | "proposes" | "decided" | "agreed" | "working"
            | "promised" | "pledged" | "vowed" | "offered" | "going" | "forward" | "possible" | "prospects" | "happy" => {
                let intent_like = !matches!(*w, "working") || next == "on";
                if intent_like {
                    set(Modality::Intent, at(k), &mut found)
                }
            }
            _ => {}
        }
    }
    // "will not", "won't", "would not": a stated intention not to act is a refusal.
    let will_not = words
        .windows(2)
        .position(|w| matches!(w[0], "will" | "would" | "shall") && matches!(w[1], "not" | "never"))
        .or_else(|| words.iter().position(|w| matches!(*w, "won't" | "wo")));
    if let (Some(k), Some((Modality::Negated, _))) = (will_not, found) {
        return (Modality::Refused, Some(at(k)..at(k) + 2));
    }
    match found {
        // "would ... if" is a hypothesis: the ranking handles it.
        Some((m, k)) => (m, Some(k..k + 1)),
        None => (Modality::Realized, None),
    }
}

/// Choose the subject: the nearest actor left of the head in its clause that is not the
/// object of a preposition; failing that, the nearest such actor earlier in the sentence.
pub(crate) fn subject(tokens: &[Token], mentions: &[Mention], clauses: &Clauses, head: usize) -> Option<usize> {
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
            .find(|(_, m)| !in_prepositional_phrase(tokens, mentions, m))
            .map(|(i, _)| i)
    };
    let sorted = mentions.windows(2).all(|w| w[0].tokens.end <= w[1].tokens.end);
    if !sorted {
        let left = |from: usize| {
            mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.tokens.end <= head && m.tokens.start >= from && !in_prepositional_phrase(tokens, mentions, m))
                .filter(|(_, m)| m.kind != MentionKind::Adjective || is_people_noun(tokens, m))
                .max_by_key(|(_, m)| m.tokens.end)
                .map(|(i, _)| i)
        };
        return left(cstart).or_else(|| left(0));
    }
    left(cstart).or_else(|| left(0))
}

/// An adjective mention that heads a noun phrase about people ("Armenian forces", "Russians").
pub(crate) fn is_people_noun(tokens: &[Token], m: &Mention) -> bool {
    let last = &tokens[m.tokens.end - 1].norm;
    last.ends_with('s') && !last.ends_with("ss")
}
