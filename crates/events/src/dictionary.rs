//! The verb and pattern dictionary: parsing `data/verbs/patterns.txt` (format in its README),
//! expanding words into their inflected forms, and indexing patterns by their first word.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::clause::ClauseWords;
use crate::EventError;
use demarche_actors::tokenize_phrase;
use std::collections::{HashMap, HashSet};

const BUILTIN_PATTERNS: &str = include_str!("../../../data/verbs/patterns.txt");
const BUILTIN_IRREGULAR: &str = include_str!("../../../data/verbs/irregular.tsv");
const BUILTIN_SPELLING: &str = include_str!("../../../data/verbs/spelling.tsv");
const BUILTIN_MODALITY: &str = include_str!("../../../data/verbs/modality.tsv");
const BUILTIN_ADVERBIALS: &str = include_str!("../../../data/verbs/adverbials.txt");
const BUILTIN_CLAUSE: &str = include_str!("../../../data/verbs/clause.tsv");

/// An element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Elem {
    /// One token whose normalised form is in the set.
    Words { forms: Vec<Box<str>>, optional: bool },
    /// Up to four tokens inside the clause.
    Gap,
    /// An actor slot: the target (`T`) or source (`S`), after (`+`) or before (`-`) this point.
    Slot { target: bool, before: bool },
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The CAMEO code it gives.
    pub code: String,
    /// As written in the file.
    pub text: String,
    /// `file:line`.
    pub location: String,
    /// The `@source` in force.
    pub source: String,
    pub(crate) elems: Vec<Elem>,
    /// Index of the head element (the event word).
    pub(crate) head: usize,
    /// Number of word elements (the match's strength).
    pub(crate) literals: usize,
}

/// The dictionary.
#[derive(Debug, Clone)]
pub struct VerbDictionary {
    pub(crate) patterns: Vec<Pattern>,
    /// First word form → patterns that start with it.
    pub(crate) by_first: HashMap<Box<str>, Vec<u32>>,
    irregular: HashMap<String, Vec<String>>,
    /// Spelling variants (`data/verbs/spelling.tsv`): a form containing the first also matches
    /// with it replaced by the second ("co-operation", "recognise").
    spelling: Vec<(String, String)>,
    /// (code prefix, intent code, refusal code), longest prefix first.
    modality: Vec<(String, Option<String>, Option<String>)>,
    /// Adverbials that may stand between a pattern's words (`data/verbs/adverbials.txt`).
    adverbials: HashSet<Box<str>>,
    /// `-ly` words that are not adverbs.
    not_adverbs: HashSet<Box<str>>,
    /// Closed-class words of the clause analysis (`data/verbs/clause.tsv`).
    pub(crate) clause: ClauseWords,
}

impl VerbDictionary {
    /// The dictionary embedded in the binary.
    pub fn builtin() -> Result<VerbDictionary, EventError> {
        let mut d = VerbDictionary::empty();
        d.load_irregular("<builtin>/data/verbs/irregular.tsv", BUILTIN_IRREGULAR)?;
        d.load_spelling("<builtin>/data/verbs/spelling.tsv", BUILTIN_SPELLING)?;
        d.load_modality("<builtin>/data/verbs/modality.tsv", BUILTIN_MODALITY)?;
        d.load_adverbials(BUILTIN_ADVERBIALS);
        d.set_clause_words("<builtin>/data/verbs/clause.tsv", BUILTIN_CLAUSE)?;
        d.add_patterns("<builtin>/data/verbs/patterns.txt", BUILTIN_PATTERNS)?;
        Ok(d)
    }

    /// The built-in irregular forms and modality table, with no patterns (for `--verbs-only`).
    pub fn without_patterns() -> Result<VerbDictionary, EventError> {
        let mut d = VerbDictionary::empty();
        d.load_irregular("<builtin>/data/verbs/irregular.tsv", BUILTIN_IRREGULAR)?;
        d.load_spelling("<builtin>/data/verbs/spelling.tsv", BUILTIN_SPELLING)?;
        d.load_modality("<builtin>/data/verbs/modality.tsv", BUILTIN_MODALITY)?;
        d.load_adverbials(BUILTIN_ADVERBIALS);
        d.set_clause_words("<builtin>/data/verbs/clause.tsv", BUILTIN_CLAUSE)?;
        Ok(d)
    }

