//! Text mode: tokens, tags and verb frames from raw text, with no parser.
//!
//! Tokens follow the Penn Treebank conventions the dictionaries were written for ("didn't" →
//! DID N'T, "Gondor's" → GONDOR 'S). Tags come from a closed-class lexicon (determiners,
//! pronouns, prepositions, auxiliaries ...), the verb dictionary's forms and capitalisation. A
//! dictionary verb form counts as a verb unless a determiner, possessive, adjective, number or
//! preposition stands before it ("their meeting", "an attack"). A verb's subject is the nearest
//! actor before it in its clause that is not the object of a preposition; it governs the words
//! up to the next subordinate clause or coordinated verb.

use crate::analysis::{Analysis, Frame, Mention, Tag, Token};
use crate::verbs::VerbDictionary;

const DET: &[&str] = &["THE", "A", "AN", "THIS", "THESE", "THOSE", "SOME", "ANY", "EACH", "EVERY", "ALL", "BOTH", "NO", "ANOTHER", "SUCH"];
const POSS: &[&str] = &["HIS", "HER", "ITS", "THEIR", "OUR", "MY", "YOUR"];
const PRON: &[&str] = &["I", "YOU", "HE", "SHE", "IT", "WE", "THEY", "HIM", "THEM", "US", "ME", "WHO", "WHICH", "WHOM"];
const PREP: &[&str] = &[
    "OF", "IN", "ON", "AT", "BY", "FOR", "WITH", "FROM", "INTO", "ABOUT", "AGAINST", "OVER", "UNDER", "AFTER", "BEFORE", "DURING", "SINCE",
    "UNTIL", "BETWEEN", "AMONG", "THROUGH", "ACROSS", "TOWARD", "TOWARDS", "NEAR", "WITHOUT", "WITHIN", "UPON", "ONTO", "VIA", "DESPITE",
    "AMID", "AS", "THAN", "WHILE", "BECAUSE", "WHETHER", "IF", "ALTHOUGH", "THOUGH", "THAT", "ALONG", "AROUND", "BEHIND", "BEYOND",
    "OUTSIDE", "INSIDE", "UNLESS", "WHEREAS", "WHEN", "WHERE",
];
const CONJ: &[&str] = &["AND", "OR", "BUT", "NOR"];
const MODAL: &[&str] = &["WILL", "WOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "SHOULD", "SHALL", "WO", "CA"];
const AUXV: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "HAS", "HAVE", "HAD", "HAVING", "DO", "DOES", "DID"];
const ADV: &[&str] = &[
    "NOT", "N'T", "NEVER", "ALSO", "AGAIN", "ALREADY", "NOW", "THEN", "EVER", "EVEN", "STILL", "JUST", "ONLY", "VERY", "SO", "TOO", "SOON",
    "YET", "ABOUT",
];
const NUM: &[&str] = &[
    "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "HUNDRED", "THOUSAND", "MILLION", "BILLION", "DOZEN",
    "SEVERAL",
];
/// Words that open a subordinate clause: a verb's reach stops there.
const SUBORDINATE: &[&str] =
    &["AFTER", "BEFORE", "UNTIL", "WHEN", "WHILE", "BECAUSE", "ALTHOUGH", "THOUGH", "IF", "UNLESS", "WHEREAS", "SINCE", "WHERE"];

/// A token with its original spelling.
pub(crate) struct Word {
    pub text: String,
}

