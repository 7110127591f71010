//! The TABARI/PETRARCH verb dictionary (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`).
//!
//! The file has four kinds of records:
//!
//! - **synsets**: `&NAME` followed by `+member` lines; a member is a word or a phrase and may
//!   itself be a synset (`+&TIETYPES`). Regular plurals of members are generated unless the
//!   member or the set name ends in `_`.
//! - **verb blocks**: `--- DESCRIPTION [CODE] ---` then member verbs, one a line, optionally with
//!   all their forms in `{...}` and an own code in `[...]`. Multi-word verbs join words with `_`
//!   and mark the verb word with `+` (`WIRE_+TAP`, `+CORDON_OFF`).
//! - **patterns** of the current block: `- <before> * <after> [CODE]`, where `*` is the verb,
//!   `_` joins words that must be adjacent, a space allows words in between, `&NAME` is a synset,
//!   `$` the source, `+` the target, `%` a compound actor, `^` a skipped noun phrase; `{...}`
//!   (noun phrase) and `(...)` (prepositional phrase) group words.
//! - **transformations**: `~ a (b . ATTACK) SAY = a b 112` rewrite an event reported by another
//!   verb into one event.
//!
//! Codes are `[042]`, `[042:043]` (source→target, target→source), `[:110]` and `[---]` (codes
//! nothing). Every load error names the file and line.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::error::PetrarchError;
use crate::words::{plural, strip_comment, verb_forms};
use rustc_hash::FxHashMap as HashMap;

/// An event code as written in a dictionary: the code for source→target and, for symmetric
/// codes (`[042:043]`), the code for target→source. Both empty means `[---]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Code {
    /// Source → target code.
    pub forward: Option<String>,
    /// Target → source code of a symmetric pair.
    pub reverse: Option<String>,
}

impl Code {
    /// Parses the inside of `[...]`.
    pub(crate) fn parse(inner: &str) -> Code {
        let inner = inner.trim();
        if inner.is_empty() || inner == "---" {
            return Code::default();
        }
        let opt = |s: &str| {
            let s = s.trim();
            (!s.is_empty() && s != "---").then(|| s.to_string())
        };
        match inner.split_once(':') {
            Some((a, b)) => Code { forward: opt(a), reverse: opt(b) },
            None => Code { forward: opt(inner), reverse: None },
        }
    }

    /// True for `[---]`.
    pub fn is_null(&self) -> bool {
        self.forward.is_none() && self.reverse.is_none()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.forward, &self.reverse) {
            (None, None) => write!(f, "---"),
            (Some(a), None) => write!(f, "{a}"),
            (a, Some(b)) => write!(f, "{}:{b}", a.as_deref().unwrap_or("")),
        }
    }
}

/// One element of a pattern or synset member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Elem {
    /// A literal word, upper case, by its id in the dictionary's vocabulary.
    Word(u32),
    /// A synset by name (without `&`).
    Synset(String),
    /// `*`: the verb.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor whose members act on each other.
    Compound,
    /// `^`: skip one noun phrase.
    Skip,
}

/// An element with its connector to the previous element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub elem: Elem,
    /// Joined by `_` to the previous step: the two must be adjacent.
    pub joined: bool,
}

/// A verb pattern: the words before the verb, the verb, the words after, and the code.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub(crate) steps: Vec<Step>,
    /// The steps before the verb reversed for backward matching.
    pub(crate) upper_rev: Vec<Step>,
    /// Literal words the sentence must contain for the pattern to match (sorted ids).
    pub(crate) required: Vec<u32>,
    /// The pattern speaks of negation (NOT, N'T, NEVER, or a synset holding them): it may code
    /// a negated verb.
    pub(crate) negative: bool,
    /// The code the pattern gives.
    pub code: Code,
    /// The pattern as written (for explanations).
    pub text: String,
    /// 1-based line in its file.
    pub line: usize,
}

impl Pattern {
    /// The verb step and the steps after it.
    pub(crate) fn lower(&self) -> &[Step] {
        let v = self.verb_index();
        self.steps.get(v..).unwrap_or(&[])
    }

    fn verb_index(&self) -> usize {
        self.steps.iter().position(|s| s.elem == Elem::Verb).unwrap_or(0)
    }
}

/// A synset member ready for matching.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub forward: Vec<Step>,
    pub backward: Vec<Step>,
    pub required: Vec<u32>,
}

