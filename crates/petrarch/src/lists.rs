//! The discard list (`*.discards.txt`) and the issue list (`Phoenix.IssueCoding.txt`).
//!
//! A discard is a phrase per line; a sentence containing it is not coded, and with a `+`
//! prefix the whole story is discarded. Issues are `<ISSUE CATEGORY=...>` blocks of
//! `phrase [CODE]` lines where `n:word` also matches the plural, `v:word` the verb forms,
//! `a+b` matches "a b", "a-b" and "ab", and `~phrase` cancels issue coding for the sentence;
//! a coded sentence gets `CODE,count` for each issue found.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::error::PetrarchError;
use crate::words::{plural, strip_comment, verb_forms};
use rustc_hash::FxHashMap as HashMap;

/// Word sequences indexed by their first word, so a sentence is scanned once.
#[derive(Debug)]
struct PhraseSet<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
    len: usize,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet { by_first: HashMap::default(), len: 0 }
    }
}

impl<T> PhraseSet<T> {
    fn insert(&mut self, words: Vec<String>, value: T) {
        if let Some(first) = words.first().cloned() {
            self.by_first.entry(first).or_default().push((words, value));
            self.len += 1;
        }
    }

    /// Every (start, phrase, value) found in `words`.
    fn matches<'a>(&'a self, words: &'a [&'a str]) -> impl Iterator<Item = (usize, &'a [String], &'a T)> + 'a {
        words.iter().enumerate().flat_map(move |(i, w)| {
            self.by_first.get(*w).into_iter().flatten().filter_map(move |(p, v)| {
                let fits = i + p.len() <= words.len() && p.iter().zip(words.get(i..).unwrap_or(&[])).all(|(a, b)| a == b);
                fits.then_some((i, p.as_slice(), v))
            })
        })
    }
}

/// What a discard phrase discards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardScope {
    /// The sentence.
    Sentence,
    /// The whole story.
    Story,
}

/// The discard list.
#[derive(Debug, Default)]
pub struct Discards {
    phrases: PhraseSet<DiscardScope>,
}

impl Discards {
    /// Adds the discards in `text`.
    pub fn add(&mut self, _file: &str, text: &str) -> Result<(), PetrarchError> {
        for raw in text.lines() {
            let t = strip_comment(raw).trim();
            if t.is_empty() {
                continue;
            }
            let (scope, t) = match t.strip_prefix('+') {
                Some(rest) => (DiscardScope::Story, rest),
                None => (DiscardScope::Sentence, t),
            };
            let words: Vec<String> =
                t.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).map(|w| w.to_ascii_uppercase()).collect();
            self.phrases.insert(words, scope);
        }
        Ok(())
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.phrases.len == 0
    }

    /// The first discard found in the upper-case words of a sentence: story discards first.
    pub fn find(&self, words: &[&str]) -> Option<(DiscardScope, String)> {
        let mut found: Option<(DiscardScope, String)> = None;
        for (_, phrase, scope) in self.phrases.matches(words) {
            if *scope == DiscardScope::Story {
                return Some((*scope, phrase.join(" ")));
            }
            found.get_or_insert((*scope, phrase.join(" ")));
        }
        found
    }
}

/// The issue list.
#[derive(Debug, Default)]
pub struct Issues {
    phrases: PhraseSet<String>,
    cancels: PhraseSet<()>,
}

impl Issues {
    /// Adds the issues in `text`; `file` names it in errors.
    pub fn add(&mut self, file: &str, text: &str) -> Result<(), PetrarchError> {
        let mut category: Option<String> = None;
        for (i, raw) in text.lines().enumerate() {
            let t = strip_comment(raw).trim();
            if let Some(rest) = t.strip_prefix("<ISSUE") {
                category = rest.split("CATEGORY=").nth(1).and_then(|c| c.trim_start_matches('"').split('"').next()).map(str::to_string);
                continue;
            }
            if t.starts_with("</ISSUE") {
                category = None;
                continue;
            }
            if t.is_empty() || t.starts_with('<') {
                continue;
            }
            let too_many = || {
                PetrarchError::parse(
                    file,
                    i + 1,
                    format!("issue phrase longer than {MAX_ISSUE_WORDS} words or expanding to more than {MAX_ISSUE_FORMS} forms"),
                )
            };
            if let Some(c) = t.strip_prefix('~') {
                let forms = expand_issue(c);
                if forms.is_empty() && !c.trim().is_empty() {
                    return Err(too_many());
                }
                for v in forms {
                    self.cancels.insert(v, ());
                }
                continue;
            }
            // a phrase without [CODE] takes its block's category
            let (phrase, code) = match t.rfind('[') {
                Some(open) => {
                    let close = t[open..].find(']').map(|c| open + c).ok_or_else(|| PetrarchError::parse(file, i + 1, "unclosed ["))?;
                    (&t[..open], t[open + 1..close].trim().to_string())
                }
                None => match &category {
                    Some(c) => (t, c.clone()),
                    None => {
                        return Err(PetrarchError::parse(file, i + 1, "issue phrase without [CODE] outside an <ISSUE CATEGORY=...> block"))
                    }
                },
            };
            let forms = expand_issue(phrase);
            if forms.is_empty() && !phrase.trim().is_empty() {
                return Err(too_many());
            }
            for v in forms {
                self.phrases.insert(v, code.clone());
            }
        }
        Ok(())
    }

