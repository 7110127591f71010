//! HTML intake: the readable text of a page, one block a line.
//!
//! Headings, paragraphs, list items, quotes, table cells and preformatted blocks become lines;
//! scripts, styles, navigation, forms, asides and footers are dropped. The `<title>` (or the
//! first `<h1>`) becomes the document title.

use crate::{Document, DocumentError, Format, ReadOptions};
use scraper::{ElementRef, Html, Node};

/// Elements whose whole subtree is page furniture, not content.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "iframe", "svg",
    "canvas", "select", "head", "menu",
];

/// Elements that start and end a line of text.
const BLOCK: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dt", "dd", "figcaption",
    "div", "section", "article", "header", "main", "tr", "br", "hr", "address", "caption",
];

pub(crate) fn parse(origin: &str, text: &str, opts: &ReadOptions) -> Result<Document, DocumentError> {
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
    Ok(Document {
        format: Format::Html,
        title,
        ..Document::from_text(origin, body, opts.date)
    })
}

fn first_text(html: &Html, tag: &str) -> Option<String> {
    let sel = scraper::Selector::parse(tag).ok()?;
    let el = html.select(&sel).next()?;
    let t = normalize(&el.text().collect::<String>());
    (!t.is_empty()).then_some(t)
}

fn walk(el: ElementRef<'_>, lines: &mut Vec<String>, current: &mut String) {
    let name = el.value().name();
    if SKIP.contains(&name) || el.value().attr("role") == Some("navigation") || el.value().attr("hidden").is_some() {
        return;
    }
    let block = BLOCK.contains(&name);
    if block {
        flush(lines, current);
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                if name == "pre" {
                    for (i, part) in t.split('\n').enumerate() {
                        if i > 0 {
                            flush(lines, current);
                        }
                        current.push_str(part);
                    }
                } else {
                    current.push_str(t);
                }
            }
            Node::Element(_) => {
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, lines, current);
                }
            }
            _ => {}
        }
    }
    if block {
        flush(lines, current);
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
        assert_eq!(
            doc.text,
            "Talks in Moscow\nSergey Lavrov held talks with Ararat Mirzoyan.\nFirst point.\nSecond point.\n"
        );
    }
}
