//! The native half of the `demarche` Python package (module `demarche._native`).
//!
//! A thin layer: a `Coder` class that loads the dictionaries once and returns the CLI's records
//! as Python objects built directly from the Rust records (`record`: no JSON in between): a list
//! of dicts (`code`, `code_many`) or a dict of column lists (`code_columns`, which the Python half
//! turns into an Arrow record batch). Coding runs with the GIL released (`Python::detach`, PyO3's
//! name for `allow_threads`), `code_many` and `code_columns` in parallel over the documents.
//! Byte offsets become character offsets so `text[start:end]` works in Python. Errors become
//! `demarche.DemarcheError` with the CLI's messages.

mod arrow;
mod record;

use demarche_events::EventCoder;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString};
use rayon::prelude::*;
use record::{Cell, Record};
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
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

    fn char_of(&self, byte: usize) -> usize {
        self.0.get(byte).copied().unwrap_or(byte)
    }

    fn fix(&self, v: &mut Value) {
        for key in ["start", "end"] {
            if let Some(b) = v.get(key).and_then(Value::as_u64) {
                v[key] = Value::from(self.char_of(b as usize));
            }
        }
    }
}

/// A reusable coder: dictionaries are loaded once, by the loader the CLI uses
/// (`demarche_events::load`): the built-in patterns, TABARI/PETRARCH dictionaries, or both.
#[pyclass(frozen, module = "demarche._native")]
struct Coder {
    inner: Box<dyn demarche_events::EventCoder>,
}