/// A verb block: its description, default code and patterns.
#[derive(Debug, Clone)]
pub struct VerbBlock {
    /// The description in the header (`ABANDON`).
    pub name: String,
    /// The default code.
    pub code: Code,
    /// Patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// 1-based line of the header.
    pub line: usize,
}

/// A form of a member verb as it appears in text.
#[derive(Debug, Clone)]
pub(crate) struct VerbForm {
    pub block: usize,
    /// The member's own code, when it has one.
    pub code: Option<Code>,
    /// Words that must stand right before the verb word (`WIRE` of `WIRE_+TAP`).
    pub before: Vec<String>,
    /// Words that must stand right after it (`OFF` of `+CORDON_OFF`).
    pub after: Vec<String>,
}

/// A transformation: an event `inner` reported by the verb `outer` becomes one event.
#[derive(Debug, Clone)]
pub struct Transformation {
    /// Variable naming the outer verb's source (`a`).
    pub outer_source: String,
    /// Inner source: a variable, `_` (absent) or `.` (any).
    pub inner_source: String,
    /// Inner target.
    pub inner_target: String,
    /// Inner verb block (`ATTACK`) or `Q` (any).
    pub inner_verb: String,
    /// Outer verb block (`SAY`).
    pub outer_verb: String,
    /// Result source, target and code (the code may be the variable of the inner code).
    pub result: (String, String, String),
    /// The block of the outer verb.
    pub outer_block: Option<usize>,
    /// The block of the inner verb (`None` for `Q`, any verb).
    pub inner_block: Option<usize>,
    /// 1-based line.
    pub line: usize,
}

/// The verb dictionary.
#[derive(Debug, Default)]
pub struct VerbDictionary {
    pub(crate) synsets: HashMap<String, Vec<Vec<Step>>>,
    exact_synsets: Vec<String>,
    /// Synsets with a negation among their members.
    negative_synsets: Vec<String>,
    /// Synset members for matching: forward steps, reversed steps, and the literal words a
    /// sentence must contain for the member to match.
    pub(crate) members: HashMap<String, Vec<Member>>,
    pub(crate) forms: HashMap<String, Vec<VerbForm>>,
    /// The verb blocks in file order.
    pub blocks: Vec<VerbBlock>,
    /// The transformations in file order.
    pub transformations: Vec<Transformation>,
    /// Lines skipped as unusable (`file:line: why`).
    pub warnings: Vec<String>,
    /// Every word of patterns and synsets, by id.
    pub(crate) vocab: Vocabulary,
}

/// Words interned to small integers so matching compares numbers, not strings.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

/// The id of a word no pattern uses.
pub(crate) const UNKNOWN_WORD: u32 = u32::MAX;

impl Vocabulary {
    pub fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(w.to_string());
        self.ids.insert(w.to_string(), id);
        id
    }

    /// The id of a word, `UNKNOWN_WORD` when no pattern uses it.
    pub fn id(&self, w: &str) -> u32 {
        self.ids.get(w).copied().unwrap_or(UNKNOWN_WORD)
    }

    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map(String::as_str).unwrap_or("")
    }
}

enum State {
    None,
    Synset(String),
    Block,
}

impl VerbDictionary {
    /// Number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// Number of synsets.
    pub fn synset_count(&self) -> usize {
        self.synsets.len()
    }

