//! JSON Lines intake: one article a line, `{"id", "date", "source", "url", "title", "text",
//! "author", "author_country"}`.
//!
//! Only `text` is required. A malformed line is reported with its line number and the other
//! lines are still read.

use crate::{Document, DocumentError, ErrorKind, Format, ReadOptions};
use demarche_core::dates::parse_date;
use serde::Deserialize;

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    title: Option<String>,
    text: Option<String>,
    author: Option<String>,
    author_country: Option<String>,
}

pub(crate) fn parse(origin: &str, text: &str, opts: &ReadOptions) -> Vec<Result<Document, DocumentError>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse_line(origin, lineno, line, opts));
    }
    if out.is_empty() {
        out.push(Err(DocumentError::new(origin, ErrorKind::Empty)));
    }
    out
}

pub(crate) fn parse_line(origin: &str, lineno: usize, line: &str, opts: &ReadOptions) -> Result<Document, DocumentError> {
    let rec: Record = serde_json::from_str(line)
        .map_err(|e| DocumentError::at_line(origin, lineno, ErrorKind::Json(e.to_string())))?;
    let text = rec
        .text
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| DocumentError::at_line(origin, lineno, ErrorKind::Record("record has no \"text\"".into())))?;
    let date = match rec.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => opts.date,
        Some(d) => Some(parse_date(d.get(..10).unwrap_or(d)).ok_or_else(|| {
            DocumentError::at_line(origin, lineno, ErrorKind::Record(format!("\"date\" {d:?} is not YYYY-MM-DD")))
        })?),
    };
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Null) | None => format!("{origin}:{lineno}"),
        Some(v) => v.to_string(),
    };
    Ok(Document {
        id,
        origin: origin.to_string(),
        origin_line: lineno,
        format: Format::Jsonl,
        date,
        source: rec.source,
        url: rec.url,
        title: rec.title,
        text,
        parse: None,
        category: None,
        author: rec.author.filter(|a| !a.trim().is_empty()),
        author_country: rec.author_country.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_authors() {
        let input = r#"{"text":"We welcome the treaty.","author":"Minister for Foreign Affairs of Armenia","author_country":"arm"}"#;
        let doc = parse("a.jsonl", input, &ReadOptions::default()).remove(0).expect("doc");
        assert_eq!(doc.author.as_deref(), Some("Minister for Foreign Affairs of Armenia"));
        assert_eq!(doc.author_country.as_deref(), Some("ARM"));
    }

    #[test]
    fn reads_records_and_reports_bad_lines() {
        let input = concat!(
            r#"{"id":"a","date":"2025-01-22","source":"MFA","title":"T","text":"Lavrov met Mirzoyan."}"#,
            "\n\n",
            r#"{"id":"b", "text": "#,
            "\n",
            r#"{"id":7,"text":"Second."}"#,
            "\n",
            r#"{"id":"c"}"#,
            "\n"
        );
        let batch = parse("in.jsonl", input, &ReadOptions::default());
        assert_eq!(batch.len(), 4);
        let a = batch[0].as_ref().expect("a");
        assert_eq!(a.author, None);
        assert_eq!(a.id, "a");
        assert_eq!(a.date.map(|d| d.to_string()), Some("2025-01-22".into()));
        let err = batch[1].as_ref().expect_err("bad json");
        assert_eq!(err.line, Some(3));
        assert_eq!(batch[2].as_ref().map(|d| d.id.clone()).ok(), Some("7".to_string()));
        assert!(batch[3].as_ref().expect_err("no text").to_string().contains("in.jsonl:5"));
    }
}
