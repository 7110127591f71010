//! Date expressions in a sentence, resolved against a reference date (the document's, or the
//! date of a quoted transcript).
//!
//! Understood: "yesterday", "today", "tomorrow", "on Monday", "January 17", "17 January 2025",
//! "in December 2024", "in December", "last autumn", "at the end of 2024", "in 2020-2022",
//! "in 2024", "three years ago", "last/this/next year|month|week".
//!
//! All arithmetic is checked: an expression whose date would fall outside chrono's range is
//! not a date (`None`), never a panic. Intake keeps reference dates in 0001-01-01..=9999-12-31
//! ([`demarche_core::dates::MIN_DATE`], [`demarche_core::dates::MAX_DATE`]).

use chrono::{Datelike, Duration, NaiveDate};
use demarche_actors::Token;
use demarche_core::dates::month_number as month_of;
use demarche_core::DatePrecision;

/// A date expression found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    /// Token range of the expression.
    pub tokens: std::ops::Range<usize>,
    /// The date it resolves to.
    pub date: NaiveDate,
    /// How precise the expression is.
    pub precision: DatePrecision,
    /// A bare weekday ("on Tuesday"), resolved to the past; a future event takes the next one.
    pub weekday: bool,
}

use demarche_core::dates::weekday_of;

fn number_word(w: &str) -> Option<i64> {
    let n = match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "several" | "few" => return None,
        _ => return w.parse().ok().filter(|n: &i64| *n > 0 && *n < 1000),
    };
    Some(n)
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() == 4 {
        w.parse().ok().filter(|y| (1900..=2100).contains(y))
    } else {
        None
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A past date's year: the reference year, or the one before when the date would fall more
/// than a week after the reference (news speaks of the recent past).
fn infer_year(reference: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let this = ymd(reference.year(), m, d)?;
    if this > reference.checked_add_signed(Duration::days(7))? {
        ymd(reference.year() - 1, m, d)
    } else {
        Some(this)
    }
}

/// All date expressions of a sentence's tokens.
pub fn find_dates(tokens: &[Token], reference: Option<NaiveDate>) -> Vec<DateExpr> {
    let w = |i: usize| tokens.get(i).map(|t| t.norm.as_str()).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = expr_at(tokens, i, reference, &w);
        match found {
            Some(e) => {
                i = e.tokens.end;
                out.push(e);
            }
            None => i += 1,
        }
    }
    out
}