    /// Number of distinct verb forms recognised in text.
    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    /// Reads a verb dictionary from text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<VerbDictionary, PetrarchError> {
        let mut dict = VerbDictionary::default();
        let mut state = State::None;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = strip_comment(raw);
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with("---") {
                dict.read_block_header(file, line_no, t)?;
                state = State::Block;
            } else if let Some(name) = t.strip_prefix('&') {
                let raw_name = name.trim().to_ascii_uppercase();
                // `&NAME_` defines NAME with exact (plural-less) members
                let exact = raw_name.ends_with('_');
                let name = raw_name.trim_end_matches('_').to_string();
                if exact {
                    dict.exact_synsets.push(name.clone());
                }
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return Err(PetrarchError::parse(file, line_no, "a synset name is one word: &NAME"));
                }
                dict.synsets.entry(name.clone()).or_default();
                state = State::Synset(name);
            } else if t.starts_with('~') {
                let tr = parse_transformation(file, line_no, t)?;
                dict.transformations.push(tr);
            } else if t.starts_with('-') {
                if dict.blocks.is_empty() {
                    return Err(PetrarchError::parse(file, line_no, "pattern before any verb block (--- NAME [CODE] ---)"));
                }
                let p = dict.read_pattern(file, line_no, t)?;
                // a pattern naming an undefined synset can never match: skipped with a warning
                if let Some(name) = p.steps.iter().find_map(|s| match &s.elem {
                    Elem::Synset(n) if !dict.synsets.contains_key(n) => Some(n.clone()),
                    _ => None,
                }) {
                    dict.warnings.push(format!("{file}:{line_no}: synset &{name} is not defined (before this line): pattern skipped"));
                } else if let Some(b) = dict.blocks.last_mut() {
                    b.patterns.push(p);
                }
            } else {
                match &state {
                    State::Synset(name) if t.starts_with('+') => {
                        let name = name.clone();
                        dict.read_synset_member(file, line_no, &name, t.get(1..).unwrap_or(""))?;
                    }
                    State::Block => dict.read_member(file, line_no, t)?,
                    State::Synset(_) => {
                        return Err(PetrarchError::parse(file, line_no, "expected a synset member (+word) or a verb block header"));
                    }
                    State::None => {
                        return Err(PetrarchError::parse(file, line_no, "verb before any verb block (--- NAME [CODE] ---)"));
                    }
                }
            }
        }
        // transformations name verbs: resolve them to their blocks
        let block_of = |w: &str| dict.forms.get(w).and_then(|f| f.first()).map(|f| f.block);
        let resolved: Vec<(Option<usize>, Option<usize>)> =
            dict.transformations.iter().map(|t| (block_of(&t.outer_verb), block_of(&t.inner_verb))).collect();
        for (t, (o, i)) in dict.transformations.iter_mut().zip(resolved) {
            t.outer_block = o;
            t.inner_block = i;
            if o.is_none() {
                dict.warnings.push(format!("{file}:{}: transformation verb {} is not in the dictionary", t.line, t.outer_verb));
            }
        }
        dict.members = dict
            .synsets
            .iter()
            .map(|(k, members)| {
                let list = members
                    .iter()
                    .map(|m| {
                        let mut required: Vec<u32> =
                            m.iter().filter_map(|s| if let Elem::Word(w) = s.elem { Some(w) } else { None }).collect();
                        required.sort_unstable();
                        required.dedup();
                        Member { forward: m.clone(), backward: crate::coder::reverse_steps(m, false), required }
                    })
                    .collect();
                (k.clone(), list)
            })
            .collect();
        Ok(dict)
    }

    fn read_block_header(&mut self, file: &str, line: usize, t: &str) -> Result<(), PetrarchError> {
        let body = t.trim_start_matches('-');
        let (head, rest) = body
            .split_once('[')
            .ok_or_else(|| PetrarchError::parse(file, line, "verb block header without [CODE]: --- NAME [CODE] ---"))?;
        let (code, _) = rest.split_once(']').ok_or_else(|| PetrarchError::parse(file, line, "unclosed [ in verb block header"))?;
        let name = head.trim().to_ascii_uppercase();
        if name.is_empty() {
            return Err(PetrarchError::parse(file, line, "verb block header without a name"));
        }
        self.blocks.push(VerbBlock { name, code: Code::parse(code), patterns: Vec::new(), line });
        Ok(())
    }

    fn read_member(&mut self, file: &str, line: usize, t: &str) -> Result<(), PetrarchError> {
        let block = self
            .blocks
            .len()
            .checked_sub(1)
            .ok_or_else(|| PetrarchError::parse(file, line, "verb before any verb block (--- NAME [CODE] ---)"))?;
        // own code
        let (t, code) = match t.rsplit_once('[') {
            Some((before, rest)) => {
                let (code, after) = rest.split_once(']').ok_or_else(|| PetrarchError::parse(file, line, "unclosed [ in verb"))?;
                (format!("{before} {after}"), Some(Code::parse(code)))
            }
            None => (t.to_string(), None),
        };
        let (head, forms) = match t.split_once('{') {
            Some((head, rest)) => {
                let (listed, _) = rest.split_once('}').ok_or_else(|| PetrarchError::parse(file, line, "unclosed { in verb forms"))?;
                (head.trim().to_string(), Some(listed.split_whitespace().map(str::to_string).collect::<Vec<_>>()))
            }
            None => (t.trim().to_string(), None),
        };
        if head.is_empty() {
            return Err(PetrarchError::parse(file, line, "empty verb"));
        }
        let member = head.to_ascii_uppercase();
        let (before, verb, after) = split_member(&member);
        if verb.is_empty() {
            return Err(PetrarchError::parse(file, line, format!("no verb word in {member}")));
        }
        let mut add = |before: Vec<String>, word: String, after: Vec<String>| {
            let list = self.forms.entry(word).or_default();
            // The first definition of a form wins (PETRARCH keeps the first block a verb
            // appears in); later duplicates add nothing.
            if !list.iter().any(|f| f.before == before && f.after == after) {
                list.push(VerbForm { block, code: code.clone(), before, after });
            }
        };
        match forms {
            Some(listed) => {
                add(before.clone(), verb.clone(), after.clone());
                for f in listed {
                    let f = f.to_ascii_uppercase();
                    let (b, v, a) = split_member(&f);
                    if !v.is_empty() {
                        add(b, v, a);
                    }
                }
            }
            None => {
                for v in verb_forms(&verb) {
                    add(before.clone(), v, after.clone());
                }
            }
        }
        Ok(())
    }

    fn read_synset_member(&mut self, file: &str, line: usize, name: &str, member: &str) -> Result<(), PetrarchError> {
        let member = member.trim().to_ascii_uppercase();
        if member.is_empty() {
            return Err(PetrarchError::parse(file, line, "empty synset member"));
        }
        let exact = member.ends_with('_') || self.exact_synsets.iter().any(|n| n == name);
        let steps = parse_steps(&member, &mut self.vocab);
        if steps.is_empty() {
            return Err(PetrarchError::parse(file, line, "empty synset member"));
        }
        for s in &steps {
            if let Elem::Synset(inner) = &s.elem {
                if !self.synsets.contains_key(inner) {
                    self.warnings.push(format!("{file}:{line}: synset &{inner} is not defined (before this line): member skipped"));
                    return Ok(());
                }
                if self.synset_reaches(inner, name) {
                    return Err(PetrarchError::parse(
                        file,
                        line,
                        format!("synset &{name} would contain itself (through +&{inner}): synsets may not be cyclic"),
                    ));
                }
            }
        }
        let mut members = vec![steps.clone()];
        if !exact {
            if let Some(Step { elem: Elem::Word(w), joined }) = steps.last() {
                let mut p = steps.clone();
                let pl = plural(self.vocab.word(*w));
                if let Some(last) = p.last_mut() {
                    *last = Step { elem: Elem::Word(self.vocab.intern(&pl)), joined: *joined };
                }
                members.push(p);
            }
        }
        let negative = steps.iter().any(|s| match &s.elem {
            Elem::Word(w) => is_negation(self.vocab.word(*w)),
            Elem::Synset(n) => self.negative_synsets.contains(n),
            _ => false,
        });
        if negative && !self.negative_synsets.iter().any(|n| n == name) {
            self.negative_synsets.push(name.to_string());
        }
        if let Some(list) = self.synsets.get_mut(name) {
            list.extend(members);
        }
        Ok(())
    }

    /// True when synset `from` is `to` or holds it, directly or through other synsets
    /// (iterative, each synset visited once).
    fn synset_reaches(&self, from: &str, to: &str) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut stack: Vec<&str> = vec![from];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.contains(&n) {
                continue;
            }
            seen.push(n);
            for member in self.synsets.get(n).into_iter().flatten() {
                for step in member {
                    if let Elem::Synset(inner) = &step.elem {
                        stack.push(inner.as_str());
                    }
                }
            }
        }
        false
    }

    fn read_pattern(&mut self, file: &str, line: usize, t: &str) -> Result<Pattern, PetrarchError> {
        let body = t.get(1..).unwrap_or("").trim();
        let (head, rest) = body.rsplit_once('[').ok_or_else(|| PetrarchError::parse(file, line, "pattern without [CODE]"))?;
        let (code_text, _) = rest.split_once(']').ok_or_else(|| PetrarchError::parse(file, line, "unclosed [ in pattern code"))?;
        let code = Code::parse(code_text);
        let text = head.trim().to_ascii_uppercase();
        let steps = parse_steps(&text, &mut self.vocab);
        let verbs = steps.iter().filter(|s| s.elem == Elem::Verb).count();
        if verbs != 1 {
            return Err(PetrarchError::parse(file, line, format!("a pattern has exactly one * (the verb); found {verbs} in '{text}'")));
        }
        let v = steps.iter().position(|s| s.elem == Elem::Verb).unwrap_or(0);
        let upper_rev = crate::coder::reverse_steps(steps.get(..v).unwrap_or(&[]), steps.get(v).is_some_and(|s| s.joined));
        let mut required: Vec<u32> = steps.iter().filter_map(|s| if let Elem::Word(w) = s.elem { Some(w) } else { None }).collect();
        required.sort_unstable();
        required.dedup();
        let negative = steps.iter().any(|s| match &s.elem {
            Elem::Word(w) => is_negation(self.vocab.word(*w)),
            Elem::Synset(n) => self.negative_synsets.contains(n),
            _ => false,
        });
        Ok(Pattern { steps, upper_rev, required, negative, code, text: format!("{text} [{code_text}]"), line })
    }
}

