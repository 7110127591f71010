//! Word forms: the regular plurals and verb endings PETRARCH generates from a dictionary word,
//! and the comment/whitespace rules shared by every dictionary file.
//!
//! PETRARCH does not stem at match time (TABARI did): instead each dictionary word is expanded
//! once, at load time, into the forms it may take in text, and matching is exact on those forms.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

/// Strips a `#` comment (and an XML-style `<!-- ... -->` line) and surrounding blanks.
pub(crate) fn strip_comment(line: &str) -> &str {
    // `#` inside a code (`[###]`) is part of it, not a comment.
    let mut depth = 0usize;
    let mut cut = line.len();
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' if depth == 0 => {
                cut = i;
                break;
            }
            _ => {}
        }
    }
    let line = &line[..cut];
    let t = line.trim();
    if t.starts_with("<!") {
        return "";
    }
    line.trim_end()
}

/// The regular plural of an upper-case noun: `+S`, `Y -> IES` after a consonant, `+ES` after
/// S, X, Z, CH, SH.
pub(crate) fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if matches!(b, [.., p, b'Y'] if !is_vowel(*p)) {
        format!("{}IES", &noun[..n - 1])
    } else if noun.ends_with('S') || noun.ends_with('X') || noun.ends_with('Z') || noun.ends_with("CH") || noun.ends_with("SH") {
        format!("{noun}ES")
    } else {
        format!("{noun}S")
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// The regular forms of an upper-case verb: itself, third person, past, gerund. Verbs ending
/// consonant-vowel-consonant get both the doubled and the plain forms (STOPPED, VISITED).
pub(crate) fn verb_forms(verb: &str) -> Vec<String> {
    let b = verb.as_bytes();
    let n = b.len();
    let mut out = vec![verb.to_string()];
    let Some(&last) = b.last() else {
        return out;
    };
    // third person
    out.push(plural(verb));
    // past and gerund
    if last == b'E' {
        out.push(format!("{verb}D"));
        if n > 2 && verb.ends_with("EE") {
            out.push(format!("{verb}ING"));
        } else {
            out.push(format!("{}ING", &verb[..n - 1]));
        }
    } else if matches!(b, [.., p, b'Y'] if !is_vowel(*p)) {
        out.push(format!("{}IED", &verb[..n - 1]));
        out.push(format!("{verb}ING"));
    } else {
        out.push(format!("{verb}ED"));
        out.push(format!("{verb}ING"));
        if matches!(b, [.., x, v, _] if is_vowel(*v) && !is_vowel(*x)) && !is_vowel(last) && !matches!(last, b'W' | b'X' | b'Y') {
            let c = last as char;
            out.push(format!("{verb}{c}ED"));
            out.push(format!("{verb}{c}ING"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural("TROOP"), "TROOPS");
        assert_eq!(plural("AUTHORITY"), "AUTHORITIES");
        assert_eq!(plural("CONGRESS"), "CONGRESSES");
        assert_eq!(plural("CHURCH"), "CHURCHES");
        assert_eq!(plural("DAY"), "DAYS");
    }

    #[test]
    fn verb_endings() {
        assert!(verb_forms("DEPLORE").contains(&"DEPLORED".to_string()));
        assert!(verb_forms("DEPLORE").contains(&"DEPLORING".to_string()));
        assert!(verb_forms("STOP").contains(&"STOPPED".to_string()));
        assert!(verb_forms("VISIT").contains(&"VISITED".to_string()));
        assert!(verb_forms("CARRY").contains(&"CARRIED".to_string()));
        assert!(verb_forms("ACT").contains(&"ACTS".to_string()));
        assert!(!verb_forms("DEPART").contains(&"DEPARTX".to_string()));
    }

    #[test]
    fn comments() {
        assert_eq!(strip_comment("ARNOR_  [ARN] # note"), "ARNOR_  [ARN]");
        assert_eq!(strip_comment("<!-- header -->"), "");
        assert_eq!(strip_comment("- * DIPLXMATIC  [###]  # -PAS"), "- * DIPLXMATIC  [###]");
    }
}
