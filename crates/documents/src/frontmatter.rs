//! YAML front matter of Markdown and text files: `title`, `date`, `url` (or `source_url`),
//! `author`, `author_country`.
//!
//! Only the subset documents use is read: top-level `key: value` pairs whose value is a plain
//! scalar (continued on indented lines), a single-quoted scalar (`''` for a quote) or a
//! double-quoted scalar (escapes `\"`, `\\`, `\n`, `\t`, `\_` for a no-break space, `\uXXXX`, and
//! a backslash at the end of a line joining it to the next). Lists and nested maps are skipped.
//! The front matter stays in the document's text (line numbers are those of the file); the
//! segmenter labels it boilerplate.

/// The fields demarche uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub author_country: Option<String>,
    pub source: Option<String>,
}

/// Read the front matter at the top of `text`, if there is one.
pub(crate) fn parse(text: &str) -> Option<FrontMatter> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = body.split('\n').map(|l| l.trim_end_matches('\r'));
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut block: Vec<&str> = Vec::new();
    let mut closed = false;
    for l in lines.take(300) {
        if l.trim_end() == "---" || l.trim_end() == "..." {
            closed = true;
            break;
        }
        block.push(l);
    }
    if !closed {
        return None;
    }
    let mut fm = FrontMatter::default();
    let mut i = 0;
    while let Some(&line) = block.get(i) {
        i += 1;
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else { continue };
        // The value may continue on indented lines.
        let mut value = vec![rest.trim_start()];
        while let Some(&next) = block.get(i).filter(|l| l.starts_with([' ', '\t']) && !l.trim_start().starts_with("- ")) {
            value.push(next);
            i += 1;
        }
        let Some(v) = scalar(&value) else { continue };
        let v = v.trim().to_string();
        if v.is_empty() {
            continue;
        }
        match key.trim().to_lowercase().as_str() {
            "title" => fm.title = Some(v),
            "date" => fm.date = Some(v),
            "published_time" | "published" if fm.date.is_none() => fm.date = Some(v),
            "url" | "source_url" | "link" | "canonical_url" => fm.url = Some(v),
            "author" | "speaker" => fm.author = Some(v),
            "author_country" | "country" => fm.author_country = Some(v),
            "source" | "publisher" => fm.source = Some(v),
            _ => {}
        }
    }
    Some(fm)
}

/// One scalar value spread over `parts` (the text after the colon, then continuation lines).
fn scalar(parts: &[&str]) -> Option<String> {
    let (first, rest_lines) = parts.split_first()?;
    let first = first.trim_start();
    if first.starts_with('|') || first.starts_with('>') {
        // A block scalar: its lines, folded.
        return Some(rest_lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "));
    }
    if let Some(rest) = first.strip_prefix('"') {
        return Some(double_quoted(rest, rest_lines));
    }
    if let Some(rest) = first.strip_prefix('\'') {
        let mut all = rest.to_string();
        for p in rest_lines {
            all.push(' ');
            all.push_str(p.trim());
        }
        let end = find_single_close(&all).unwrap_or(all.len());
        return Some(all.get(..end).unwrap_or(&all).replace("''", "'"));
    }
    if first.starts_with('[') || first.starts_with('{') {
        return None;
    }
    let mut all = first.to_string();
    for p in rest_lines {
        all.push(' ');
        all.push_str(p.trim());
    }
    // A comment after a plain scalar.
    if let Some(i) = all.find(" #") {
        all.truncate(i);
    }
    Some(all)
}

fn find_single_close(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A double-quoted scalar: the rest of the first line, then continuation lines.
fn double_quoted(first: &str, more: &[&str]) -> String {
    let mut out = String::new();
    let mut lines = std::iter::once(first).chain(more.iter().copied()).peekable();
    let mut first_line = true;
    while let Some(line) = lines.next() {
        let line = if first_line { line } else { line.trim_start() };
        first_line = false;
        let mut chars = line.chars().peekable();
        let mut escaped_break = false;
        while let Some(c) = chars.next() {
            match c {
                '"' => return out,
                '\\' => match chars.next() {
                    None => escaped_break = true,
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('_') => out.push('\u{a0}'),
                    Some('0') => {}
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).collect();
                        if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            out.push(ch);
                        }
                    }
                    Some('x') => {
                        let hex: String = chars.by_ref().take(2).collect();
                        if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            out.push(ch);
                        }
                    }
                    Some(other) => out.push(other),
                },
                _ => out.push(c),
            }
        }
        if !escaped_break && lines.peek().is_some() {
            // A line break inside a double-quoted scalar folds to a space.
            while out.ends_with(' ') {
                out.pop();
            }
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_white_house_front_matter() {
        let text = "---\ndate: '2023-03-24'\npublished_time: 2023-03-24 20:51:40-04:00\nsource_url: https://example.gov/a/\ntags: speeches-remarks\ntitle: \"Remarks by President\\_Biden and Prime Minister Trudeau of Canada in Joint\\\n  \\ Press\\_Conference\"\n---\nBody.\n";
        let fm = parse(text).expect("front matter");
        assert_eq!(fm.date.as_deref(), Some("2023-03-24"));
        assert_eq!(fm.url.as_deref(), Some("https://example.gov/a/"));
        assert_eq!(
            fm.title.as_deref(),
            Some("Remarks by President\u{a0}Biden and Prime Minister Trudeau of Canada in Joint Press\u{a0}Conference")
        );
    }

    #[test]
    fn plain_and_unicode_scalars() {
        let text = "---\ntitle: The MPP Program and Border Security Joint Statement by Assistant\n  and National Security Advisor\nauthor: \"Minister for Foreign Affairs of Armenia\"\nauthor_country: ARM\nother: \"United\\_States\\u2013European\"\n---\n";
        let fm = parse(text).expect("front matter");
        assert_eq!(
            fm.title.as_deref(),
            Some("The MPP Program and Border Security Joint Statement by Assistant and National Security Advisor")
        );
        assert_eq!(fm.author.as_deref(), Some("Minister for Foreign Affairs of Armenia"));
        assert_eq!(fm.author_country.as_deref(), Some("ARM"));
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(parse("Just text.\n"), None);
        assert_eq!(parse("---\nnever closed\n"), None);
        assert_eq!(parse("---\n\"bad: [\n---\n"), Some(FrontMatter::default()));
    }
}