/// Words that negate a verb.
fn is_negation(w: &str) -> bool {
    matches!(w, "NOT" | "N'T" | "NEVER" | "NEITHER" | "NOR" | "DON'T" | "WON'T" | "CAN'T")
}

/// Splits a member verb phrase into the words before the verb word, the verb word, and the
/// words after; the verb word is marked `+`, else it is the first word.
fn split_member(member: &str) -> (Vec<String>, String, Vec<String>) {
    let words: Vec<&str> = member.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let vi = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
    let clean = |w: &str| w.trim_start_matches('+').to_string();
    let before = words.get(..vi).unwrap_or(&[]).iter().map(|w| clean(w)).collect();
    let verb = words.get(vi).map(|w| clean(w)).unwrap_or_default();
    let after = words.get(vi + 1..).unwrap_or(&[]).iter().map(|w| clean(w)).collect();
    (before, verb, after)
}

/// Parses pattern or synset-member text into steps with their connectors.
pub(crate) fn parse_steps(text: &str, vocab: &mut Vocabulary) -> Vec<Step> {
    // `{...}` and `(...)` only group words; a `*` written against a word (`*SCEPTICAL`) is
    // still the verb.
    let mut cleaned = String::with_capacity(text.len() + 4);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '{' | '}' | '(' | ')' => cleaned.push(' '),
            '*' => {
                let before = i.checked_sub(1).and_then(|j| chars.get(j).copied());
                let after = chars.get(i + 1).copied();
                if before.is_some_and(|b| b.is_alphanumeric()) {
                    cleaned.push(' ');
                }
                cleaned.push('*');
                if after.is_some_and(|a| a.is_alphanumeric() || a == '&') {
                    cleaned.push(' ');
                }
            }
            c => cleaned.push(c),
        }
    }
    let mut steps = Vec::new();
    for chunk in cleaned.split_whitespace() {
        let mut first = true;
        for part in chunk.split('_') {
            if part.is_empty() {
                // A trailing `_` marks an exact word: matching is exact already.
                continue;
            }
            let elem = match part {
                "*" => Elem::Verb,
                "$" => Elem::Source,
                "+" => Elem::Target,
                "%" => Elem::Compound,
                "^" => Elem::Skip,
                p if p.len() > 1 && p.starts_with('&') => Elem::Synset(p.get(1..).unwrap_or("").to_string()),
                p => Elem::Word(vocab.intern(p)),
            };
            steps.push(Step { elem, joined: !first });
            first = false;
        }
    }
    steps
}

