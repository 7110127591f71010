//! Tokens with byte spans and normalised forms, shared by actor recognition and event coding.
//!
//! A token is a word (letters, digits, internal apostrophes, dotted abbreviations such as
//! `U.S.`), a number (`12`, `1.2`, `2020-2022` is three tokens), a possessive `'s`, or one
//! punctuation character. Hyphenated compounds are split (`Armenian-Azerbaijani` → `Armenian`,
//! `-`, `Azerbaijani`) so each part can be recognised.

use demarche_core::Span;

/// Letter case of a token as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Starts lower-case (or is not a word).
    Lower,
    /// Starts with a capital.
    Capitalized,
    /// Every letter is a capital (and there are at least two letters, or one with dots).
    Upper,
    /// A capital, then small letters and capitals mixed ("LeT", "McCain").
    Mixed,
}

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte span in the document.
    pub span: Span,
    /// Lower-cased, apostrophes unified to `'`, dots removed from abbreviations (`u.s.` → `us`).
    pub norm: String,
    /// Case as written.
    pub case: Case,
    /// True for a word or number token.
    pub is_word: bool,
}

impl Token {
    /// True when this token is the possessive `'s`.
    pub fn is_possessive(&self) -> bool {
        self.norm == "'s"
    }
}

/// Tokenize the text under `span` of `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let piece = span.slice(text);
    // About one token in five bytes of prose: reserved once rather than grown.
    let mut out = Vec::with_capacity(piece.len() / 5 + 1);
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(piece.len());
    chars.extend(piece.char_indices());
    let n = chars.len();
    let mut i = 0;
    let end_of = |k: usize| if k < n { chars[k].0 } else { piece.len() };
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            // Dotted abbreviation: single letters each followed by a dot (U.S., U.K., p.m.).
            let mut k = i;
            let mut dotted = 0;
            while k + 1 < n && chars[k].1.is_alphabetic() && chars[k + 1].1 == '.' {
                dotted += 1;
                k += 2;
                let another = k + 1 < n && chars[k].1.is_alphabetic() && chars[k + 1].1 == '.';
                if !another {
                    break;
                }
            }
            if dotted >= 2 {
                let s = Span::new(span.start + start, span.start + end_of(k));
                let raw = s.slice(text);
                let norm: String = raw.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect();
                let case = if raw.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) { Case::Upper } else { Case::Lower };
                out.push(Token { span: s, norm, case, is_word: true });
                i = k;
                continue;
            }
            // A word or number: alphanumerics, internal apostrophes before letters, internal
            // decimal points and thousands separators between digits.
            let mut k = i + 1;
            while k < n {
                let ch = chars[k].1;
                let letter = ch.is_alphanumeric() || ch == '\u{0301}';
                let apostrophe = (ch == '\'' || ch == '’') && k + 1 < n && chars[k + 1].1.is_alphabetic();
                let separator = (ch == '.' || ch == ',') && chars[k - 1].1.is_ascii_digit() && k + 1 < n && chars[k + 1].1.is_ascii_digit();
                if letter || apostrophe || separator {
                    k += 1;
                } else {
                    break;
                }
            }
            let s = Span::new(span.start + start, span.start + end_of(k));
            let raw = s.slice(text);
            // Split a trailing possessive: Armenia's -> Armenia + 's.
            let possessive = raw.len() > 3 && {
                let mut rev = raw.chars().rev();
                matches!((rev.next(), rev.next()), (Some('s' | 'S'), Some('\'' | '’')))
            };
            if possessive {
                let stem_len = raw.len() - raw.chars().rev().take(2).map(char::len_utf8).sum::<usize>();
                let stem = Span::new(s.start, s.start + stem_len);
                out.push(word(text, stem));
                out.push(Token { span: Span::new(stem.end, s.end), norm: "'s".into(), case: Case::Lower, is_word: false });
            } else {
                // A plural possessive ("states'") stays one word.
                out.push(word(text, s));
            }
            i = k;
            continue;
        }
        // Punctuation: one character a token; apostrophes normalised.
        let s = Span::new(span.start + start, span.start + end_of(i + 1));
        let norm = match c {
            '’' | '‘' | '`' => "'".to_string(),
            '“' | '”' | '«' | '»' => "\"".to_string(),
            '–' | '—' => "-".to_string(),
            _ => c.to_string(),
        };
        out.push(Token { span: s, norm, case: Case::Lower, is_word: false });
        i += 1;
    }
    out
}

fn word(text: &str, span: Span) -> Token {
    let raw = span.slice(text);
    let norm = if raw.is_ascii() { raw.to_ascii_lowercase() } else { fold(raw) };
    Token { span, norm, case: case_of(raw), is_word: true }
}

/// Lower case with Latin diacritics removed and apostrophes unified, so that "Erdoğan",
/// "Raúl" and "Lasse Hessel" spelled with or without accents are one word.
fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars().flat_map(char::to_lowercase) {
        let f = match c {
            '’' => '\'',
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' | 'ĉ' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' | 'ģ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
            'ķ' => 'k',
            'ĺ' | 'ļ' | 'ľ' | 'ł' => 'l',
            'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ŕ' | 'ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ţ' | 'ț' | 'ť' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            '\u{0300}'..='\u{036f}' => continue,
            c => c,
        };
        out.push(f);
    }
    out
}

/// The case of a word as written.
pub fn case_of(raw: &str) -> Case {
    let mut letters = raw.chars().filter(|c| c.is_alphabetic());
    match letters.next() {
        Some(f) if f.is_uppercase() => {
            let (mut upper, mut lower) = (false, false);
            for c in letters {
                if c.is_uppercase() {
                    upper = true;
                } else {
                    lower = true;
                }
            }
            match (upper, lower) {
                (true, false) => Case::Upper,
                (true, true) => Case::Mixed,
                _ => Case::Capitalized,
            }
        }
        _ => Case::Lower,
    }
}

/// Tokenize a dictionary phrase the same way text is tokenized.
pub fn tokenize_phrase(phrase: &str) -> Vec<Token> {
    tokenize(phrase, Span::new(0, phrase.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(s: &str) -> Vec<String> {
        tokenize_phrase(s).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn splits_possessives_hyphens_and_punctuation() {
        assert_eq!(norms("Armenia’s FM"), ["armenia", "'s", "fm"]);
        assert_eq!(norms("Armenian-Azerbaijani normalisation."), ["armenian", "-", "azerbaijani", "normalisation", "."]);
        assert_eq!(norms("the U.S. and U.K. agreed"), ["the", "us", "and", "uk", "agreed"]);
        assert_eq!(norms("$12 billion (1.2) 2020-2022"), ["$", "12", "billion", "(", "1.2", ")", "2020", "-", "2022"]);
        assert_eq!(norms("don't"), ["don't"]);
        assert_eq!(norms("Erdoğan Raúl Élysée Hessel’s"), ["erdogan", "raul", "elysee", "hessel", "'s"]);
    }

    #[test]
    fn keeps_case_and_offsets() {
        let text = "See: US troops and the WHO";
        let toks = tokenize(text, Span::new(0, text.len()));
        let us = toks.iter().find(|t| t.norm == "us").expect("us");
        assert_eq!(us.case, Case::Upper);
        assert_eq!(us.span.slice(text), "US");
        assert_eq!(toks.iter().find(|t| t.norm == "troops").map(|t| t.case), Some(Case::Lower));
    }
}