    fn empty() -> VerbDictionary {
        VerbDictionary {
            patterns: Vec::new(),
            by_first: HashMap::new(),
            irregular: HashMap::new(),
            spelling: Vec::new(),
            modality: Vec::new(),
            adverbials: HashSet::new(),
            not_adverbs: HashSet::new(),
            clause: ClauseWords::default(),
        }
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when there is no pattern.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The set of CAMEO roots the patterns cover.
    pub fn roots(&self) -> Vec<String> {
        let set: HashSet<&str> = self.patterns.iter().filter(|p| p.code != "---").filter_map(|p| p.code.get(..2)).collect();
        let mut v: Vec<String> = set.into_iter().map(str::to_string).collect();
        v.sort();
        v
    }

    /// True when `word` (a normalised token) is an adverbial that may stand between the words
    /// of a pattern ("spoke **today** with", "**strongly** condemned").
    pub(crate) fn is_adverbial(&self, word: &str) -> bool {
        if self.adverbials.contains(word) {
            return true;
        }
        word.len() >= 6 && word.ends_with("ly") && word.bytes().all(|b| b.is_ascii_lowercase()) && !self.not_adverbs.contains(word)
    }

    /// Replace the closed-class words of the clause analysis (clause boundaries, prepositions,
    /// passives, coordination, modality cues) with those of a file in the format of the built-in
    /// `data/verbs/clause.tsv`. `file` names the file in errors.
    pub fn set_clause_words(&mut self, file: &str, text: &str) -> Result<(), EventError> {
        self.clause = ClauseWords::parse(file, text)?;
        Ok(())
    }

    fn load_adverbials(&mut self, text: &str) {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            match line.strip_prefix('!') {
                Some(w) => self.not_adverbs.insert(w.to_lowercase().into()),
                None => self.adverbials.insert(line.to_lowercase().into()),
            };
        }
    }

    fn load_irregular(&mut self, file: &str, text: &str) -> Result<(), EventError> {
        for record in tsv_fields(file, text, "base, past, participle and source") {
            let (_, [base, past, participle]) = record?;
            let forms: Vec<String> =
                past.split('|').chain(participle.split('|')).map(|f| f.trim().to_lowercase()).filter(|f| !f.is_empty()).collect();
            self.irregular.entry(base.to_lowercase()).or_default().extend(forms);
        }
        Ok(())
    }

    fn load_spelling(&mut self, file: &str, text: &str) -> Result<(), EventError> {
        for record in tsv_fields(file, text, "from, to and source") {
            let (line, [from, to, _source]) = record?;
            if from.is_empty() || to.is_empty() {
                return Err(EventError::Parse { file: file.into(), line, message: "empty spelling".into() });
            }
            self.spelling.push((from.to_lowercase(), to.to_lowercase()));
        }
        Ok(())
    }

