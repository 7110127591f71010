//! Calendar dates as demarche reads and writes them (`YYYY-MM-DD`), and how precise a date is.

use chrono::NaiveDate;
use serde::Serialize;

/// How much of an event's date the text actually stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// The sentence names the day ("On January 17", "yesterday").
    Day,
    /// The sentence names the month ("in December 2024"); the date is the month's first day.
    Month,
    /// The sentence names the year or a span of years; the date is the first day of the year.
    Year,
    /// Nothing in the sentence: the document's date.
    Document,
}

impl DatePrecision {
    /// The label as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Document => "document",
        }
    }
}

/// Parse `YYYY-MM-DD` (also accepts `YYYYMMDD`, as in PETRARCH records).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y%m%d"))
        .ok()
}

/// Format a date as `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms() {
        assert_eq!(parse_date("2025-01-22"), NaiveDate::from_ymd_opt(2025, 1, 22));
        assert_eq!(parse_date("20250122"), NaiveDate::from_ymd_opt(2025, 1, 22));
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("yesterday"), None);
    }
}
