//! Tokenisation of raw sentences to the conventions of UD English (EWT): punctuation apart,
//! clitics split ("do|n't", "ca|n't", "wo|n't", "John|'s", "I|'m", typographic apostrophes too,
//! "can|not", "gon|na"), hyphenated words split ("long|-|term", but "e-mail", "co-workers",
//! "non-profit" and numbers with hyphens kept), slashes between words split, abbreviations
//! ("U.S.", "Mr.", "e.g.", "p.m.") and URLs, e-mail addresses, numbers ("1,000.50", "10:30") kept
//! whole. Tokens are byte spans of the sentence; no text is rewritten.

/// Abbreviations that keep their final period (`data/text/abbreviations.txt`, shared with the
/// segmenter and PETRARCH's text mode through `demarche_core::abbreviations`; this crate depends on
/// no crate of ours: lower case, without the period).
fn abbreviations() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../data/text/abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Hyphenated prefixes EWT keeps on their word.
const HYPHEN_PREFIXES: &[&str] = &["e", "non", "mid", "pre", "re", "anti", "post", "co", "multi", "ex", "x", "t"];

const OPENERS: &[char] = &['"', '“', '‘', '«', '(', '[', '{', '<', '$', '£', '€', '¿', '¡', '*'];
const CLOSERS: &[char] = &['"', '”', '’', '»', ')', ']', '}', '>', ',', ';', ':', '!', '?', '…', '*', '%'];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Split `text` into UD tokens, appending `(start, end)` byte spans to `out`.
pub fn tokenize(text: &str, out: &mut Vec<(usize, usize)>) {
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunk(text, s, i, out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(text, s, text.len(), out);
    }
}

fn is_url(s: &str) -> bool {
    s.contains("://") || s.starts_with("www.") || (s.contains('@') && s.contains('.') && !s.starts_with('@'))
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// A whitespace-delimited chunk `text[a..b]`.
fn chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<(usize, usize)>) {
    // Leading punctuation.
    loop {
        let s = &text[a..b];
        let Some(c) = first_char(s) else { return };
        if s.len() == c.len_utf8() {
            break;
        }
        if OPENERS.contains(&c) || (is_apostrophe(c) && !is_clitic(s) && !s[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())) {
            out.push((a, a + c.len_utf8()));
            a += c.len_utf8();
        } else if s.starts_with("--") {
            let n = s.bytes().take_while(|&x| x == b'-').count();
            out.push((a, a + n));
            a += n;
        } else {
            break;
        }
    }
    if a >= b {
        return;
    }
    // Trailing punctuation, collected in reverse in a small array (no allocation).
    let mut tail = [(0usize, 0usize); 16];
    let mut nt = 0;
    loop {
        if nt == tail.len() {
            break;
        }
        let s = &text[a..b];
        let Some(c) = last_char(s) else { break };
        if s.len() == c.len_utf8() {
            break;
        }
        let cl = c.len_utf8();
        if s.ends_with("...") {
            let n = s.bytes().rev().take_while(|&x| x == b'.').count();
            if n < s.len() {
                push_tail(&mut tail, &mut nt, (b - n, b));
                b -= n;
                continue;
            }
            break;
        }
        if s.ends_with("--") {
            let n = s.bytes().rev().take_while(|&x| x == b'-').count();
            if n < s.len() {
                push_tail(&mut tail, &mut nt, (b - n, b));
                b -= n;
                continue;
            }
            break;
        }
        if c == '.' {
            if keeps_period(&s[..s.len() - 1]) && !is_url(s) {
                break;
            }
            push_tail(&mut tail, &mut nt, (b - 1, b));
            b -= 1;
            continue;
        }
        if c == ':' && is_url(s) {
            push_tail(&mut tail, &mut nt, (b - 1, b));
            b -= 1;
            continue;
        }
        if CLOSERS.contains(&c) || is_apostrophe(c) {
            if is_apostrophe(c) && is_clitic(s) {
                break;
            }
            push_tail(&mut tail, &mut nt, (b - cl, b));
            b -= cl;
            continue;
        }
        break;
    }
    if is_url(&text[a..b]) {
        out.push((a, b));
    } else {
        middle(text, a, b, out);
    }
    out.extend(tail[..nt].iter().rev());
}

fn push_tail(tail: &mut [(usize, usize); 16], n: &mut usize, span: (usize, usize)) {
    tail[*n] = span;
    *n += 1;
}

/// Does `s` (a chunk without its final period) keep the period: an abbreviation, initials
/// ("U.S", "e.g", "J")?
fn keeps_period(s: &str) -> bool {
    if s.is_empty() {
        return false;
    }
    if abbreviations().contains(s.to_ascii_lowercase().as_str()) {
        return true;
    }
    // Initials: letters separated by periods, or a single capital letter.
    let mut letters = 0;
    let mut ok = true;
    for (i, part) in s.split('.').enumerate() {
        if part.chars().count() == 1 && part.chars().all(char::is_alphabetic) {
            letters += 1;
        } else {
            ok = false;
        }
        let _ = i;
    }
    ok && (letters >= 2 || s.chars().all(char::is_uppercase)) || s.eq_ignore_ascii_case("a.m") || s.eq_ignore_ascii_case("p.m")
}

