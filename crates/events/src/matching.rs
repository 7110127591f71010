//! Pattern matching over a sentence's tokens and actor mentions.
//!
//! Candidates start at tokens whose form begins some pattern; each is matched with
//! backtracking over optional words, gaps and actor slots, inside the clause. Overlapping
//! matches are resolved longest first.

use crate::clause::{Clauses, WordClass};
use crate::dictionary::{Elem, VerbDictionary};
use demarche_actors::{Mention, Token};

/// A pattern matched in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    pub pattern: u32,
    /// Token range covered by the match's words.
    pub start: usize,
    pub end: usize,
    /// The head (event word) token.
    pub head: usize,
    /// Tokens matched by words.
    pub words: Vec<usize>,
    /// Mention index bound by a target slot.
    pub target: Option<usize>,
    /// Mention index bound by a source slot.
    pub source: Option<usize>,
}

/// How far a slot looks for its actor (determiners, adjectives: "the Russian ...").
const SLOT_WINDOW: usize = 3;
const GAP: usize = 5;
/// How many adverbials may stand between two words of a pattern.
const MAX_ADVERBIALS: usize = 2;

#[derive(Clone, Copy)]
struct Ctx<'a> {
    dict: &'a VerbDictionary,
    tokens: &'a [Token],
    mentions: &'a [Mention],
    clauses: &'a Clauses,
    clause_end: usize,
}

pub(crate) fn find_matches(dict: &VerbDictionary, tokens: &[Token], mentions: &[Mention], clauses: &Clauses) -> Vec<Match> {
    let mut all = Vec::new();
    for (ti, tok) in tokens.iter().enumerate() {
        // Patterns opening with this word, or with the hyphenated word opening here.
        let joined = hyphenated(tokens, ti);
        // "de-occupy", "non-aggression", "anti-war": after a prefix of the `prefix` class the
        // last part of a hyphenated word is not the word a pattern spells ("co-host" still hosts).
        let tail = ti >= 2 && is_hyphenated(tokens, ti - 2) && dict.clause.is(WordClass::Prefix, &tokens[ti - 2].norm);
        let first = if tail { None } else { dict.by_first.get(tok.norm.as_str()) };
        let first_joined = joined.as_deref().and_then(|j| dict.by_first.get(j));
        if first.is_none() && first_joined.is_none() {
            continue;
        }
        let (_, clause_end) = clauses.of(ti);
        let ctx = Ctx { dict, tokens, mentions, clauses, clause_end };
        for &pid in first.into_iter().flatten().chain(first_joined.into_iter().flatten()) {
            let p = &dict.patterns[pid as usize];
            // Leading "-T"/"-S" slots bind before the first word.
            let mut lead_target = None;
            let mut lead_source = None;
            let mut first = 0;
            let mut ok = true;
            while let Some(Elem::Slot { target, before: true }) = p.elems.get(first) {
                let bound = nearest_before(mentions, ti);
                match (bound, target) {
                    (Some(m), true) => lead_target = Some(m),
                    (Some(m), false) => lead_source = Some(m),
                    (None, _) => ok = false,
                }
                first += 1;
            }
            if !ok {
                continue;
            }
            let mut state = State { words: Vec::new(), target: lead_target, source: lead_source, head: None, end: ti };
            if match_elems(&ctx, &p.elems, first, ti, p.head, &mut state) {
                if let Some(head) = state.head {
                    let end = state.words.iter().max().map(|m| m + 1).unwrap_or(ti + 1);
                    all.push(Match { pattern: pid, start: ti, end, head, words: state.words, target: state.target, source: state.source });
                }
            }
        }
    }
    select(dict, all)
}

/// The hyphenated word that opens at token `ti` ("co-operation": "co", "-", "operation"
/// written without spaces), as a pattern word spells it; `None` elsewhere.
fn hyphenated(tokens: &[Token], ti: usize) -> Option<String> {
    is_hyphenated(tokens, ti).then(|| format!("{}-{}", tokens[ti].norm, tokens[ti + 2].norm))
}

/// Whether a hyphenated word ("co-host": word, "-", word, nothing between) opens at `ti`.
fn is_hyphenated(tokens: &[Token], ti: usize) -> bool {
    matches!(tokens.get(ti..ti + 3), Some([a, h, b]) if a.is_word && h.norm == "-" && b.is_word && a.span.end == h.span.start && h.span.end == b.span.start)
}

#[derive(Clone)]
struct State {
    words: Vec<usize>,
    target: Option<usize>,
    source: Option<usize>,
    head: Option<usize>,
    end: usize,
}