    fn load_modality(&mut self, file: &str, text: &str) -> Result<(), EventError> {
        const WHAT: &str = "root_or_code, intent, refusal, source";
        for record in tsv_fields(file, text, WHAT) {
            let (line, [code, intent, refusal]) = record?;
            if !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(EventError::Parse { file: file.into(), line, message: format!("expected {WHAT} separated by tabs") });
            }
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            self.modality.push((code.to_string(), opt(intent), opt(refusal)));
        }
        self.modality.sort_by_key(|(c, _, _)| std::cmp::Reverse(c.len()));
        Ok(())
    }

    /// The intent (03x) form of a realized code, if CAMEO has one.
    pub fn intent_of<'s>(&'s self, code: &str) -> Option<&'s str> {
        if code.starts_with("03") {
            return None;
        }
        self.modality.iter().find(|(p, _, _)| code.starts_with(p.as_str())).and_then(|(_, i, _)| i.as_deref())
    }

    /// The refusal (12x) form of a code, if CAMEO has one.
    pub fn refusal_of<'s>(&'s self, code: &str) -> Option<&'s str> {
        self.modality.iter().find(|(p, _, _)| code.starts_with(p.as_str())).and_then(|(_, _, r)| r.as_deref())
    }

    /// Add the patterns of a file in the format of `data/verbs/patterns.txt`.
    pub fn add_patterns(&mut self, file: &str, text: &str) -> Result<(), EventError> {
        let mut source = String::from("unspecified");
        for (i, raw) in text.lines().enumerate() {
            let lineno = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = line.strip_prefix("@source") {
                source = s.trim().to_string();
                continue;
            }
            let err = |message: String| EventError::Parse { file: file.into(), line: lineno, message };
            let line = match line.find(" #") {
                Some(i) => line[..i].trim(),
                None => line,
            };
            let (code, pattern) =
                line.split_once(char::is_whitespace).ok_or_else(|| err("expected a CAMEO code, whitespace and a pattern".into()))?;
            let null = code == "---";
            if !null && (!(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit())) {
                return Err(err(format!("expected a CAMEO code of 2 to 4 digits (or --- for none), found {code:?}")));
            }
            let compiled = self.compile(code, pattern.trim(), format!("{file}:{lineno}"), &source).map_err(err)?;
            let id = self.patterns.len() as u32;
            let first = compiled
                .elems
                .iter()
                .find_map(|e| match e {
                    Elem::Words { forms, optional: false } => Some(forms.clone()),
                    _ => None,
                })
                .ok_or_else(|| err("a pattern needs at least one required word".into()))?;
            if !matches!(
                compiled.elems.iter().find(|e| !matches!(e, Elem::Slot { before: true, .. })),
                Some(Elem::Words { optional: false, .. })
            ) {
                return Err(err("a pattern must start with a required word (or -T/-S then a word)".into()));
            }
            for f in first {
                self.by_first.entry(f).or_default().push(id);
            }
            self.patterns.push(compiled);
        }
        Ok(())
    }

    fn compile(&self, code: &str, pattern: &str, location: String, source: &str) -> Result<Pattern, String> {
        let mut elems = Vec::new();
        let mut head = None;
        for part in pattern.split_whitespace() {
            let elem = match part {
                "..." => Elem::Gap,
                "+T" => Elem::Slot { target: true, before: false },
                "+S" => Elem::Slot { target: false, before: false },
                "-T" => Elem::Slot { target: true, before: true },
                "-S" => Elem::Slot { target: false, before: true },
                _ => {
                    let (optional, body) = match part.strip_prefix('(').and_then(|p| p.strip_suffix(')')) {
                        Some(b) => (true, b),
                        None => (false, part),
                    };
                    let (is_head, body) = match body.strip_prefix('^') {
                        Some(b) => (true, b),
                        None => (false, body),
                    };
                    if is_head {
                        head = Some(elems.len());
                    }
                    let mut forms: Vec<Box<str>> = Vec::new();
                    for alt in body.split('|') {
                        if alt.is_empty() {
                            return Err(format!("empty alternative in {part:?}"));
                        }
                        if alt.chars().any(|c| matches!(c, '(' | ')' | '[' | ']' | '+' | '^')) {
                            return Err(format!("unexpected character in word {alt:?}"));
                        }
                        for f in self.forms_of(alt) {
                            if !forms.iter().any(|x| **x == *f) {
                                forms.push(f.into());
                            }
                        }
                    }
                    Elem::Words { forms, optional }
                }
            };
            elems.push(elem);
        }
        let head = head.unwrap_or_else(|| elems.iter().position(|e| matches!(e, Elem::Words { optional: false, .. })).unwrap_or(0));
        let literals = elems.iter().filter(|e| matches!(e, Elem::Words { .. })).count();
        Ok(Pattern { code: code.to_string(), text: pattern.to_string(), location, source: source.to_string(), elems, head, literals })
    }

    /// The normalised forms a dictionary word matches: itself and, unless it ends in `_`, its
    /// regular and irregular inflections.
    fn forms_of(&self, word: &str) -> Vec<String> {
        if let Some(exact) = word.strip_suffix('_') {
            return vec![normalise(exact)];
        }
        let w = normalise(word);
        if w.contains('-') || w.len() < 2 {
            return vec![w];
        }
        let mut out = vec![w.clone()];
        out.extend(inflections(&w));
        if let Some(irr) = self.irregular.get(&w) {
            out.extend(irr.iter().cloned());
        }
        let variants: Vec<String> = out
            .iter()
            .flat_map(|f| self.spelling.iter().filter(|(from, _)| f.contains(from.as_str())).map(|(from, to)| f.replace(from.as_str(), to)))
            .collect();
        out.extend(variants);
        out.sort();
        out.dedup();
        out
    }
}