#[pymethods]
impl Coder {
    #[new]
    #[pyo3(signature = (dictionaries=None, allow_one_sided=false, include_negated=false, *, dictionary_config=None, options=None, mode="auto", with_builtin=false, actors=None, verbs=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        dictionaries: Option<std::path::PathBuf>,
        allow_one_sided: bool,
        include_negated: bool,
        dictionary_config: Option<std::path::PathBuf>,
        options: Option<std::collections::BTreeMap<String, String>>,
        mode: &str,
        with_builtin: bool,
        actors: Option<Vec<std::path::PathBuf>>,
        verbs: Option<Vec<std::path::PathBuf>>,
    ) -> PyResult<Coder> {
        // The old meaning of `dictionaries=` (before it took PETRARCH folders, as the CLI's
        // `--dictionaries` does) is kept: a demarche actor or pattern file, or a folder holding
        // demarche actor files (`.tsv`, which PETRARCH folders never hold), adds to the built-in
        // knowledge as `actors=`/`verbs=` do.
        let (mut actors, mut verbs) = (actors.unwrap_or_default(), verbs.unwrap_or_default());
        let dictionaries = match dictionaries {
            Some(path) if is_demarche_knowledge(&path) => {
                for f in knowledge_files(&path).map_err(err)? {
                    match f.extension().and_then(|e| e.to_str()) {
                        Some("tsv") => actors.push(f),
                        Some("txt") => verbs.push(f),
                        _ => {}
                    }
                }
                None
            }
            other => other,
        };
        let source = match (dictionaries, dictionary_config) {
            (Some(_), Some(_)) => return Err(err("give dictionaries or dictionary_config, not both")),
            (Some(dir), None) => Some(demarche_events::DictionarySource::Folder(dir)),
            (None, Some(cfg)) => Some(demarche_events::DictionarySource::Config(cfg)),
            (None, None) => None,
        };
        let mode = match mode {
            "auto" => None,
            m => Some(m.parse::<demarche_petrarch::Mode>().map_err(|_| err(format!("mode {m:?}: expected auto, tree or text")))?),
        };
        let petrarch = source.map(|source| demarche_events::PetrarchSpec {
            source,
            options: options.unwrap_or_default().into_iter().collect(),
            mode,
            with_builtin,
        });
        let builtin = demarche_events::BuiltinSpec {
            actors,
            verbs,
            options: demarche_events::CoderOptions { allow_one_sided, include_negated, ..Default::default() },
            ..Default::default()
        };
        let loaded = demarche_events::load(&demarche_events::CoderSpec { builtin, petrarch }).map_err(err)?;
        Ok(Coder { inner: loaded.coder })
    }

    /// What the coder codes with: `built-in patterns`, `PETRARCH dictionaries` or `PETRARCH
    /// dictionaries + built-in`.
    fn describe(&self) -> &'static str {
        self.inner.describe()
    }

    /// Events of a text: a list of dicts, the CLI's flat records (GIL released while coding).
    #[pyo3(signature = (text, date=None, doc="text", title=None))]
    fn code<'py>(&self, py: Python<'py>, text: &str, date: Option<&str>, doc: &str, title: Option<&str>) -> PyResult<Bound<'py, PyList>> {
        let date = parse_date(date)?;
        let rows = py.detach(|| self.records(doc, text, title, date)).map_err(err)?;
        dicts(py, rows.iter())
    }

    /// Events of a text as a JSON array of the CLI's flat records (the former interface, kept
    /// for callers that want text; `code` builds the dicts directly and is faster).
    #[pyo3(signature = (text, date=None, doc="text", title=None))]
    fn code_json(&self, py: Python<'_>, text: &str, date: Option<&str>, doc: &str, title: Option<&str>) -> PyResult<String> {
        let date = parse_date(date)?;
        py.detach(|| {
            let coded = self.inner.code(doc, text, title, date);
            let idx = CharIndex::new(text);
            let mut rows: Vec<Value> = coded.events.iter().map(|e| serde_json::to_value(e).unwrap_or(Value::Null)).collect();
            for r in &mut rows {
                idx.fix(r);
            }
            Ok(Value::Array(rows).to_string())
        })
    }

    /// Events of many texts, coded in parallel with the GIL released: one flat list of dicts.
    /// `dates` and `docs` (default: the text's index) are parallel to `texts`; a `None` text
    /// has no events, a `None` or empty date leaves its events undated. `threads=0`: all cores.
    #[pyo3(signature = (texts, dates=None, docs=None, titles=None, threads=0))]
    fn code_many<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Option<String>>,
        dates: Option<Vec<Option<String>>>,
        docs: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        let mut builder = DictBuilder::default();
        self.code_each(py, texts, dates, docs, titles, threads, |rows| {
            for row in &rows {
                list.append(builder.dict(py, row)?)?;
            }
            Ok(())
        })?;
        Ok(list)
    }

    /// Like `code_many`, as columns: a dict from field name to a list of values (empty when no
    /// event was found). The Python half turns it into an Arrow record batch.
    #[pyo3(signature = (texts, dates=None, docs=None, titles=None, threads=0))]
    fn code_columns<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Option<String>>,
        dates: Option<Vec<Option<String>>>,
        docs: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        let mut names: Vec<&'static str> = Vec::new();
        let mut columns: Vec<Vec<Bound<'py, PyAny>>> = Vec::new();
        self.code_each(py, texts, dates, docs, titles, threads, |rows| {
            for row in &rows {
                if names.is_empty() {
                    names = row.iter().map(|(k, _)| *k).collect();
                    columns = names.iter().map(|_| Vec::new()).collect();
                }
                if row.len() != names.len() || row.iter().zip(&names).any(|((k, _), n)| k != n) {
                    return Err(err("records of different shapes"));
                }
                for ((_, cell), col) in row.iter().zip(columns.iter_mut()) {
                    col.push(to_py(py, cell)?);
                }
            }
            Ok(())
        })?;
        for (name, col) in names.into_iter().zip(columns) {
            out.set_item(PyString::intern(py, name), PyList::new(py, col)?)?;
        }
        Ok(out)
    }

    /// Like `code_many`, as one Arrow record batch built natively (no Python object per value)
    /// and handed over through the Arrow C data interface: `(schema, array)` PyCapsules, what
    /// `__arrow_c_array__` returns. `types` gives the Arrow type of known fields by name
    /// (`string`, `int64`, `int32`, `float64`, `bool_`, as `demarche.EVENT_COLUMNS`); other fields
    /// are typed by their values. With no event, the batch has the columns of `types`.
    #[pyo3(signature = (texts, dates=None, docs=None, titles=None, threads=0, types=Vec::new()))]
    #[allow(clippy::too_many_arguments)]
    fn code_arrow_c<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Option<String>>,
        dates: Option<Vec<Option<String>>>,
        docs: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        threads: usize,
        types: Vec<(String, String)>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let mut per_doc = Vec::with_capacity(texts.len());
        self.code_each(py, texts, dates, docs, titles, threads, |rows| {
            per_doc.push(rows);
            Ok(())
        })?;
        let (array, schema) = py.detach(|| arrow::to_c(&per_doc, &types)).map_err(err)?;
        Ok((PyCapsule::new_with_value(py, schema, c"arrow_schema")?, PyCapsule::new_with_value(py, array, c"arrow_array")?))
    }

    /// Sentences with section and speaker: a list of dicts.
    #[pyo3(signature = (text, doc="text", title=None))]
    fn segment<'py>(&self, py: Python<'py>, text: &str, doc: &str, title: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
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
        value_to_py(py, &Value::Array(rows))
    }

    /// Actor mentions: a list of dicts.
    #[pyo3(signature = (text, date=None, doc="text", title=None))]
    fn actors<'py>(&self, py: Python<'py>, text: &str, date: Option<&str>, doc: &str, title: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let date = parse_date(date)?;
        let ctx = demarche_segment::Context { title, ..demarche_segment::Context::default() };
        let segmented = demarche_segment::segment_document(text, &ctx);
        let kb = self.inner.knowledge_base().ok_or_else(|| {
            err("actors() needs demarche's knowledge base: this coder has PETRARCH dictionaries only (pass with_builtin=True)")
        })?;
        let lines = demarche_core::LineIndex::new(text);
        let idx = CharIndex::new(text);
        let mut rows = Vec::new();
        for (m, section) in demarche_actors::document_mentions(kb, text, &segmented, date, &ctx) {
            let mut v = serde_json::json!({
                "doc": doc, "line": lines.line_of(m.span.start), "start": m.span.start, "end": m.span.end,
                "text": m.span.slice(text), "code": m.code, "country": m.country, "role": m.role, "kind": m.kind,
                "resolved_from": m.resolved_from, "compound": m.compound, "section": section.as_str()
            });
            idx.fix(&mut v);
            rows.push(v);
        }
        value_to_py(py, &Value::Array(rows))
    }

    /// Number of verb patterns loaded.
    fn pattern_count(&self) -> usize {
        self.inner.pattern_count()
    }
}

