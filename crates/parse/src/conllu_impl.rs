//! CoNLL-U: reading sentences (words, multi-word token lines and empty nodes kept verbatim),
//! writing them back, and the treebank view training needs.

use crate::ParseError;
use std::fmt::Write as _;

/// One line of a sentence after its comments.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A syntactic word: the ten columns.
    Word(Vec<String>),
    /// A multi-word token range (`3-4`) or an empty node (`5.1`), kept as written.
    Other(String),
}

/// A CoNLL-U sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// Comment lines, with their `#`.
    pub comments: Vec<String>,
    /// Word, multi-word token and empty node lines in order.
    pub rows: Vec<Row>,
    /// 1-based line number of the first line in the file.
    pub line: usize,
}

impl Sentence {
    /// The syntactic words' columns.
    pub fn words(&self) -> impl Iterator<Item = &Vec<String>> {
        self.rows.iter().filter_map(|r| match r {
            Row::Word(c) => Some(c),
            Row::Other(_) => None,
        })
    }

    /// The words' forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words().map(|c| c[1].as_str()).collect()
    }

    /// Append the sentence to `out` in CoNLL-U (with the blank line after it).
    pub fn write(&self, out: &mut String) {
        for c in &self.comments {
            out.push_str(c);
            out.push('\n');
        }
        for r in &self.rows {
            match r {
                Row::Word(c) => {
                    for (i, col) in c.iter().enumerate() {
                        if i > 0 {
                            out.push('\t');
                        }
                        out.push_str(col);
                    }
                }
                Row::Other(s) => out.push_str(s),
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

/// Read every sentence of a CoNLL-U text. Errors name the line.
pub fn read(text: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !cur.rows.is_empty() || !cur.comments.is_empty() {
                check(&cur)?;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if cur.rows.is_empty() && cur.comments.is_empty() {
            cur.line = lineno;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ParseError::conllu(lineno, format!("{} columns, CoNLL-U has 10", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            cur.rows.push(Row::Other(line.to_string()));
            continue;
        }
        let n: usize = id.parse().map_err(|_| ParseError::conllu(lineno, format!("bad word id {id:?}")))?;
        let expected = cur.words().count() + 1;
        if n != expected {
            return Err(ParseError::conllu(lineno, format!("word id {n}, expected {expected}")));
        }
        if cols[6] != "_" && cols[6].parse::<usize>().is_err() {
            return Err(ParseError::conllu(lineno, format!("bad head {:?}", cols[6])));
        }
        cur.rows.push(Row::Word(cols.iter().map(|s| s.to_string()).collect()));
    }
    if !cur.rows.is_empty() {
        check(&cur)?;
        out.push(cur);
    }
    Ok(out)
}

fn check(s: &Sentence) -> Result<(), ParseError> {
    let n = s.words().count();
    if n == 0 {
        return Err(ParseError::conllu(s.line, "a sentence without words".into()));
    }
    for (i, w) in s.words().enumerate() {
        if let Ok(h) = w[6].parse::<usize>() {
            if h > n {
                return Err(ParseError::conllu(s.line, format!("word {} has head {h} beyond the sentence ({n} words)", i + 1)));
            }
        }
    }
    Ok(())
}

/// A sentence of a treebank as training and scoring need it.
#[derive(Debug, Clone)]
pub(crate) struct GoldSentence {
    pub(crate) forms: Vec<String>,
    pub(crate) upos: Vec<String>,
    pub(crate) xpos: Vec<String>,
    pub(crate) lemmas: Vec<String>,
    /// 0-based heads, `n` for the root.
    pub(crate) heads: Vec<u16>,
    pub(crate) deprels: Vec<String>,
}

impl GoldSentence {
    pub(crate) fn from(s: &Sentence) -> Result<GoldSentence, ParseError> {
        let words: Vec<&Vec<String>> = s.words().collect();
        let n = words.len();
        if n >= u16::MAX as usize - 2 {
            return Err(ParseError::conllu(s.line, format!("sentence of {n} words is too long")));
        }
        let mut heads = Vec::with_capacity(n);
        for w in &words {
            let h: usize = w[6].parse().map_err(|_| ParseError::conllu(s.line, format!("word {} has no head", w[0])))?;
            heads.push(if h == 0 { n as u16 } else { (h - 1) as u16 });
        }
        Ok(GoldSentence {
            forms: words.iter().map(|w| w[1].clone()).collect(),
            lemmas: words.iter().map(|w| w[2].clone()).collect(),
            upos: words.iter().map(|w| w[3].clone()).collect(),
            xpos: words.iter().map(|w| w[4].clone()).collect(),
            heads,
            deprels: words.iter().map(|w| w[7].clone()).collect(),
        })
    }
}

/// Format a word line.
#[allow(clippy::too_many_arguments)]
pub(crate) fn word_line(
    out: &mut String,
    id: usize,
    form: &str,
    lemma: &str,
    upos: &str,
    xpos: &str,
    feats: &str,
    head: usize,
    rel: &str,
    misc: &str,
) {
    let _ = writeln!(out, "{id}\t{form}\t{lemma}\t{upos}\t{xpos}\t{feats}\t{head}\t{rel}\t_\t{misc}");
}