/// The record lines of a TSV file with `#` comments and a header: (0-based index, line).
/// The records of a data file of this crate (a header line, `#` comments, blank lines skipped):
/// each its 1-based line number and its first `N` tab-separated fields, trimmed, or an error
/// naming the file, the line and `what` the fields should be.
pub(crate) fn tsv_fields<'t, const N: usize>(
    file: &'t str,
    text: &'t str,
    what: &'t str,
) -> impl Iterator<Item = Result<(usize, [&'t str; N]), EventError>> + 't {
    text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()).skip(1).map(move |(i, line)| {
        let mut cols = line.split('\t').map(str::trim);
        let mut fields = [""; N];
        for f in fields.iter_mut() {
            *f = cols.next().ok_or_else(|| EventError::Parse {
                file: file.into(),
                line: i + 1,
                message: format!("expected {what} separated by tabs"),
            })?;
        }
        Ok((i + 1, fields))
    })
}

fn normalise(word: &str) -> String {
    let toks = tokenize_phrase(word);
    match toks.as_slice() {
        [t] => t.norm.clone(),
        _ => word.to_lowercase().replace('’', "'"),
    }
}

/// Regular inflections of an English word used as verb or noun: -s/-es/-ies, -ed/-d/-ied,
/// -ing, with and without a doubled final consonant. Over-generation is harmless: forms that
/// are not words never occur in text.
pub(crate) fn inflections(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    let last = w.chars().last().unwrap_or(' ');
    let stem_no_e = w.strip_suffix('e');
    let vowel = |c: char| "aeiou".contains(c);
    // Plural / third person.
    if w.ends_with('s') || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') || w.ends_with('z') {
        out.push(format!("{w}es"));
    } else if last == 'y' && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") {
        out.push(format!("{}ies", &w[..w.len() - 1]));
    } else {
        out.push(format!("{w}s"));
    }
    // Past.
    if let Some(stem) = stem_no_e {
        out.push(format!("{stem}ed"));
        out.push(format!("{stem}ing"));
    } else if last == 'y' && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") {
        out.push(format!("{}ied", &w[..w.len() - 1]));
        out.push(format!("{w}ing"));
    } else {
        out.push(format!("{w}ed"));
        out.push(format!("{w}ing"));
        let chars: Vec<char> = w.chars().collect();
        if matches!(chars[..], [_, .., v, c] if !vowel(c) && vowel(v) && !"wxy".contains(c)) {
            out.push(format!("{w}{last}ed"));
            out.push(format!("{w}{last}ing"));
        }
    }
    if w.ends_with("ing") {
        out.push(format!("{w}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_records_give_their_fields_or_name_the_line() {
        let text = "a\tb\tsource\n# a comment\n\nrun\t ran \tran\tQuirk\nbad line\n";
        let got: Vec<_> = tsv_fields::<3>("f.tsv", text, "base, past, participle and source").collect();
        assert!(matches!(&got[0], Ok((4, ["run", "ran", "ran"]))), "{:?}", got[0]);
        let err = got[1].as_ref().expect_err("too few fields").to_string();
        assert!(err.contains("f.tsv") && err.contains('5') && err.contains("base, past, participle and source"), "{err}");
    }

    #[test]
    fn builtin_covers_every_root() {
        let d = VerbDictionary::builtin().expect("dictionary");
        let roots = d.roots();
        for r in 1..=20 {
            assert!(roots.contains(&format!("{r:02}")), "root {r:02} has no pattern");
        }
        assert!(d.len() > 500);
    }

    /// The spelling variants of `data/verbs/spelling.tsv` reach every inflection.
    #[test]
    fn spelling_variants_cover_inflections() {
        let d = VerbDictionary::builtin().expect("dictionary");
        let forms = d.forms_of("cooperate");
        for f in ["co-operate", "co-operates", "co-operated", "co-operating"] {
            assert!(forms.contains(&f.to_string()), "{f}");
        }
        for (word, variant) in [("recognize", "recognised"), ("criticize", "criticising"), ("organization", "organisations")] {
            assert!(d.forms_of(word).contains(&variant.to_string()), "{word}: {variant}");
        }
        assert_eq!(d.forms_of("meet").iter().filter(|f| f.contains("co-")).count(), 0);
    }

    #[test]
    fn inflections_cover_common_forms() {
        let d = VerbDictionary::builtin().expect("dictionary");
        let forms = d.forms_of("meet");
        for f in ["meet", "meets", "met", "meeting"] {
            assert!(forms.contains(&f.to_string()), "{f}");
        }
        let forms = d.forms_of("invite");
        for f in ["invites", "invited", "inviting"] {
            assert!(forms.contains(&f.to_string()), "{f}");
        }
        assert!(d.forms_of("plan").contains(&"planned".to_string()));
        assert!(d.forms_of("embassy").contains(&"embassies".to_string()));
        assert_eq!(d.forms_of("talks_"), ["talks"]);
    }

    #[test]
    fn modality_codes() {
        let d = VerbDictionary::builtin().expect("dictionary");
        assert_eq!(d.intent_of("042"), Some("036"));
        assert_eq!(d.intent_of("0741"), Some("0334"));
        assert_eq!(d.intent_of("071"), Some("0331"));
        assert_eq!(d.intent_of("112"), None);
        assert_eq!(d.refusal_of("046"), Some("125"));
        assert_eq!(d.refusal_of("057"), Some("127"));
    }

    #[test]
    fn malformed_pattern_names_file_and_line() {
        let mut d = VerbDictionary::without_patterns().expect("d");
        let e = d.add_patterns("mine.txt", "# x\n04x meet\n").expect_err("bad code");
        assert!(e.to_string().starts_with("mine.txt:2: expected a CAMEO code"), "{e}");
        let e = d.add_patterns("mine.txt", "040 +T ...\n").expect_err("no word");
        assert!(e.to_string().starts_with("mine.txt:1:"), "{e}");
    }
}