impl Coder {
    /// One document's events as records with character offsets. Needs no GIL.
    fn records(&self, doc: &str, text: &str, title: Option<&str>, date: Option<chrono::NaiveDate>) -> Result<Vec<Record>, record::Error> {
        let coded = self.inner.code(doc, text, title, date);
        let idx = CharIndex::new(text);
        coded
            .events
            .iter()
            .map(|e| {
                let mut r = record::record(e)?;
                for (k, v) in r.iter_mut() {
                    if let ("start" | "end", Cell::Int(b)) = (*k, &*v) {
                        *v = Cell::Int(idx.char_of(*b as usize) as i64);
                    }
                }
                Ok(r)
            })
            .collect()
    }

    /// Code parallel lists of texts, dates, ids and titles; `sink` receives each document's
    /// records in document order, with the GIL held.
    ///
    /// With one thread, coding runs first (GIL released) and the records are handed over after.
    /// With more, the documents are coded on the thread pool in the background while this thread
    /// hands over the finished ones: building the Python objects (a fifth of the work for short
    /// documents) overlaps the coding instead of following it. After an error (of a record or
    /// of `sink`) the remaining documents are skipped and the first error is returned.
    #[allow(clippy::too_many_arguments)]
    fn code_each(
        &self,
        py: Python<'_>,
        texts: Vec<Option<String>>,
        dates: Option<Vec<Option<String>>>,
        docs: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        threads: usize,
        mut sink: impl FnMut(Vec<Record>) -> PyResult<()>,
    ) -> PyResult<()> {
        let n = texts.len();
        for (name, v) in [("dates", dates.as_ref()), ("docs", docs.as_ref()), ("titles", titles.as_ref())] {
            if let Some(v) = v {
                if v.len() != n {
                    return Err(err(format!("{name} has {} items, texts has {n}", v.len())));
                }
            }
        }
        let parsed: Vec<Option<chrono::NaiveDate>> = match &dates {
            None => vec![None; n],
            Some(ds) => ds.iter().map(|d| parse_date(d.as_deref())).collect::<PyResult<_>>()?,
        };
        let stop = AtomicBool::new(false);
        let get = |v: &Option<Vec<Option<String>>>, i: usize| v.as_ref().and_then(|v| v[i].clone());
        let one = |i: usize| -> Result<Vec<Record>, record::Error> {
            let Some(text) = texts[i].as_deref() else { return Ok(Vec::new()) };
            if stop.load(Ordering::Relaxed) {
                return Ok(Vec::new());
            }
            let doc = get(&docs, i).unwrap_or_else(|| i.to_string());
            self.records(&doc, text, get(&titles, i).as_deref(), parsed[i])
        };
        if threads == 1 || n < 2 {
            let all: Result<Vec<Vec<Record>>, record::Error> = py.detach(|| (0..n).map(one).collect());
            return all.map_err(err)?.into_iter().try_for_each(sink);
        }
        let pool = match threads {
            0 => None,
            t => Some(rayon::ThreadPoolBuilder::new().num_threads(t).build().map_err(err)?),
        };
        let (tx, mut rx) = mpsc::channel::<(usize, Result<Vec<Record>, record::Error>)>();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let run = move || (0..n).into_par_iter().for_each_with(tx, |tx, i| drop(tx.send((i, one(i)))));
                match &pool {
                    Some(pool) => pool.install(run),
                    None => run(),
                }
            });
            // Results arrive in any order: they wait in `pending` until their turn.
            let mut pending: Vec<Option<Result<Vec<Record>, record::Error>>> = (0..n).map(|_| None).collect();
            let (mut next, mut first_error) = (0, None);
            while next < n {
                let received = match rx.try_recv() {
                    Ok(item) => Some(item),
                    Err(mpsc::TryRecvError::Empty) => {
                        // Wait without the GIL (the receiver is moved in and back: it is not Sync).
                        let (back, item) = py.detach(move || {
                            let item = rx.recv().ok();
                            (rx, item)
                        });
                        rx = back;
                        item
                    }
                    Err(mpsc::TryRecvError::Disconnected) => None,
                };
                let Some((i, result)) = received else { break };
                pending[i] = Some(result);
                while let Some(result) = pending.get_mut(next).and_then(Option::take) {
                    next += 1;
                    if first_error.is_none() {
                        if let Err(e) = result.map_err(err).and_then(&mut sink) {
                            stop.store(true, Ordering::Relaxed);
                            first_error = Some(e);
                        }
                    }
                }
            }
            first_error.map_or(Ok(()), Err)
        })
    }
}

