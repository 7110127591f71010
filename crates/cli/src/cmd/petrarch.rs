//! PETRARCH2's tab-separated event output (`--format petrarch`). Coding with TABARI/PETRARCH
//! dictionaries is `demarche_events::PetrarchCoder`, loaded by `cmd::load_coder`.

use demarche_events::Event;
use std::io::Write;

/// PETRARCH2's event line: date, source, target, code, issues, id, source name (the document's
/// agency), source text, target text, verb text.
pub fn write_petrarch(out: &mut impl Write, ev: &Event, agency: &str) -> std::io::Result<()> {
    let date = ev.date.as_deref().map(|d| d.replace('-', "")).unwrap_or_default();
    let target = if ev.target.is_empty() { "---" } else { &ev.target };
    let cells =
        [date.as_str(), &ev.source, target, &ev.code, &ev.issues, &ev.doc, agency, &ev.source_text, &ev.target_text, &ev.event_text];
    let cells: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect();
    writeln!(out, "{}", cells.join("\t"))
}