fn match_elems(ctx: &Ctx, elems: &[Elem], ei: usize, ti: usize, head: usize, st: &mut State) -> bool {
    let Some(elem) = elems.get(ei) else {
        st.end = ti;
        return true;
    };
    match elem {
        Elem::Words { forms, optional } => {
            if ti < ctx.clause_end && forms.iter().any(|f| **f == *ctx.tokens[ti].norm) {
                let saved = st.clone();
                st.words.push(ti);
                if ei == head {
                    st.head = Some(ti);
                }
                if match_elems(ctx, elems, ei + 1, ti + 1, head, st) {
                    return true;
                }
                *st = saved;
            }
            // "co-operate", "co-ordinated": a hyphenated word is three tokens; its last part
            // carries the inflection and stands for the word as its head.
            if ti + 2 < ctx.clause_end && hyphenated(ctx.tokens, ti).is_some_and(|j| forms.iter().any(|f| **f == *j)) {
                let saved = st.clone();
                st.words.extend([ti, ti + 1, ti + 2]);
                if ei == head {
                    st.head = Some(ti + 2);
                }
                if match_elems(ctx, elems, ei + 1, ti + 3, head, st) {
                    return true;
                }
                *st = saved;
            }
            if *optional && match_elems(ctx, elems, ei + 1, ti, head, st) {
                return true;
            }
            // Adverbials between two words of the pattern ("spoke today with", "met
            // separately with"): at most two, never before the first word.
            if ei > 0 && matches!(elems[ei - 1], Elem::Words { .. }) {
                let mut at = ti;
                while at < ctx.clause_end && at < ti + MAX_ADVERBIALS && ctx.dict.is_adverbial(&ctx.tokens[at].norm) {
                    at += 1;
                    if at < ctx.clause_end && forms.iter().any(|f| **f == *ctx.tokens[at].norm) {
                        let saved = st.clone();
                        st.words.push(at);
                        if ei == head {
                            st.head = Some(at);
                        }
                        if match_elems(ctx, elems, ei + 1, at + 1, head, st) {
                            return true;
                        }
                        *st = saved;
                    }
                }
            }
            false
        }
        Elem::Gap => {
            for skip in 0..=GAP {
                let at = ti + skip;
                if at > ctx.clause_end {
                    break;
                }
                if skip > 0 && matches!(ctx.tokens[at - 1].norm.as_str(), "," | "." | ";" | ":" | "(" | ")" | "?" | "!" | "\"") {
                    break;
                }
                let saved = st.clone();
                if match_elems(ctx, elems, ei + 1, at, head, st) {
                    return true;
                }
                *st = saved;
            }
            false
        }
        Elem::Slot { target, before } => {
            if *before {
                // Only leading slots may look back; elsewhere they are ignored.
                return match_elems(ctx, elems, ei + 1, ti, head, st);
            }
            let after_gap = ei > 0 && matches!(elems[ei - 1], Elem::Gap);
            let window = if after_gap { 0 } else { SLOT_WINDOW };
            let found = ctx
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.tokens.start >= ti && m.tokens.start <= ti + window && m.tokens.start < ctx.clause_end)
                .min_by_key(|(_, m)| m.tokens.start);
            let Some((mi, m)) = found else { return false };
            // "reached out to our Israeli counterparts": the possessive pronoun only determines
            // the actor that follows it.
            let (mi, m) = match determined(ctx.tokens, ctx.mentions, mi).filter(|&n| ctx.mentions[n].tokens.start < ctx.clause_end) {
                Some(n) => (n, &ctx.mentions[n]),
                None => (mi, m),
            };
            // "welcomed Georgia's readiness": a possessive actor is not the object.
            if ctx.tokens.get(m.tokens.end).is_some_and(|t| t.is_possessive()) {
                return false;
            }
            // Only determiners, possessives and adjectives may stand between.
            if ctx.tokens[ti..m.tokens.start].iter().any(|t| !is_filler(&t.norm)) {
                return false;
            }
            let saved = st.clone();
            if *target {
                st.target = Some(mi);
            } else {
                st.source = Some(mi);
            }
            if match_elems(ctx, elems, ei + 1, m.tokens.end, head, st) {
                return true;
            }
            // "the aggression of the United Kingdom, France and Israel against Egypt": the slot
            // holds the whole coordinated list (its compound), and the pattern goes on after it.
            let list_end = compound_end(ctx.mentions, mi);
            if list_end > m.tokens.end && match_elems(ctx, elems, ei + 1, list_end, head, st) {
                return true;
            }
            // "hope that South Africa, whose responsibilities are heavy, will follow suit": a
            // relative clause set off by commas after the actor is no word of the pattern, which
            // goes on after the closing comma, in the clause there.
            if ei + 1 < elems.len() {
                if let Some(after) = relative_aside_end(ctx, list_end) {
                    let (_, clause_end) = ctx.clauses.of(after);
                    let past = Ctx { clause_end, ..*ctx };
                    if match_elems(&past, elems, ei + 1, after, head, st) {
                        return true;
                    }
                }
            }
            *st = saved;
            false
        }
    }
}