fn is_clitic(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(c) = chars.next() else { return false };
    if !is_apostrophe(c) {
        return false;
    }
    let rest = chars.as_str();
    ["s", "re", "ve", "ll", "d", "m", "em", "t", ""].iter().any(|c| c.eq_ignore_ascii_case(rest))
}

/// Split inside a chunk: hyphens and slashes between words, commas and other punctuation glued
/// to words, then clitics.
fn middle(text: &str, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[a..b];
    let mut piece = 0;
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|x| x.1);
        let last = next.is_none();
        let letter = |x: Option<char>| x.is_some_and(char::is_alphabetic);
        let digit = |x: Option<char>| x.is_some_and(|d| d.is_ascii_digit());
        let split_here = match c {
            '-' => {
                // Between two words, unless the first is a prefix EWT keeps ("e-mail").
                let left = &s[piece..i];
                let left_word = !left.is_empty() && left.chars().all(char::is_alphabetic);
                let right_letter = letter(next);
                left_word && right_letter && !HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(left))
            }
            '/' => letter(prev) && letter(next),
            '—' | '–' => true,
            ',' | ';' => !(digit(prev) && digit(next)) && i > piece,
            ':' => !(digit(prev) && digit(next)) && i > piece && letter(prev),
            '(' | ')' | '"' | '“' | '”' | '!' | '?' | '[' | ']' => i > piece || !last,
            _ => false,
        };
        if split_here {
            if i > piece {
                clitics(text, a + piece, a + i, out);
            }
            let cl = c.len_utf8();
            out.push((a + i, a + i + cl));
            piece = i + cl;
        }
        prev = Some(c);
    }
    if piece < s.len() {
        clitics(text, a + piece, b, out);
    }
}

/// Split clitics off a word: "n't", "'s", "'re", "'ve", "'ll", "'d", "'m" (either apostrophe),
/// "cannot", "gonna", "wanna", "gotta".
fn clitics(text: &str, a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[a..b];
    let ends = |suffix: &str| {
        s.len() > suffix.len() && s.is_char_boundary(s.len() - suffix.len()) && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    {
        for (word, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
            if s.eq_ignore_ascii_case(word) {
                out.push((a, a + cut));
                out.push((a + cut, b));
                return;
            }
        }
        for nt in ["n't", "n’t"] {
            if ends(nt) {
                let cut = b - nt.len();
                out.push((a, cut));
                out.push((cut, b));
                return;
            }
        }
        for suffix in ["'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m"] {
            if ends(suffix) {
                let cut = b - suffix.len();
                out.push((a, cut));
                out.push((cut, b));
                return;
            }
        }
    }
    out.push((a, b));
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|&(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn ud_conventions() {
        let cases: &[(&str, &[&str])] = &[
            ("I don't know.", &["I", "do", "n't", "know", "."]),
            // Abbreviations of data/text/abbreviations.txt keep their period.
            ("Nippon Steel Corp. and Amb. Smith met", &["Nippon", "Steel", "Corp.", "and", "Amb.", "Smith", "met"]),
            ("They can't, won't and cannot go.", &["They", "ca", "n't", ",", "wo", "n't", "and", "can", "not", "go", "."]),
            ("Russia's minister said he'd come", &["Russia", "'s", "minister", "said", "he", "'d", "come"]),
            ("Russia’s “talks” ended", &["Russia", "’s", "“", "talks", "”", "ended"]),
            ("a long-term deal", &["a", "long", "-", "term", "deal"]),
            ("send an e-mail to co-workers", &["send", "an", "e-mail", "to", "co-workers"]),
            (
                "Mr. Smith met U.S. officials at 10:30 a.m. on Jan. 5.",
                &["Mr.", "Smith", "met", "U.S.", "officials", "at", "10:30", "a.m.", "on", "Jan.", "5", "."],
            ),
            ("It cost $1,000.50 (about 5%).", &["It", "cost", "$", "1,000.50", "(", "about", "5", "%", ")", "."]),
            ("See http://example.com/a-b.html, please", &["See", "http://example.com/a-b.html", ",", "please"]),
            ("the countries' leaders", &["the", "countries", "'", "leaders"]),
            ("and/or wait...", &["and", "/", "or", "wait", "..."]),
            ("I'm gonna go", &["I", "'m", "gon", "na", "go"]),
            ("Call 713-853-3989 now!", &["Call", "713-853-3989", "now", "!"]),
            ("'Hello', he said", &["'", "Hello", "'", ",", "he", "said"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), *want, "{text}");
        }
    }
}