/// A Python value of a cell.
fn to_py<'py>(py: Python<'py>, cell: &Cell) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::Null => py.None().into_bound(py),
        Cell::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Cell::Int(i) => i.into_pyobject(py)?.into_any(),
        Cell::Float(f) => f.into_pyobject(py)?.into_any(),
        Cell::Str(s) => PyString::new(py, s).into_any(),
    })
}

/// A list of dicts of records.
fn dicts<'a, 'py>(py: Python<'py>, rows: impl Iterator<Item = &'a Record>) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    let mut builder = DictBuilder::default();
    for row in rows {
        list.append(builder.dict(py, row)?)?;
    }
    Ok(list)
}

/// Builds the dicts of records, interning each field name once.
#[derive(Default)]
struct DictBuilder<'py> {
    keys: Vec<(&'static str, Bound<'py, PyString>)>,
}

impl<'py> DictBuilder<'py> {
    fn dict(&mut self, py: Python<'py>, row: &Record) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (i, (k, v)) in row.iter().enumerate() {
            let key = match self.keys.get(i) {
                Some((name, key)) if name == k => key.clone(),
                _ => {
                    let key = PyString::intern(py, k);
                    if self.keys.len() == i {
                        self.keys.push((k, key.clone()));
                    }
                    key
                }
            };
            d.set_item(key, to_py(py, v)?)?;
        }
        Ok(d)
    }
}

/// A JSON value as a Python object (segments and mentions).
fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => PyList::new(py, a.iter().map(|x| value_to_py(py, x)).collect::<PyResult<Vec<_>>>()?)?.into_any(),
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(PyString::intern(py, k), value_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()?;
    m.add("DemarcheError", m.py().get_type::<DemarcheError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

/// True for a path in demarche's own knowledge formats: a single file, or a folder holding an
/// actor file (`.tsv`).
fn is_demarche_knowledge(path: &std::path::Path) -> bool {
    if path.is_file() {
        return true;
    }
    std::fs::read_dir(path).map(|rd| rd.flatten().any(|e| e.path().extension().is_some_and(|x| x == "tsv"))).unwrap_or(false)
}

/// The file itself, or a folder's files in name order.
fn knowledge_files(path: &std::path::Path) -> Result<Vec<std::path::PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut v: Vec<_> =
        std::fs::read_dir(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?.flatten().map(|e| e.path()).collect();
    v.sort();
    Ok(v)
}
