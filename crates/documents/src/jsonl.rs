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
    let rec: Record = serde_json::from_str(line).map_err(|e| DocumentError::at_line(origin, lineno, ErrorKind::Json(e.to_string())))?;
    let text = rec
        .text
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| DocumentError::at_line(origin, lineno, ErrorKind::Record("record has no \"text\"".into())))?;
    let date = match rec.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => opts.date,
        Some(d) => Some(record_date(d).ok_or_else(|| {
            DocumentError::at_line(
                origin,
                lineno,
                ErrorKind::Record(format!("\"date\" {d:?} is not YYYY-MM-DD (or an RFC 3339 date-time) between 0001-01-01 and 9999-12-31")),
            )
        })?),
    };
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        // No id, null, or an empty one: the record's place.
        Some(serde_json::Value::String(_)) | Some(serde_json::Value::Null) | None => format!("{origin}:{lineno}"),
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

/// A record's date: `YYYY-MM-DD`, or a whole date-time (`2025-01-22T10:00:00Z`,
/// `2025-01-22 10:00:00`) whose date part is taken as written. Anything after the date that is
/// not a valid time is an error, never cut off.
fn record_date(d: &str) -> Option<crate::Date> {
    if d.len() <= 10 {
        return parse_date(d);
    }
    let date = parse_date(d.get(..10)?)?;
    let valid_time = chrono::DateTime::parse_from_rfc3339(d).is_ok()
        || ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            .iter()
            .any(|f| chrono::NaiveDateTime::parse_from_str(d, f).is_ok());
    valid_time.then_some(date)
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
    fn dates_are_validated_whole() {
        assert_eq!(record_date("2025-01-22").map(|d| d.to_string()), Some("2025-01-22".into()));
        assert_eq!(record_date("2025-01-22T23:10:00+03:00").map(|d| d.to_string()), Some("2025-01-22".into()));
        assert_eq!(record_date("2025-01-22 23:10:00").map(|d| d.to_string()), Some("2025-01-22".into()));
        for bad in ["2025-01-22garbage", "2025-01-22T99:00:00Z", "2025-01-2", "+10000-01-01", "0000-01-01", "2025-02-30"] {
            assert_eq!(record_date(bad), None, "{bad}");
        }
        let batch = parse("d.jsonl", "{\"id\":\"x\",\"date\":\"2025-01-22junk\",\"text\":\"Hi.\"}\n", &ReadOptions::default());
        let err = batch[0].as_ref().expect_err("bad date");
        assert!(err.to_string().starts_with("d.jsonl:1: \"date\" \"2025-01-22junk\""), "{err}");
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
