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

/// The first date demarche accepts: 0001-01-01. Dates outside [`MIN_DATE`, `MAX_DATE`] are
/// errors at intake (command line, JSON Lines, PETRARCH XML, HTTP), so date arithmetic on
/// sentence dates ("three years ago", "next week") never leaves chrono's range.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// The last date demarche accepts: 9999-12-31.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Parse `YYYY-MM-DD` (also accepts `YYYYMMDD`, as in PETRARCH records). Only four-digit
/// years in 0001–9999 ([`MIN_DATE`]..=[`MAX_DATE`]); signs, five-digit years and anything
/// else are `None`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape_ok = match b.len() {
        10 => b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() }),
        8 => b.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y%m%d"))
        .ok()
        .filter(|d| (MIN_DATE..=MAX_DATE).contains(d))
}

/// English month names, in order: the one list every reader of dates uses.
pub const MONTH_NAMES: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// The month (1–12) a word names: a full name or a usual abbreviation, any case, with or without
/// its period ("April", "APR", "Sept.", "sep"). "May" is a month here: callers decide from context
/// whether a capitalised "May" is one.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    let w = w.to_ascii_lowercase();
    if let Some(i) = MONTH_NAMES.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    if w == "sept" {
        return Some(9);
    }
    MONTH_NAMES.iter().position(|m| w.len() == 3 && m.starts_with(w.as_str())).map(|i| i as u32 + 1)
}

/// The weekday a lower-case English day name names ("monday" .. "sunday").
pub fn weekday_of(word: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday::*;
    Some(match word {
        "monday" => Mon,
        "tuesday" => Tue,
        "wednesday" => Wed,
        "thursday" => Thu,
        "friday" => Fri,
        "saturday" => Sat,
        "sunday" => Sun,
        _ => return None,
    })
}

/// Format a date as `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// GDELT's `FractionDate`: year + (month × 30 + day) / 365, rounded to four decimals (GDELT 2.0
/// Event codebook; an approximation GDELT keeps, so 2025-12-31 gives 2026.0712).
pub fn fraction_date(d: NaiveDate) -> f64 {
    use chrono::Datelike;
    let f = f64::from(d.year()) + f64::from(d.month() * 30 + d.day()) / 365.0;
    (f * 10000.0).round() / 10000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names() {
        for (w, m) in [("April", 4), ("APR", 4), ("apr.", 4), ("Sept.", 9), ("sep", 9), ("may", 5), ("December", 12), ("jun", 6)] {
            assert_eq!(month_number(w), Some(m), "{w}");
        }
        for w in ["", "ma", "mayo", "septembre", "Aprils", "jün"] {
            assert_eq!(month_number(w), None, "{w}");
        }
    }

    #[test]
    fn fraction_date_as_gdelt() {
        assert_eq!(fraction_date(NaiveDate::from_ymd_opt(2025, 1, 22).expect("date")), 2025.1425);
        assert_eq!(fraction_date(NaiveDate::from_ymd_opt(2025, 12, 31).expect("date")), 2026.0712);
    }

    #[test]
    fn parses_both_forms() {
        assert_eq!(parse_date("2025-01-22"), NaiveDate::from_ymd_opt(2025, 1, 22));
        assert_eq!(parse_date("20250122"), NaiveDate::from_ymd_opt(2025, 1, 22));
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn only_years_0001_to_9999() {
        assert_eq!(parse_date("0001-01-01"), Some(MIN_DATE));
        assert_eq!(parse_date("9999-12-31"), Some(MAX_DATE));
        for bad in ["0000-12-31", "00000101", "+10000-01-01", "-0001-01-01", "262143-12-31", "-262143-01-01", "2025-1-2", "2025-01-22x"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
