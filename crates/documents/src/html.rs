//! HTML intake: the readable text of a page, one block a line.
//!
//! Headings, paragraphs, list items, quotes, table cells and preformatted blocks become lines;
//! scripts, styles, navigation, forms, asides and footers are dropped. The `<title>` (or the
//! first `<h1>`) becomes the document title.

use crate::{Document, DocumentError, Format, ReadOptions};
use scraper::{ElementRef, Html, Node};

/// Elements whose whole subtree is page furniture, not content.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "iframe", "svg", "canvas", "select", "head",
    "menu",
];

/// Elements that start and end a line of text.
const BLOCK: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dt",
    "dd",
    "figcaption",
    "div",
    "section",
    "article",
    "header",
    "main",
    "tr",
    "br",
    "hr",
    "address",
    "caption",
];

/// The deepest element nesting accepted. The HTML parser checks element scope by walking the
/// stack of open elements, so its time grows with the square of the depth (100,000 nested
/// `<div>` take minutes); no real page comes near this limit.
pub const MAX_HTML_DEPTH: usize = 4096;

pub(crate) fn parse(origin: &str, text: &str, opts: &ReadOptions) -> Result<Document, DocumentError> {
    if let Some(at) = too_deep(text, MAX_HTML_DEPTH) {
        return Err(DocumentError {
            origin: origin.to_string(),
            line: Some(text.get(..at).map_or(1, |t| t.matches('\n').count() + 1)),
            byte: Some(at),
            kind: crate::ErrorKind::Record(format!("HTML nested deeper than {MAX_HTML_DEPTH} elements: refused")),
        });
    }
    let html = Html::parse_document(text);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    walk(html.root_element(), &mut lines, &mut current);
    flush(&mut lines, &mut current);
    let title = first_text(&html, "title").or_else(|| first_text(&html, "h1"));
    if lines.is_empty() {
        return Err(DocumentError::new(origin, crate::ErrorKind::Empty));
    }
    let mut body = lines.join("\n");
    body.push('\n');
    Ok(Document { format: Format::Html, title, ..Document::from_text(origin, body, opts.date) })
}

/// Elements that never hold others open: void elements, and those whose end tag is implied
/// by the next sibling (`<p>`, `<li>`, `<td>` ...), which unclosed do not deepen the tree.
const NO_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd",
    "tr", "td", "th", "option", "optgroup", "rt", "rp", "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// A linear pre-scan of the tags: the byte offset where the nesting of elements that hold
/// others open first exceeds `limit`, if it does. An upper bound of the parser's stack of open
/// elements (end tags that close several elements at once are counted as closing one).
fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(off) = b.get(i..).and_then(|r| r.iter().position(|c| *c == b'<')) {
        let at = i + off;
        let rest = b.get(at + 1..).unwrap_or(&[]);
        if rest.starts_with(b"!--") {
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = b.get(name_start..).unwrap_or(&[]).iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        if name_len == 0 || !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        let name = text.get(name_start..name_start + name_len).unwrap_or("").to_ascii_lowercase();
        // The end of the tag, skipping quoted attribute values.
        let mut j = name_start + name_len;
        let mut quote: Option<u8> = None;
        while let Some(&c) = b.get(j) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            j += 1;
        }
        let self_closing = j > 0 && b.get(j - 1) == Some(&b'/');
        i = j + 1;
        if NO_DEPTH.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            if depth > limit {
                return Some(at);
            }
            if RAW_TEXT.contains(&name.as_str()) {
                let end = format!("</{name}");
                i = find_ignore_case(b, i, end.as_bytes()).unwrap_or(b.len());
            }
        }
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