fn expr_at<'t>(tokens: &'t [Token], i: usize, reference: Option<NaiveDate>, w: &dyn Fn(usize) -> &'t str) -> Option<DateExpr> {
    let day =
        |start: usize, end: usize, date: NaiveDate| DateExpr { tokens: start..end, date, precision: DatePrecision::Day, weekday: false };
    let month =
        |start: usize, end: usize, date: NaiveDate| DateExpr { tokens: start..end, date, precision: DatePrecision::Month, weekday: false };
    let year =
        |start: usize, end: usize, date: NaiveDate| DateExpr { tokens: start..end, date, precision: DatePrecision::Year, weekday: false };
    let word = w(i);
    // Absolute: "17 January 2025", "January 17, 2025", "December 2024", "2020-2022", "in 2024".
    if let Some(m) = month_of(word).filter(|_| tokens[i].case != demarche_actors::Case::Lower) {
        if let Some(d) = w(i + 1).parse::<u32>().ok().filter(|d| (1..=31).contains(d)) {
            let (y_at, end) = if w(i + 2) == "," { (i + 3, i + 4) } else { (i + 2, i + 3) };
            if let Some(y) = year_of(w(y_at)) {
                return ymd(y, m, d).map(|dt| day(i, end, dt));
            }
            return reference.and_then(|r| infer_year(r, m, d)).map(|dt| day(i, i + 2, dt));
        }
        if let Some(y) = year_of(w(i + 1)) {
            return ymd(y, m, 1).map(|dt| month(i, i + 2, dt));
        }
        // "in December": the most recent such month.
        if matches!(w(i.wrapping_sub(1)), "in" | "since" | "during" | "until" | "early" | "late" | "mid" | "last") && m != 5
            || (m == 5 && w(i.wrapping_sub(1)) == "in")
        {
            let r = reference?;
            let y = if m > r.month() { r.year().checked_sub(1)? } else { r.year() };
            return ymd(y, m, 1).map(|dt| month(i, i + 1, dt));
        }
    }
    if let Some(d) = word.parse::<u32>().ok().filter(|d| (1..=31).contains(d) && word.len() <= 2) {
        if let Some(m) = month_of(w(i + 1)).filter(|_| tokens.get(i + 1).is_some_and(|t| t.case != demarche_actors::Case::Lower)) {
            if let Some(y) = year_of(w(i + 2)) {
                return ymd(y, m, d).map(|dt| day(i, i + 3, dt));
            }
            return reference.and_then(|r| infer_year(r, m, d)).map(|dt| day(i, i + 2, dt));
        }
    }
    if let Some(y) = year_of(word) {
        let prev = w(i.wrapping_sub(1));
        let yearish = matches!(prev, "in" | "of" | "during" | "since" | "for" | "until" | "by" | "before" | "after" | "year" | "-");
        if w(i + 1) == "-" {
            if let Some(_y2) = year_of(w(i + 2)) {
                return ymd(y, 1, 1).map(|dt| year(i, i + 3, dt));
            }
        }
        if yearish && !matches!(w(i + 1), "%" | "people" | "troops" | "soldiers" | "km" | "tons" | "tonnes") {
            // "at the end of 2024" / "at the beginning of 2024".
            if prev == "of" && i >= 2 && matches!(w(i - 2), "end" | "beginning" | "start") {
                let m = if w(i - 2) == "end" { 12 } else { 1 };
                let start = if i >= 4 && w(i - 3) == "the" && w(i - 4) == "at" { i - 4 } else { i - 2 };
                return ymd(y, m, 1).map(|dt| month(start, i + 1, dt));
            }
            return ymd(y, 1, 1).map(|dt| year(i, i + 1, dt));
        }
        return None;
    }
    let r = reference?;
    match word {
        "yesterday" => return r.checked_sub_signed(Duration::days(1)).map(|d| day(i, i + 1, d)),
        "today" | "tonight" => return Some(day(i, i + 1, r)),
        "tomorrow" => return r.checked_add_signed(Duration::days(1)).map(|d| day(i, i + 1, d)),
        _ => {}
    }
    if let Some(wd) = weekday_of(word) {
        // The most recent such day before the reference (news reports the past).
        let mut d = r.checked_sub_signed(Duration::days(1))?;
        for _ in 0..7 {
            if d.weekday() == wd {
                break;
            }
            d = d.checked_sub_signed(Duration::days(1))?;
        }
        return Some(DateExpr { weekday: true, ..day(i, i + 1, d) });
    }
    if matches!(word, "last" | "this" | "next" | "past") {
        let unit = w(i + 1);
        let delta: i32 = match word {
            "last" | "past" => -1,
            "next" => 1,
            _ => 0,
        };
        match unit {
            "year" => return ymd(r.year().checked_add(delta)?, 1, 1).map(|dt| year(i, i + 2, dt)),
            "month" => {
                let total = r.year().checked_mul(12)?.checked_add(r.month0() as i32 + delta)?;
                return ymd(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).map(|dt| month(i, i + 2, dt));
            }
            "week" => return r.checked_add_signed(Duration::days(7 * delta as i64)).map(|d| day(i, i + 2, d)),
            "spring" | "summer" | "autumn" | "fall" | "winter" => {
                let start_month = match unit {
                    "spring" => 3,
                    "summer" => 6,
                    "autumn" | "fall" => 9,
                    _ => 12,
                };
                let mut y = r.year();
                if delta == 1 && ymd(r.year(), start_month, 1)? <= r {
                    // The next such season: this year's if it has not begun yet.
                    y = r.year().checked_add(1)?;
                }
                if delta == -1 {
                    // The latest such season that has ended or begun before the reference.
                    let began = ymd(r.year(), start_month, 1)?;
                    y = if began < r.checked_sub_signed(Duration::days(90))? { r.year() } else { r.year().checked_sub(1)? };
                    if unit == "winter" {
                        y = r.year().checked_sub(1)?;
                    }
                }
                return ymd(y, start_month, 1).map(|dt| month(i, i + 2, dt));
            }
            _ => {}
        }
    }
    // "three years ago", "two months ago", "five days ago".
    if let Some(n) = number_word(word) {
        let unit = w(i + 1).trim_end_matches('s');
        if w(i + 2) == "ago" {
            return match unit {
                "year" => ymd(r.year().checked_sub(n as i32)?, 1, 1).map(|dt| year(i, i + 3, dt)),
                "month" => {
                    let total = r.year().checked_mul(12)?.checked_add(r.month0() as i32)?.checked_sub(n as i32)?;
                    ymd(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, 1).map(|dt| month(i, i + 3, dt))
                }
                "week" => r.checked_sub_signed(Duration::days(7 * n)).map(|d| day(i, i + 3, d)),
                "day" => r.checked_sub_signed(Duration::days(n)).map(|d| day(i, i + 3, d)),
                _ => None,
            };
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use demarche_actors::tokenize_phrase;

    fn resolve(s: &str) -> Vec<(String, &'static str)> {
        let toks = tokenize_phrase(s);
        find_dates(&toks, NaiveDate::from_ymd_opt(2025, 1, 22)).into_iter().map(|e| (e.date.to_string(), e.precision.as_str())).collect()
    }

    fn one(s: &str) -> (String, &'static str) {
        resolve(s).into_iter().next().unwrap_or_else(|| panic!("no date in {s:?}"))
    }

    #[test]
    fn the_expressions_the_issue_names() {
        assert_eq!(one("Yesterday in Moscow, talks were held."), ("2025-01-21".into(), "day"));
        assert_eq!(one("They met on Monday."), ("2025-01-20".into(), "day"));
        assert_eq!(one("On January 17, they had a telephone conversation."), ("2025-01-17".into(), "day"));
        assert_eq!(one("They met last autumn and winter."), ("2024-09-01".into(), "month"));
        assert_eq!(one("At the end of 2024, the commission met."), ("2024-12-01".into(), "month"));
        assert_eq!(one("Agreements were signed in December 2024."), ("2024-12-01".into(), "month"));
        assert_eq!(one("Agreements reached in 2020-2022 hold."), ("2020-01-01".into(), "year"));
        assert_eq!(one("But three years ago, it was different."), ("2022-01-01".into(), "year"));
    }

    #[test]
    fn more_forms() {
        assert_eq!(one("On 17 January 2024 they met."), ("2024-01-17".into(), "day"));
        assert_eq!(one("On December 30 they met."), ("2024-12-30".into(), "day"));
        assert_eq!(one("They met in March."), ("2024-03-01".into(), "month"));
        assert_eq!(one("Two days ago they met."), ("2025-01-20".into(), "day"));
        assert_eq!(one("They will meet tomorrow."), ("2025-01-23".into(), "day"));
        assert_eq!(one("Trade grew last year."), ("2024-01-01".into(), "year"));
        assert_eq!(one("I will visit next spring."), ("2025-03-01".into(), "month"));
        assert_eq!(one("I will visit next winter."), ("2025-12-01".into(), "month"));
        assert!(resolve("They may meet; 2024 troops were sent.").is_empty());
    }

    #[test]
    fn extreme_reference_dates_do_not_panic() {
        let text = "Yesterday, today, tomorrow, on Monday, on December 30, in December, last year, next year, \
                    last month, next month, last week, next week, last autumn, next winter, three years ago, \
                    two months ago, five weeks ago, ten days ago.";
        let toks = tokenize_phrase(text);
        for r in [NaiveDate::MIN, NaiveDate::MAX, demarche_core::dates::MIN_DATE, demarche_core::dates::MAX_DATE] {
            let found = find_dates(&toks, Some(r));
            assert!(found.len() <= toks.len());
        }
    }
}