/// Splits text into Penn-Treebank-like tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for chunk in text.split(|c: char| c.is_whitespace() || c == '_').filter(|c| !c.is_empty()) {
        let mut s = chunk;
        let mut lead = Vec::new();
        while let Some(c) = s.chars().next() {
            if matches!(c, '"' | '(' | '[' | '`' | '\'' | '\u{201c}' | '\u{2018}') && s.len() > c.len_utf8() {
                lead.push(c.to_string());
                s = &s[c.len_utf8()..];
            } else {
                break;
            }
        }
        let mut trail = Vec::new();
        while let Some(c) = s.chars().last() {
            let body = &s[..s.len() - c.len_utf8()];
            let abbreviation = c == '.' && is_abbreviation(s);
            let closing = matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '"' | ')' | ']' | '\u{201d}' | '\u{2019}') && !abbreviation;
            // a final quote, but not the possessive of a plural (`countries'`)
            let quote = c == '\'' && !body.ends_with(['s', 'S']);
            if body.is_empty() || !(closing || quote) {
                break;
            }
            trail.push(c.to_string());
            s = body;
        }
        out.extend(lead.into_iter().map(|t| Word { text: t }));
        // contractions and possessives
        let lower = s.to_ascii_lowercase();
        if lower.ends_with("n't") && s.len() > 3 {
            // "won't" → WO N'T, "can't" → CA N'T, as the Treebank (and the dictionaries) have it
            out.push(Word { text: s[..s.len() - 3].to_string() });
            out.push(Word { text: s[s.len() - 3..].to_string() });
        } else if (lower.ends_with("'s") || lower.ends_with("\u{2019}s")) && s.len() > 2 {
            let cut = s.rfind(['\'', '\u{2019}']).unwrap_or(s.len());
            out.push(Word { text: s[..cut].to_string() });
            out.push(Word { text: "'s".to_string() });
        } else if lower.ends_with("s'") && s.len() > 2 {
            out.push(Word { text: s[..s.len() - 1].to_string() });
            out.push(Word { text: "'".to_string() });
        } else if !s.is_empty() {
            out.push(Word { text: s.to_string() });
        }
        out.extend(trail.into_iter().rev().map(|t| Word { text: t }));
    }
    out
}

fn is_abbreviation(s: &str) -> bool {
    // U.S.  K.U.  U.N.  Mr.  Dr.
    let letters_and_dots = s.chars().all(|c| c.is_ascii_alphabetic() || c == '.') && s.matches('.').count() >= 2;
    letters_and_dots || (s.ends_with('.') && demarche_core::abbreviations::is_abbreviation(s))
}

/// The closed-class lexicon: one lookup per token.
fn closed_class(w: &str) -> Option<Tag> {
    static LEXICON: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Tag>> = std::sync::OnceLock::new();
    let lex = LEXICON.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        // later lists win: a word in several keeps the last class (THAT: preposition-like)
        for (list, tag) in [
            (NUM, Tag::Num),
            (PREP, Tag::Prep),
            (ADV, Tag::Adv),
            (AUXV, Tag::Verb),
            (MODAL, Tag::Modal),
            (CONJ, Tag::Conj),
            (PRON, Tag::Pron),
            (POSS, Tag::PossPron),
            (DET, Tag::Det),
        ] {
            for w in list {
                m.insert(*w, tag);
            }
        }
        m.insert("TO", Tag::To);
        m
    });
    lex.get(w).copied()
}

/// First tags: closed classes, numbers, punctuation; open words are nouns (proper when
/// capitalised inside the sentence); dictionary verb forms are provisionally verbs.
pub(crate) fn tag(words: &[Word], dict: &VerbDictionary, actors: &crate::actors::ActorDictionary) -> Vec<Token> {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let up = crate::analysis::normalize(&w.text);
            let u = up.as_str();
            let tag = if u == "," {
                Tag::Comma
            } else if u.chars().all(|c| !c.is_alphanumeric()) {
                Tag::Punct
            } else if u == "'S" && i > 0 {
                Tag::Pos
            } else if let Some(t) = closed_class(u) {
                t
            } else if u.ends_with("LY") && u.len() > 4 && !dict.forms.contains_key(u) {
                Tag::Adv
            } else if u.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                Tag::Num
            } else if dict.forms.contains_key(u) {
                Tag::Verb
            } else if i > 0 && w.text.chars().next().is_some_and(char::is_uppercase) {
                Tag::Proper
            } else {
                Tag::Noun
            };
            Token::new(up, tag, false, dict, actors)
        })
        .collect()
}