/// Longest relative clause read as an aside after an actor, in tokens.
const MAX_ASIDE: usize = 25;

/// The token after the closing comma of a relative clause set off by commas that opens at
/// `at` (", whose ... ,", ", which ... ,": a word of class `relative` of
/// `data/verbs/clause.tsv` right after the comma); `None` when there is none, or it ends the
/// sentence or its clause with other punctuation.
fn relative_aside_end(ctx: &Ctx, at: usize) -> Option<usize> {
    let toks = ctx.tokens;
    if toks.get(at)?.norm != "," || !ctx.dict.clause.is(WordClass::Relative, &toks.get(at + 1)?.norm) {
        return None;
    }
    for k in at + 2..toks.len().min(at + 2 + MAX_ASIDE) {
        match toks[k].norm.as_str() {
            "," => return (k + 1 < toks.len()).then_some(k + 1),
            "." | ";" | ":" | "?" | "!" | "(" | ")" | "\"" => return None,
            _ => {}
        }
    }
    None
}

/// The token after the last member of the coordinated list ("X, Y and Z") that mention `mi`
/// opens, or after the mention itself when it opens none.
fn compound_end(mentions: &[Mention], mi: usize) -> usize {
    let m = &mentions[mi];
    match m.compound {
        Some(c) => mentions
            .iter()
            .filter(|x| x.compound == Some(c) && x.tokens.start >= m.tokens.start)
            .map(|x| x.tokens.end)
            .max()
            .unwrap_or(m.tokens.end),
        None => m.tokens.end,
    }
}

/// The actor a possessive determiner only introduces: in "met his Armenian counterpart" or
/// "reached out to our Israeli counterparts" the pronoun is not the object, the actor after it
/// is. "her" counts only before a describing word ("her Chinese counterpart"), since "told her
/// Russia would" is an object and a new clause.
pub(crate) fn determined(tokens: &[Token], mentions: &[Mention], m: usize) -> Option<usize> {
    let x = mentions.get(m)?;
    let word = tokens.get(x.tokens.start)?.norm.as_str();
    if !x.is_pronoun() || !matches!(word, "our" | "my" | "your" | "their" | "his" | "her" | "its") {
        return None;
    }
    let next = mentions.iter().position(|y| y.tokens.start == x.tokens.end)?;
    (word != "her" || mentions[next].kind == demarche_actors::MentionKind::Adjective).then_some(next)
}

fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "both"
            | "all"
            | "fellow"
            | "neighbouring"
            | "neighboring"
            | "counterpart"
            | "colleague"
            | "colleagues"
            | "partners"
            | "partner"
            | "new"
            | "former"
            | "top"
            | "visiting"
            // the epithets of speeches ("against peaceful Egypt", "the sisterly Kingdom of X")
            | "peaceful"
            | "sisterly"
            | "brotherly"
            | "fraternal"
            | "friendly"
            | "heroic"
            | "defenceless"
            | "defenseless"
            | "\""
    )
}

fn nearest_before(mentions: &[Mention], ti: usize) -> Option<usize> {
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.tokens.end <= ti && ti - m.tokens.end <= 6)
        .max_by_key(|(_, m)| m.tokens.end)
        .map(|(i, _)| i)
}

/// Keep the strongest non-overlapping matches: more words first, then the more specific code,
/// then longer, then earlier.
fn select(dict: &VerbDictionary, mut all: Vec<Match>) -> Vec<Match> {
    all.sort_by(|a, b| {
        let pa = &dict.patterns[a.pattern as usize];
        let pb = &dict.patterns[b.pattern as usize];
        let slots = |m: &Match| m.target.is_some() as usize + m.source.is_some() as usize;
        (pb.literals + slots(b))
            .cmp(&(pa.literals + slots(a)))
            .then(pb.code.len().cmp(&pa.code.len()))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
            .then(a.pattern.cmp(&b.pattern))
    });
    let mut used: Vec<usize> = Vec::new();
    let mut out: Vec<Match> = Vec::new();
    for m in all {
        if m.words.iter().any(|w| used.contains(w)) {
            continue;
        }
        used.extend(&m.words);
        out.push(m);
    }
    out.sort_by_key(|m| m.head);
    out
}