    /// Number of phrase forms.
    pub fn len(&self) -> usize {
        self.phrases.len
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.phrases.len == 0
    }

    /// `CODE,count` for each issue in the sentence's upper-case words, in first-seen order;
    /// empty when a cancelling phrase is present.
    pub fn code(&self, words: &[&str]) -> Vec<(String, usize)> {
        if self.cancels.matches(words).next().is_some() {
            return Vec::new();
        }
        let mut out: Vec<(String, usize)> = Vec::new();
        for (_, _, code) in self.phrases.matches(words) {
            match out.iter_mut().find(|(c, _)| c == code) {
                Some((_, k)) => *k += 1,
                None => out.push((code.clone(), 1)),
            }
        }
        out
    }
}

/// Expands one issue phrase into word sequences.
/// The most word sequences one issue phrase may expand to (each `n:`, `v:` and `+` word
/// multiplies them: twenty `v:` words would make 4^20).
const MAX_ISSUE_FORMS: usize = 512;
/// The most words one issue phrase may have: every form is copied at each word, so a long
/// phrase with hundreds of forms would cost time quadratic in its length.
const MAX_ISSUE_WORDS: usize = 64;

fn expand_issue(text: &str) -> Vec<Vec<String>> {
    if text.split_whitespace().nth(MAX_ISSUE_WORDS).is_some() {
        // Refused by the caller (an empty expansion is a file:line error).
        return Vec::new();
    }
    let mut seqs: Vec<Vec<String>> = vec![Vec::new()];
    for w in text.split_whitespace() {
        let w = w.to_ascii_uppercase();
        let (kind, w) = if let Some(r) = w.strip_prefix("N:") {
            ('n', r.to_string())
        } else if let Some(r) = w.strip_prefix("V:") {
            ('v', r.to_string())
        } else {
            (' ', w)
        };
        // `pre+n:school`: the part after + may carry the marker.
        let (w, kind) = match w.split_once('+') {
            Some((a, b)) => {
                let (k2, b) = if let Some(r) = b.strip_prefix("N:") {
                    ('n', r)
                } else if let Some(r) = b.strip_prefix("V:") {
                    ('v', r)
                } else {
                    (kind, b)
                };
                (format!("{a}+{b}"), k2)
            }
            None => (w, kind),
        };
        let heads: Vec<String> = match kind {
            'n' => {
                let p = plural(&w);
                vec![w.clone(), p]
            }
            'v' => verb_forms(&w),
            _ => vec![w.clone()],
        };
        let mut variants: Vec<Vec<String>> = Vec::new();
        for h in heads {
            match h.split_once('+') {
                Some((a, b)) => {
                    variants.push(vec![a.to_string(), b.to_string()]);
                    variants.push(vec![format!("{a}-{b}")]);
                    variants.push(vec![format!("{a}{b}")]);
                }
                None => variants.push(vec![h]),
            }
        }
        if seqs.len().saturating_mul(variants.len()) > MAX_ISSUE_FORMS {
            // Refused by the caller (an empty expansion is a file:line error).
            return Vec::new();
        }
        let mut next = Vec::new();
        for s in &seqs {
            for v in &variants {
                let mut s2 = s.clone();
                s2.extend(v.iter().cloned());
                next.push(s2);
            }
        }
        seqs = next;
    }
    seqs.retain(|s| !s.is_empty());
    seqs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discards_story_before_sentence() {
        let mut d = Discards::default();
        d.add("d.txt", "BASEBALL\n+TYPHOON # note\n+World Golf Championships\n").unwrap();
        assert_eq!(d.find(&["A", "TYPHOON", "BASEBALL"]).unwrap().0, DiscardScope::Story);
        assert_eq!(d.find(&["BASEBALL"]).unwrap().0, DiscardScope::Sentence);
        assert_eq!(d.find(&["THE", "WORLD", "GOLF", "CHAMPIONSHIPS"]).unwrap().1, "WORLD GOLF CHAMPIONSHIPS");
        assert!(d.find(&["GOLF"]).is_none());
    }

    #[test]
    fn issues_with_forms_and_cancels() {
        let mut i = Issues::default();
        i.add("i.txt", "<ISSUE CATEGORY=\"EDUCATION\">\nn:teacher [TEACHERS]\npre+n:school [EARLY]\nhead start [EARLY]\n~a head start\n")
            .unwrap();
        assert_eq!(i.code(&["THE", "TEACHERS", "AND", "A", "TEACHER"]), vec![("TEACHERS".to_string(), 2)]);
        assert_eq!(i.code(&["PRE-SCHOOLS"]), vec![("EARLY".to_string(), 1)]);
        assert!(i.code(&["A", "HEAD", "START"]).is_empty());
        assert!(i.add("i.txt", "school\n").unwrap_err().to_string().starts_with("i.txt:1:"));
        i.add("i.txt", "<ISSUE CATEGORY=\"EU\" TYPE=\"ALL\">\neurozone\n</ISSUE>\n").unwrap();
        assert_eq!(i.code(&["EUROZONE"]), vec![("EU".to_string(), 1)]);
    }
}