fn find_ignore_case(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

fn first_text(html: &Html, tag: &str) -> Option<String> {
    let sel = scraper::Selector::parse(tag).ok()?;
    let el = html.select(&sel).next()?;
    let t = normalize(&el.text().collect::<String>());
    (!t.is_empty()).then_some(t)
}

/// Depth-first over the element tree with an explicit stack (no recursion: a page of a million
/// nested tags is walked in constant stack space).
fn walk(root: ElementRef<'_>, lines: &mut Vec<String>, current: &mut String) {
    enum Step<'a> {
        Enter(ElementRef<'a>),
        Text(&'a str, bool),
        Leave,
    }
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        let el = match step {
            Step::Leave => {
                flush(lines, current);
                continue;
            }
            Step::Text(t, pre) => {
                if pre {
                    for (i, part) in t.split('\n').enumerate() {
                        if i > 0 {
                            flush(lines, current);
                        }
                        current.push_str(part);
                    }
                } else {
                    current.push_str(t);
                }
                continue;
            }
            Step::Enter(el) => el,
        };
        let name = el.value().name();
        if SKIP.contains(&name) || el.value().attr("role") == Some("navigation") || el.value().attr("hidden").is_some() {
            continue;
        }
        let block = BLOCK.contains(&name);
        if block {
            flush(lines, current);
            stack.push(Step::Leave);
        }
        let pre = name == "pre";
        // Children pushed in reverse so that they are visited in document order.
        for child in el.children().rev() {
            match child.value() {
                Node::Text(t) => stack.push(Step::Text(t, pre)),
                Node::Element(_) => {
                    if let Some(child_el) = ElementRef::wrap(child) {
                        stack.push(Step::Enter(child_el));
                    }
                }
                _ => {}
            }
        }
    }
}

fn flush(lines: &mut Vec<String>, current: &mut String) {
    let t = normalize(current);
    if !t.is_empty() {
        lines.push(t);
    }
    current.clear();
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_within_the_limit_is_walked_without_recursion() {
        for tag in ["div", "b", "span", "section"] {
            let depth = MAX_HTML_DEPTH - 10;
            let page =
                format!("<html><body>{}deep text{}</body></html>", format!("<{tag}>").repeat(depth), format!("</{tag}>").repeat(depth));
            // A small stack: a recursive walk of 4,000 levels would overflow it.
            let doc = std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || parse("deep.html", &page, &ReadOptions::default()).map(|d| d.text))
                .expect("thread")
                .join()
                .expect("no stack overflow");
            assert_eq!(doc.expect("doc").trim(), "deep text", "{tag}");
        }
    }

    #[test]
    fn nesting_beyond_the_limit_is_a_clear_error() {
        let page = format!("<html><body>\n{}x", "<div><table><tr><td>".repeat(MAX_HTML_DEPTH));
        let err = parse("deep.html", &page, &ReadOptions::default()).expect_err("too deep");
        assert!(err.to_string().starts_with("deep.html:2: byte "), "{err}");
        assert!(err.to_string().contains("nested deeper than 4096"), "{err}");
        // Unclosed paragraphs and list items, void elements, comments and scripts do not count.
        let flat = format!(
            "<html><body>{}{}{}<script>{}</script><p>text",
            "<p>para".repeat(10_000),
            "<li>item<br><img src='a>b'>".repeat(10_000),
            "<!-- <div> -->".repeat(10_000),
            "<div>".repeat(10_000)
        );
        assert_eq!(too_deep(&flat, MAX_HTML_DEPTH), None);
    }

    #[test]
    fn keeps_blocks_drops_furniture() {
        let page = r#"<!doctype html><html><head><title>Talks in Moscow</title>
            <style>p{color:red}</style></head><body>
            <nav><a href="/">Home</a> | <a href="/news">News</a></nav>
            <h1>Talks in Moscow</h1>
            <p>Sergey Lavrov held talks with
               Ararat Mirzoyan.</p>
            <script>var x = "Lavrov attacked";</script>
            <ul><li>First point.</li><li>Second <b>point</b>.</li></ul>
            <footer>Copyright 2025</footer></body></html>"#;
        let doc = parse("p.html", page, &ReadOptions::default()).expect("doc");
        assert_eq!(doc.title.as_deref(), Some("Talks in Moscow"));
        assert_eq!(doc.text, "Talks in Moscow\nSergey Lavrov held talks with Ararat Mirzoyan.\nFirst point.\nSecond point.\n");
    }
}