/// Decides noun or verb for dictionary verb forms by their left context; words inside actor
/// phrases are nouns.
pub(crate) fn settle_verbs(tokens: &mut [Token], mentions: &[Mention], dict: &VerbDictionary) {
    for m in mentions {
        for t in &mut tokens[m.start..m.end] {
            if t.tag == Tag::Verb {
                t.tag = Tag::Proper;
            }
        }
    }
    for i in 0..tokens.len() {
        if tokens[i].tag != Tag::Verb || tokens[i].aux || !dict.forms.contains_key(&tokens[i].word) {
            continue;
        }
        let mut p = i;
        while p > 0 && tokens[p - 1].tag == Tag::Adv {
            p -= 1;
        }
        if p == 0 {
            continue;
        }
        let prev = &tokens[p - 1];
        let noun_context = match prev.tag {
            Tag::Det | Tag::PossPron | Tag::Pos | Tag::Num | Tag::Adj => true,
            Tag::Prep => {
                !prev.word.ends_with("ING")
                    && !matches!(
                        prev.word.as_str(),
                        "THAT" | "WHO" | "WHICH" | "WHEN" | "WHILE" | "AFTER" | "BEFORE" | "IF" | "UNTIL" | "BECAUSE" | "AS"
                    )
            }
            _ => false,
        };
        // `two artillery shells`, `an 800 million ducat trade protocol`, `its biggest trading
        // partner`: inside a noun phrase that a number or determiner opens
        let mut q = p - 1;
        while q > 0 && matches!(tokens[q].tag, Tag::Noun | Tag::Adj) {
            q -= 1;
        }
        let opener = tokens[q].tag;
        let next_is_noun = tokens.get(i + 1).is_some_and(|t| matches!(t.tag, Tag::Noun | Tag::Proper));
        let inside_np = (opener == Tag::Num && tokens[q].word != "ONE")
            || (tokens[i].word.ends_with("ING") && next_is_noun && matches!(opener, Tag::Det | Tag::PossPron | Tag::Pos));
        if noun_context || inside_np {
            tokens[i].tag = Tag::Noun;
        }
    }
}

/// A verb's frame in text mode. `start` is the first word of the verb (multi-word verbs),
/// `verb` the verb word, `verb_end` one past the verb.
pub(crate) fn frame(a: &Analysis, start: usize, verb: usize, verb_end: usize) -> Frame {
    let toks = &a.tokens;
    let n = toks.len();
    // reach: up to a subordinate clause, `;`, or a coordinated verb
    let mut end = verb_end;
    while end < n {
        let t = &toks[end];
        if !a.active[end] {
            end += 1;
            continue;
        }
        if t.tag == Tag::Punct && matches!(t.word.as_str(), ";" | ":" | "." | "?" | "!" | "--") {
            break;
        }
        // a finite subordinate clause ends the verb's reach; `after leaving ...` does not
        let non_finite = toks.get(end + 1).is_some_and(|n| n.word.ends_with("ING"));
        if SUBORDINATE.contains(&t.word.as_str()) && end > verb_end && !non_finite {
            break;
        }
        if t.tag == Tag::Conj && next_is_verb(a, end + 1) {
            break;
        }
        end += 1;
    }
    // passive: a form of BE before a participle
    let vs = verb_start_of(a, start);
    let participle = toks[verb].word.ends_with("ED") || toks[verb].word.ends_with("EN") || toks[verb].word.ends_with('T');
    let passive = participle && (vs..start).any(|k| a.is_be(k));
    Frame { subjects: subjects(a, vs, 0), scope: (verb_end, end), passive }
}

