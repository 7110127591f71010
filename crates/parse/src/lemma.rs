//! Lemmas: suffix rules by Penn tag, and the exceptions the treebank shows the rules get wrong
//! (learnt at training time: for each lowercase form and tag, the most frequent lemma, kept when
//! the rules disagree with it).

use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Rules plus exceptions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lemmatizer {
    /// Penn tag of each tag class.
    xpos: Vec<String>,
    exceptions: FxHashMap<(String, u16), String>,
    sorted: Vec<(String, u16, String)>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Undo "-ed"/"-ing" on a stem: a doubled final consonant is undoubled ("stopp" → "stop"), and
/// a stem that needs its silent e gets it back ("us" → "use", "mak" → "make").
fn verb_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f') {
        return stem[..n - 1].to_string();
    }
    let e_endings = [
        "at", "iz", "us", "c", "v", "ir", "ur", "ag", "dg", "ak", "ok", "uc", "bl", "pl", "tl", "rs", "ns", "ys", "as", "os", "ud", "id",
        "od", "ib", "ot", "ut", "av", "ar",
    ];
    if n >= 2 && e_endings.iter().any(|e| stem.ends_with(e)) && !stem.ends_with("eat") && !stem.ends_with("oot") {
        return format!("{stem}e");
    }
    stem.to_string()
}

/// The rule-based lemma of `form` with Penn tag `xpos`.
pub(crate) fn rule<'a>(form: &'a str, xpos: &str) -> Cow<'a, str> {
    if xpos.starts_with("NNP") {
        if xpos == "NNPS" && form.len() > 3 && form.ends_with('s') {
            return Cow::Borrowed(&form[..form.len() - 1]);
        }
        return Cow::Borrowed(form);
    }
    if form == "I" {
        return Cow::Borrowed(form);
    }
    let lower: Cow<'a, str> = if form.chars().any(char::is_uppercase) { Cow::Owned(form.to_lowercase()) } else { Cow::Borrowed(form) };
    let l = lower.as_ref();
    let strip = |n: usize| -> Cow<'a, str> { Cow::Owned(l[..l.len() - n].to_string()) };
    match xpos {
        "NNS" | "VBZ" => {
            if l.len() > 4 && l.ends_with("ies") {
                return Cow::Owned(format!("{}y", &l[..l.len() - 3]));
            }
            if l.len() > 4
                && (l.ends_with("sses")
                    || l.ends_with("xes")
                    || l.ends_with("ches")
                    || l.ends_with("shes")
                    || l.ends_with("zes")
                    || l.ends_with("oes"))
            {
                return strip(2);
            }
            if l.len() > 2 && l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") && !l.ends_with("is") {
                return strip(1);
            }
            lower
        }
        "VBD" | "VBN" => {
            if l.len() > 4 && l.ends_with("ied") {
                return Cow::Owned(format!("{}y", &l[..l.len() - 3]));
            }
            if l.len() > 3 && l.ends_with("eed") {
                return strip(1);
            }
            if l.len() > 3 && l.ends_with("ed") {
                return Cow::Owned(verb_stem(&l[..l.len() - 2]));
            }
            lower
        }
        "VBG" => {
            if l.len() > 4 && l.ends_with("ing") {
                return Cow::Owned(verb_stem(&l[..l.len() - 3]));
            }
            lower
        }
        "JJR" | "RBR" => {
            if l.len() > 4 && l.ends_with("ier") {
                return Cow::Owned(format!("{}y", &l[..l.len() - 3]));
            }
            if l.len() > 3 && l.ends_with("er") {
                return Cow::Owned(verb_stem(&l[..l.len() - 2]));
            }
            lower
        }
        "JJS" | "RBS" => {
            if l.len() > 5 && l.ends_with("iest") {
                return Cow::Owned(format!("{}y", &l[..l.len() - 4]));
            }
            if l.len() > 4 && l.ends_with("est") {
                return Cow::Owned(verb_stem(&l[..l.len() - 3]));
            }
            lower
        }
        _ => lower,
    }
}

impl Lemmatizer {
    pub(crate) fn new(xpos: &[String], exceptions: Vec<(String, u16, String)>) -> Lemmatizer {
        let mut sorted = exceptions;
        sorted.sort();
        let map = sorted.iter().map(|(f, t, l)| ((f.clone(), *t), l.clone())).collect();
        Lemmatizer { xpos: xpos.to_vec(), exceptions: map, sorted }
    }

    /// Learn the exceptions from (form, tag, lemma) triples of a treebank.
    pub(crate) fn learn<'a>(xpos: &[String], words: impl Iterator<Item = (&'a str, u16, &'a str)>) -> Lemmatizer {
        let mut counts: FxHashMap<(String, u16), FxHashMap<String, u32>> = FxHashMap::default();
        for (form, tag, lemma) in words {
            if lemma == "_" {
                continue;
            }
            *counts.entry((form.to_lowercase(), tag)).or_default().entry(lemma.to_string()).or_default() += 1;
        }
        let mut ex = Vec::new();
        for ((lower, tag), lemmas) in counts {
            let mut best: Vec<(String, u32)> = lemmas.into_iter().collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let (lemma, _) = &best[0];
            let x = xpos.get(tag as usize).map(String::as_str).unwrap_or("");
            // Proper nouns keep their case: the rule (the form itself) is checked on the lowercase
            // form, so only learn lowercase-insensitive disagreements.
            let r = rule(&lower, x);
            if r.as_ref() != lemma.as_str() && !x.starts_with("NNP") {
                ex.push((lower, tag, lemma.clone()));
            }
        }
        Lemmatizer::new(xpos, ex)
    }

    pub(crate) fn exceptions(&self) -> &[(String, u16, String)] {
        &self.sorted
    }

    /// The lemma of `form` tagged with tag class `tag`.
    pub(crate) fn lemma<'a>(&self, form: &'a str, tag: u16) -> Cow<'a, str> {
        let x = self.xpos.get(tag as usize).map(String::as_str).unwrap_or("");
        if !x.starts_with("NNP") && !self.exceptions.is_empty() {
            let key = (form.to_lowercase(), tag);
            if let Some(l) = self.exceptions.get(&key) {
                return Cow::Owned(l.clone());
            }
        }
        rule(form, x)
    }
}

#[cfg(test)]
mod tests {
    use super::rule;

    #[test]
    fn rules() {
        for (form, tag, lemma) in [
            ("talks", "NNS", "talk"),
            ("countries", "NNS", "country"),
            ("stopped", "VBD", "stop"),
            ("used", "VBN", "use"),
            ("making", "VBG", "make"),
            ("meeting", "VBG", "meet"),
            ("Ministers", "NNS", "minister"),
            ("Americans", "NNPS", "American"),
            ("Moscow", "NNP", "Moscow"),
            ("bigger", "JJR", "big"),
            ("watches", "VBZ", "watch"),
        ] {
            assert_eq!(rule(form, tag), lemma, "{form}/{tag}");
        }
    }
}