fn parse_transformation(file: &str, line: usize, t: &str) -> Result<Transformation, PetrarchError> {
    let err = || PetrarchError::parse(file, line, "transformation: ~ a (b c INNER) OUTER = a b CODE");
    let body = t.get(1..).unwrap_or("").trim();
    let (lhs, rhs) = body.split_once('=').ok_or_else(err)?;
    let (outer_source, rest) = lhs.split_once('(').ok_or_else(err)?;
    // `)` must follow `(`: "~ a ) b ( c" is an error, not a slice out of order.
    let (inner, outer_verb) = rest.split_once(')').ok_or_else(err)?;
    let outer_source = outer_source.trim().to_string();
    let outer_verb = outer_verb.trim().to_ascii_uppercase();
    let inner: Vec<&str> = inner.split_whitespace().collect();
    let result: Vec<&str> = rhs.split_whitespace().collect();
    let (&[inner_source, inner_target, inner_verb], &[r0, r1, r2]) = (inner.as_slice(), result.as_slice()) else { return Err(err()) };
    if outer_verb.is_empty() || outer_source.is_empty() {
        return Err(err());
    }
    Ok(Transformation {
        outer_source,
        inner_source: inner_source.to_string(),
        inner_target: inner_target.to_string(),
        inner_verb: inner_verb.to_ascii_uppercase(),
        outer_verb,
        result: (r0.to_string(), r1.to_string(), r2.to_string()),
        outer_block: None,
        inner_block: None,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "&TIETYPES\n+MILITARY\n+ECONOMIC\n\n--- ABANDON  [345]  ---\nABANDON\nKLM_NOP_+RST [002]\n- * NEW_&TIETYPES_RELATIONS [903]\n- * &TIETYPES TIES [902] # note\n--- BREAK [1717] ---\nBREAK { BROKE BROKEN }\n+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN}\n- + * IN $  [075]\n--- ARRIVE [032:033] ---\nARRIVE\n~ a (b . ATTACK) SAY = a b 112\n";

    #[test]
    fn reads_blocks_synsets_forms_and_patterns() {
        let d = VerbDictionary::parse("t.txt", SAMPLE).unwrap();
        assert_eq!(d.blocks.len(), 3);
        assert_eq!(d.pattern_count(), 3);
        assert_eq!(d.synsets["TIETYPES"].len(), 4, "members and their plurals");
        assert!(d.forms.contains_key("ABANDONED"));
        assert!(d.forms.contains_key("BROKEN"));
        assert!(!d.forms.contains_key("BREAKED"), "listed forms replace the regular ones");
        let down = d.forms["BROKEN"].iter().find(|f| !f.after.is_empty()).unwrap();
        assert_eq!(down.after, vec!["DOWN"]);
        let rst = &d.forms["RST"][0];
        assert_eq!(rst.before, vec!["KLM", "NOP"]);
        assert_eq!(rst.code, Some(Code::parse("002")));
        assert_eq!(d.blocks[2].code, Code { forward: Some("032".into()), reverse: Some("033".into()) });
        let p = &d.blocks[0].patterns[0];
        assert_eq!(p.steps[2], Step { elem: Elem::Synset("TIETYPES".into()), joined: true });
        assert_eq!(p.steps[1], Step { elem: Elem::Word(d.vocab.id("NEW")), joined: false });
        assert!(p.required.contains(&d.vocab.id("RELATIONS")));
        assert_eq!(d.transformations[0].result.2, "112");
    }

    #[test]
    fn errors_name_the_line() {
        let d = VerbDictionary::parse("v.txt", "--- A [010] ---\nA\n- * &NOPE [011]\n").unwrap();
        assert_eq!(d.warnings, ["v.txt:3: synset &NOPE is not defined (before this line): pattern skipped"]);
        assert_eq!(d.pattern_count(), 0);
        let e = VerbDictionary::parse("v.txt", "- * X [011]\n").unwrap_err();
        assert!(e.to_string().starts_with("v.txt:1:"));
        let e = VerbDictionary::parse("v.txt", "--- A [010] ---\nA\n- * X\n").unwrap_err();
        assert_eq!(e.to_string(), "v.txt:3: pattern without [CODE]");
    }

    #[test]
    fn a_transformation_out_of_order_is_an_error_not_a_panic() {
        for bad in [
            "~ a ) b ( c = a b 112",
            "~ a (b . ATTACK SAY = a b 112",
            "~ a b . ATTACK) SAY = a b 112",
            "~ (b . ATTACK) SAY = a b 112",
            "~ a (b . ATTACK) = a b 112",
            "~ a (b ATTACK) SAY = a b 112",
            "~ é(ü . Ä) É = a b",
        ] {
            let e = VerbDictionary::parse("v.txt", &format!("--- SAY [010] ---\nSAY\n{bad}\n")).unwrap_err();
            assert_eq!(e.to_string(), "v.txt:3: transformation: ~ a (b c INNER) OUTER = a b CODE", "{bad}");
        }
    }

    #[test]
    fn codes() {
        assert!(Code::parse("---").is_null());
        assert_eq!(Code::parse(":110").reverse.as_deref(), Some("110"));
        assert_eq!(Code::parse("042:043").to_string(), "042:043");
    }
}
