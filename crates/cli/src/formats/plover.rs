//! `--format plover`: PLOVER/POLECAT-style JSON Lines, one event a line: PLOVER event type,
//! mode and context (from the CAMEO code, `data/cameo/events.tsv`, CAMEO2PLOVER-2021), source
//! and target actors with their words, CAMEO code, country and PLOVER sectors, the event's
//! words, sentence, date and id. CAMEO codes PLOVER drops (01x, 02x) give no record. The JSON
//! Schema is `docs/plover.schema.json`; the fields are documented in docs/formats.md.

use super::actor::parts;
use super::EventView;
use serde_json::{json, Value};

/// Version of the PLOVER definitions the records follow (PLOVER manual, 2024).
pub const PLOVER_VERSION: &str = "PLOVER manual 2024-02-04 (CAMEO2PLOVER-2021 mapping)";

const PLOVER: &str = include_str!("../../../../data/formats/plover_events.tsv");

/// The values of one kind (`event`, `mode`, `context`) in `data/formats/plover_events.tsv`.
pub fn vocabulary(kind: &str) -> Vec<&'static str> {
    PLOVER.lines().filter_map(|l| l.split('\t').collect::<Vec<_>>().get(..3).filter(|c| c[0] == kind).map(|c| c[2])).collect()
}

/// True for one of PLOVER's 16 event types.
pub fn is_event_type(t: &str) -> bool {
    static TYPES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| vocabulary("event")).contains(&t)
}

/// The PLOVER (event, mode, context) of a CAMEO code, falling back to its parent codes; `None`
/// when PLOVER drops the code (01x, 02x) or the mapping is ambiguous (root 08 alone is CONCEDE or
/// RETREAT depending on its sub-code).
pub fn plover_of(code: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let table = demarche_core::CameoTable::builtin();
    let mut c = code;
    while !c.is_empty() {
        if let Some(e) = table.get(c) {
            if is_event_type(&e.plover) {
                return Some((&e.plover, &e.plover_mode, &e.plover_context));
            }
        }
        c = &c[..c.len() - 1];
    }
    None
}

fn actor(code: &str, country: &str, text: &str) -> Value {
    if code.is_empty() {
        return Value::Null;
    }
    let p = parts(code, country);
    json!({
        "text": text,
        "code": code,
        "country": if p.country.is_empty() { country } else { p.country.as_str() },
        "sector": p.sectors,
    })
}

/// One event as a PLOVER record, or `None` when PLOVER has no type for its CAMEO code.
pub fn record(e: &EventView<'_>) -> Option<Value> {
    let (event, mode, context) = plover_of(e.code)?;
    // PLOVER's auxiliary modes for events demarche keeps marked (--include-negated).
    let aux = match (e.negated, e.modality) {
        (false, _) => None,
        (true, "hypothetical") => Some("hypothetical"),
        (true, _) => Some("negation"),
    };
    Some(json!({
        "id": e.id().to_string(),
        "date": e.date,
        "date_precision": e.date_precision,
        "event": event,
        "mode": mode,
        "context": if context.is_empty() { vec![] } else { context.split(['|', ';', ',']).map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>() },
        "auxiliary_mode": aux,
        "source": actor(e.source, e.source_country, e.source_text),
        "target": actor(e.target, e.target_country, e.target_text),
        "event_text": e.event_text,
        "sentence": e.sentence,
        "cameo": e.code,
        "goldstein": e.goldstein,
        "doc": e.doc,
        "url": e.url,
        "line": e.line,
        "section": e.section,
        "speaker": e.speaker,
        "version": PLOVER_VERSION,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mapped_code_gives_a_plover_type() {
        assert_eq!(vocabulary("event").len(), 16);
        let mut mapped = 0;
        for root in 3..=20 {
            for code in [format!("{root:02}0"), format!("{root:02}1"), format!("{root:02}2")] {
                if let Some((t, m, _)) = plover_of(&code) {
                    assert!(is_event_type(t), "{code}: {t}");
                    assert!(m.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{code}: mode {m}");
                    mapped += 1;
                }
            }
        }
        assert!(mapped > 45, "{mapped}");
        assert_eq!(plover_of("010"), None, "PLOVER drops CAMEO 01x");
        assert_eq!(plover_of("040").map(|p| p.0), Some("CONSULT"));
    }

    #[test]
    fn a_coded_event_as_plover() {
        let coder = demarche_events::Coder::builtin().expect("coder");
        let coded = coder.code(
            "d1",
            "Yesterday Sergey Lavrov held talks with Ararat Mirzoyan in Moscow.",
            None,
            demarche_core::dates::parse_date("2025-01-22"),
        );
        let r = record(&EventView::coded(&coded.events[0], Some("https://example.org/a"))).expect("plover");
        assert_eq!(r["event"], "CONSULT");
        assert_eq!(r["source"]["code"], "RUSGOV");
        assert_eq!(r["source"]["sector"], json!(["GOV"]));
        assert_eq!(r["target"]["country"], "ARM");
        assert_eq!(r["date"], "2025-01-21");
        assert_eq!(r["url"], "https://example.org/a");
    }
}
