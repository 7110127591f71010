//! The native half of the `demarche` Python package (module `demarche._native`).
//!
//! A thin layer: a `Coder` class that loads the dictionaries once and returns the CLI's records
//! as JSON text (the Python half turns them into dicts and DataFrames), with byte offsets turned
//! into character offsets so `text[start:end]` works in Python. Errors become
//! `demarche.DemarcheError` with the CLI's messages.

use pyo3::prelude::*;
use serde_json::Value;

pyo3::create_exception!(_native, DemarcheError, pyo3::exceptions::PyValueError, "An error of demarche, with the CLI's message.");

fn err(e: impl std::fmt::Display) -> PyErr {
    DemarcheError::new_err(e.to_string())
}

fn parse_date(date: Option<&str>) -> PyResult<Option<chrono::NaiveDate>> {
    match date.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) => demarche_core::dates::parse_date(d).map(Some).ok_or_else(|| err(format!("{d:?} is not a date in YYYY-MM-DD form"))),
    }
}

/// Byte offset → character offset for one text.
struct CharIndex(Vec<usize>);

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut map = vec![0; text.len() + 1];
        let mut chars = 0;
        for (b, c) in text.char_indices() {
            for slot in map.iter_mut().skip(b).take(c.len_utf8()) {
                *slot = chars;
            }
            chars += 1;
        }
        map[text.len()] = chars;
        CharIndex(map)
    }

    fn fix(&self, v: &mut Value) {
        for key in ["start", "end"] {
            if let Some(b) = v.get(key).and_then(Value::as_u64) {
                let c = self.0.get(b as usize).copied().unwrap_or(b as usize);
                v[key] = Value::from(c);
            }
        }
    }
}

/// A reusable coder: dictionaries are loaded once.
#[pyclass(frozen, module = "demarche._native")]
struct Coder {
    inner: demarche_events::Coder,
}

#[pymethods]
impl Coder {
    #[new]
    #[pyo3(signature = (dictionaries=None, allow_one_sided=false, include_negated=false))]
    fn new(dictionaries: Option<&str>, allow_one_sided: bool, include_negated: bool) -> PyResult<Coder> {
        let mut kb = demarche_actors::KnowledgeBase::builtin().map_err(err)?;
        let mut dict = demarche_events::VerbDictionary::builtin().map_err(err)?;
        if let Some(dir) = dictionaries {
            let path = std::path::Path::new(dir);
            let files: Vec<std::path::PathBuf> = if path.is_dir() {
                let mut v: Vec<_> = std::fs::read_dir(path).map_err(|e| err(format!("{dir}: cannot read: {e}")))?.flatten().map(|e| e.path()).collect();
                v.sort();
                v
            } else {
                vec![path.to_path_buf()]
            };
            for f in files {
                match f.extension().and_then(|e| e.to_str()) {
                    Some("tsv") => kb.add_path(&f).map_err(err)?,
                    Some("txt") => {
                        let text = std::fs::read_to_string(&f).map_err(|e| err(format!("{}: cannot read: {e}", f.display())))?;
                        dict.add_patterns(&f.display().to_string(), &text).map_err(err)?;
                    }
                    _ => {}
                }
            }
        }
        let mut inner = demarche_events::Coder::new(dict, kb);
        inner.options.allow_one_sided = allow_one_sided;
        inner.options.include_negated = include_negated;
        Ok(Coder { inner })
    }

    /// Events of a text, as a JSON array of the CLI's flat records.
    #[pyo3(signature = (text, date=None, doc="text", title=None))]
    fn code_json(&self, text: &str, date: Option<&str>, doc: &str, title: Option<&str>) -> PyResult<String> {
        let date = parse_date(date)?;
        let coded = self.inner.code(doc, text, title, date);
        let idx = CharIndex::new(text);
        let mut rows: Vec<Value> = coded.events.iter().map(|e| serde_json::to_value(e).unwrap_or(Value::Null)).collect();
        for r in &mut rows {
            idx.fix(r);
        }
        Ok(Value::Array(rows).to_string())
    }

    /// Sentences with section and speaker, as JSON.
    #[pyo3(signature = (text, doc="text", title=None))]
    fn segment_json(&self, text: &str, doc: &str, title: Option<&str>) -> PyResult<String> {
        let idx = CharIndex::new(text);
        let rows: Vec<Value> = demarche_segment::segment(text, title)
            .iter()
            .map(|s| {
                let mut v = serde_json::json!({
                    "doc": doc, "line": s.line, "start": s.span.start, "end": s.span.end,
                    "section": s.section.as_str(), "speaker": s.speaker, "text": s.span.slice(text)
                });
                idx.fix(&mut v);
                v
            })
            .collect();
        Ok(Value::Array(rows).to_string())
    }

    /// Actor mentions, as JSON.
    #[pyo3(signature = (text, date=None, doc="text", title=None))]
    fn actors_json(&self, text: &str, date: Option<&str>, doc: &str, title: Option<&str>) -> PyResult<String> {
        let date = parse_date(date)?;
        let sentences = demarche_segment::segment(text, title);
        let found = demarche_actors::analyze(&self.inner.kb, text, &sentences, date);
        let lines = demarche_core::LineIndex::new(text);
        let idx = CharIndex::new(text);
        let mut rows = Vec::new();
        for (s, a) in sentences.iter().zip(&found) {
            for m in &a.mentions {
                let mut v = serde_json::json!({
                    "doc": doc, "line": lines.line_of(m.span.start), "start": m.span.start, "end": m.span.end,
                    "text": m.span.slice(text), "code": m.code, "country": m.country, "role": m.role, "kind": m.kind,
                    "resolved_from": m.resolved_from, "compound": m.compound, "section": s.section.as_str()
                });
                idx.fix(&mut v);
                rows.push(v);
            }
        }
        Ok(Value::Array(rows).to_string())
    }

    /// Number of verb patterns loaded.
    fn pattern_count(&self) -> usize {
        self.inner.dictionary.len()
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()?;
    m.add("DemarcheError", m.py().get_type::<DemarcheError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