/// Subject candidates of the verb group starting at `vs`.
fn subjects(a: &Analysis, vs: usize, depth: usize) -> Vec<(usize, usize, bool)> {
    let toks = &a.tokens;
    let mut p = vs;
    while p > 0 && !a.active[p - 1] {
        p -= 1;
    }
    if p == 0 || depth > 3 {
        return Vec::new();
    }
    let prev = &toks[p - 1];
    let is_object_prep = |k: usize| {
        toks[k].tag == Tag::Prep
            && !SUBORDINATE.contains(&toks[k].word.as_str())
            && !matches!(toks[k].word.as_str(), "OF" | "THAT" | "AS" | "THAN" | "WHETHER")
    };
    // a noun phrase right before the verb: its actor group (the nearest earlier one is kept as
    // a fallback), or a subject that is no actor; a prepositional phrase (`on Thursday`) is
    // stepped over
    if let Some(g) = a.group_ending[p - 1] {
        let g = &a.groups[g];
        if g.start > 0 && is_object_prep(g.start - 1) {
            return subjects(a, g.start - 1, depth + 1);
        }
        let mut out = vec![(g.start, g.end, false)];
        out.extend(nearest_subject(a, g.start, false));
        return out;
    }
    match prev.tag {
        Tag::Noun | Tag::Proper | Tag::Adj | Tag::Num => {
            let mut q = p - 1;
            // the noun phrase, with its of-phrases (`Gollum centre of a diplomatic row`)
            while q > 0
                && a.active[q - 1]
                && (matches!(toks[q - 1].tag, Tag::Noun | Tag::Proper | Tag::Adj | Tag::Num | Tag::Pos | Tag::Det | Tag::PossPron)
                    || toks[q - 1].word == "OF")
            {
                if let Some(g) = a.group_ending[q - 1] {
                    let g = &a.groups[g];
                    if g.start > 0 && is_object_prep(g.start - 1) {
                        return subjects(a, g.start - 1, depth + 1);
                    }
                    let mut out = vec![(g.start, p, false)];
                    out.extend(nearest_subject(a, g.start, false));
                    return out;
                }
                q -= 1;
            }
            if q > 0 && is_object_prep(q - 1) {
                return subjects(a, q - 1, depth + 1);
            }
            // `... the leaders of Gondor`: of-phrases continue the noun phrase
            if q >= 2 && toks[q - 1].word == "OF" {
                if let Some(g) = a.group_ending[q - 2] {
                    let g = &a.groups[g];
                    return vec![(g.start, p, false)];
                }
            }
            vec![(q, p, false)]
        }
        // `wants Israel to attack`: the actor right before `to` acts
        Tag::To if p >= 2 && a.group_ending[p - 2].is_some() && previous_verb(a, p - 1).is_some() => {
            let g = &a.groups[a.group_ending[p - 2].unwrap_or_default()];
            vec![(g.start, g.end, false)]
        }
        // `... condemned X and promised`, `vowed to wage`: the earlier verb's subject
        Tag::Conj | Tag::Comma | Tag::To => match previous_verb(a, p - 1) {
            Some(v) => subjects(a, verb_start_of(a, v), depth + 1),
            None => nearest_subject(a, p - 1, false),
        },
        Tag::Pron if matches!(prev.word.as_str(), "IT" | "THEY" | "HE" | "SHE" | "WE" | "WHO" | "WHICH" | "I") => {
            // a pronoun: the subject of its clause's actor, not across a clause comma
            let mut out = vec![(p - 1, p, true)];
            out.extend(nearest_subject(a, p - 1, true));
            out
        }
        _ => nearest_subject(a, p - 1, false),
    }
}

/// The nearest group before `i` that is not the object of a preposition (`with Gondor`).
fn nearest_subject(a: &Analysis, mut i: usize, stop_at_comma: bool) -> Vec<(usize, usize, bool)> {
    let toks = &a.tokens;
    while i > 0 {
        i -= 1;
        if !a.active[i] {
            continue;
        }
        if toks[i].tag == Tag::Punct && matches!(toks[i].word.as_str(), ";" | ":" | "--") || stop_at_comma && toks[i].tag == Tag::Comma {
            break;
        }
        if let Some(g) = a.group_ending[i] {
            let g = &a.groups[g];
            let before = g.start.checked_sub(1).map(|b| &toks[b]);
            if !before.is_some_and(|b| matches!(b.tag, Tag::Prep | Tag::To) && b.word != "OF" && b.word != "THAT") {
                return vec![(g.start, g.end, false)];
            }
            i = g.start;
        }
    }
    Vec::new()
}

/// The nearest verb (not an auxiliary) before `i`.
fn previous_verb(a: &Analysis, i: usize) -> Option<usize> {
    (0..i).rev().find(|&k| a.active[k] && a.tokens[k].tag == Tag::Verb && !a.is_aux(k))
}

fn verb_start_of(a: &Analysis, verb: usize) -> usize {
    let mut p = verb;
    while p > 0 && (a.tokens[p - 1].tag == Tag::Adv || a.tokens[p - 1].tag == Tag::Modal || a.is_aux(p - 1)) {
        p -= 1;
    }
    p
}

fn next_is_verb(a: &Analysis, mut i: usize) -> bool {
    while i < a.tokens.len() && matches!(a.tokens[i].tag, Tag::Adv | Tag::Modal) {
        i += 1;
    }
    i < a.tokens.len() && a.tokens[i].tag == Tag::Verb
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn treebank_tokens() {
        assert_eq!(words("Romendacil didn't clash."), ["Romendacil", "did", "n't", "clash", "."]);
        assert_eq!(words("Gondor's government, (EU) said:"), ["Gondor", "'s", "government", ",", "(", "EU", ")", "said", ":"]);
        assert_eq!(words("The U.S. and K.U. won't."), ["The", "U.S.", "and", "K.U.", "wo", "n't", "."]);
        assert_eq!(words("countries' rights"), ["countries", "'", "rights"]);
    }
}
