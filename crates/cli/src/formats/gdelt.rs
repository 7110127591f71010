//! `--format gdelt`: the GDELT 2.0 event table, 61 tab-separated columns in GDELT's order, no
//! header, blank where demarche has no value (docs/formats.md lists what fills each column).

use super::actor::parts;
use super::EventView;
use chrono::Datelike;
use std::io::Write;

/// GDELT 2.0's event table columns, in order (GDELT 2.0 Event Database codebook).
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// What a row needs beyond the event: counts over the run or the store, and the write time.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// `IsRootEvent`: the event is in the headline or the document's lead sentence.
    pub is_root: bool,
    /// `NumMentions`: events with the same date, actors and code.
    pub mentions: Option<u64>,
    /// `NumSources`: distinct publishers among them.
    pub sources: Option<u64>,
    /// `NumArticles`: distinct documents among them.
    pub articles: Option<u64>,
    /// `DATEADDED`.
    pub date_added: &'a str,
}

/// One event as GDELT's 61 cells.
pub fn row(e: &EventView<'_>, cx: &Context<'_>) -> Vec<String> {
    let mut r = Vec::with_capacity(COLUMNS.len());
    let date = e.date.and_then(demarche_core::dates::parse_date);
    r.push(e.id().to_string());
    r.push(date.map(|d| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())).unwrap_or_default());
    r.push(date.map(|d| format!("{:04}{:02}", d.year(), d.month())).unwrap_or_default());
    r.push(date.map(|d| format!("{:04}", d.year())).unwrap_or_default());
    r.push(date.map(|d| format!("{:.4}", demarche_core::dates::fraction_date(d))).unwrap_or_default());
    for (code, country, text) in [(e.source, e.source_country, e.source_text), (e.target, e.target_country, e.target_text)] {
        let p = parts(code, country);
        r.push(code.to_string());
        r.push(if code.is_empty() { String::new() } else { text.to_uppercase() });
        r.push(p.country);
        r.push(p.known_group);
        r.push(p.ethnic);
        let [r1, r2] = p.religion;
        r.extend([r1, r2]);
        r.extend(p.types);
    }
    r.push(if cx.is_root { "1" } else { "0" }.to_string());
    r.push(e.code.to_string());
    r.push(e.code.get(..3).unwrap_or(e.code).to_string());
    r.push(e.root.to_string());
    r.push(e.quad_class.to_string());
    r.push(format!("{}", e.goldstein));
    for n in [cx.mentions, cx.sources, cx.articles] {
        r.push(n.map(|n| n.to_string()).unwrap_or_default());
    }
    r.push(String::new()); // AvgTone
    r.extend(std::iter::repeat_n(String::new(), 24)); // Actor1Geo_*, Actor2Geo_*, ActionGeo_*
    r.push(cx.date_added.to_string());
    r.push(e.url.unwrap_or(e.doc).to_string());
    debug_assert_eq!(r.len(), COLUMNS.len());
    r
}

/// Write one row: tab-separated, tabs and line breaks inside a cell turned into spaces.
pub fn write(out: &mut dyn Write, cells: &[String]) -> std::io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\t")?;
        }
        if c.contains(['\t', '\n', '\r']) {
            out.write_all(c.replace(['\t', '\n', '\r'], " ").as_bytes())?;
        } else {
            out.write_all(c.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_one_columns_in_gdelt_order() {
        let coder = demarche_events::Coder::builtin().expect("coder");
        let coded = coder.code(
            "d1",
            "Yesterday Sergey Lavrov held talks with Ararat Mirzoyan in Moscow.",
            None,
            demarche_core::dates::parse_date("2025-01-22"),
        );
        let e = &coded.events[0];
        let cx = Context { is_root: true, mentions: Some(1), sources: Some(0), articles: Some(1), date_added: "20250122000000" };
        let r = row(&EventView::coded(e, None), &cx);
        assert_eq!(r.len(), 61);
        let col = |name: &str| r[COLUMNS.iter().position(|c| *c == name).expect("column")].as_str();
        assert_eq!((col("SQLDATE"), col("MonthYear"), col("Year"), col("FractionDate")), ("20250121", "202501", "2025", "2025.1397"));
        assert_eq!((col("Actor1Code"), col("Actor1CountryCode"), col("Actor1Type1Code")), ("RUSGOV", "RUS", "GOV"));
        assert_eq!((col("Actor2Code"), col("Actor2CountryCode"), col("Actor2Type1Code")), ("ARMGOV", "ARM", "GOV"));
        assert_eq!((col("EventCode"), col("EventBaseCode"), col("EventRootCode"), col("IsRootEvent")), ("040", "040", "04", "1"));
        assert_eq!(col("Actor1Name"), "SERGEY LAVROV");
        assert_eq!((col("DATEADDED"), col("SOURCEURL")), ("20250122000000", "d1"));
        let mut out = Vec::new();
        write(&mut out, &r).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8").trim_end_matches('\n').split('\t').count(), 61);
    }
}
