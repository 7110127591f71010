//! The fuzz targets' bodies, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`, which
//! include this file) and the libFuzzer-free smoke fuzzer and regression runner
//! (`crates/cli/tests/fuzz_smoke.rs`). Each body feeds arbitrary bytes to one reader and checks
//! the invariants that must hold whatever the input: no panic, spans on character boundaries,
//! errors that name their file.

#![allow(dead_code)]

use std::sync::OnceLock;

/// Every target, in the order the smoke run visits them.
pub const TARGETS: &[&str] = &[
    "text",
    "html",
    "jsonl",
    "petrarch_xml",
    "tree",
    "petrarch_verbs",
    "petrarch_actors",
    "petrarch_agents",
    "petrarch_lists",
    "demarche_patterns",
    "demarche_actors_tsv",
    "dates",
    "segment",
    "code",
    "petrarch_code",
    "api_json",
];

fn coder() -> &'static demarche_events::Coder {
    static C: OnceLock<demarche_events::Coder> = OnceLock::new();
    C.get_or_init(|| demarche_events::Coder::builtin().expect("built-in dictionaries load"))
}

fn petrarch() -> &'static demarche_petrarch::Dictionaries {
    static D: OnceLock<demarche_petrarch::Dictionaries> = OnceLock::new();
    D.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = [root.join("../../tests/fixtures/petrarch"), root.join("../tests/fixtures/petrarch")]
            .into_iter()
            .find(|d| d.is_dir())
            .expect("tests/fixtures/petrarch");
        let files = demarche_petrarch::DictionaryFiles::discover(&dir).expect("fixture dictionaries");
        demarche_petrarch::Dictionaries::load(&files).expect("fixture dictionaries load")
    })
}

fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A date from the first two bytes (any day of years 0001–9999, extremes included), so date
/// arithmetic is exercised at the edges of the valid range.
fn date_of(data: &[u8]) -> Option<chrono::NaiveDate> {
    let (a, b) = (*data.first()? as i32, *data.get(1)? as i32);
    let year = match a % 4 {
        0 => 1 + b % 3,
        1 => 9997 + b % 3,
        _ => 1900 + (a * 256 + b) % 200,
    };
    chrono::NaiveDate::from_ymd_opt(year, 1 + (b as u32 % 12), 1 + (a as u32 % 28))
}

fn check_spans(text: &str, sentences: &[demarche_segment::Sentence]) {
    for s in sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len(), "sentence span out of the text");
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end), "sentence span off a char boundary");
        assert!(s.line >= 1);
    }
}

/// Run one target on one input. Panics (the fuzzer's crash) when an invariant breaks.
pub fn run(target: &str, data: &[u8]) {
    use demarche_documents::{parse_bytes, Format, ReadOptions};
    let opts = ReadOptions { date: date_of(data), ..ReadOptions::default() };
    let read = |format: Format| {
        for r in parse_bytes("fuzz.in", data, format, &opts) {
            match r {
                Ok(d) => assert!(!d.id.is_empty() || format == Format::PetrarchXml),
                Err(e) => assert!(e.to_string().starts_with("fuzz.in"), "error names its file: {e}"),
            }
        }
    };
    match target {
        "text" => read(Format::Text),
        "html" => read(Format::Html),
        "jsonl" => read(Format::Jsonl),
        "petrarch_xml" => {
            read(Format::PetrarchXml);
            let _ = demarche_petrarch::records::parse("fuzz.xml", &text_of(data));
        }
        "tree" => {
            if let Ok(t) = demarche_petrarch::Tree::parse(&text_of(data)) {
                for i in 0..t.leaves.len() {
                    let _ = t.word(i);
                }
            }
        }
        "petrarch_verbs" => {
            let _ = demarche_petrarch::VerbDictionary::parse("fuzz.txt", &text_of(data));
        }
        "petrarch_actors" => {
            let mut d = demarche_petrarch::ActorDictionary::default();
            let _ = d.add_actors("fuzz.txt", &text_of(data));
        }
        "petrarch_agents" => {
            let mut d = demarche_petrarch::ActorDictionary::default();
            let _ = d.add_agents("fuzz.txt", &text_of(data));
        }
        "petrarch_lists" => {
            let t = text_of(data);
            let _ = demarche_petrarch::Discards::default().add("fuzz.txt", &t);
            let _ = demarche_petrarch::Issues::default().add("fuzz.txt", &t);
        }
        "demarche_patterns" => {
            if let Ok(mut d) = demarche_events::VerbDictionary::without_patterns() {
                let _ = d.add_patterns("fuzz.txt", &text_of(data));
            }
        }
        "demarche_actors_tsv" => {
            let mut kb = demarche_actors::KnowledgeBase::empty();
            let _ = kb.add_tsv("fuzz.tsv", &text_of(data));
        }
        "dates" => {
            let t = text_of(data.get(2..).unwrap_or(&[]));
            let toks = demarche_actors::tokenize_phrase(&t);
            for reference in [date_of(data), Some(chrono::NaiveDate::MIN), Some(chrono::NaiveDate::MAX), None] {
                for d in demarche_events::temporal::find_dates(&toks, reference) {
                    assert!(d.tokens.start < d.tokens.end && d.tokens.end <= toks.len());
                }
            }
        }
        "segment" => {
            let t = text_of(data);
            let sentences = demarche_segment::segment(&t, None);
            check_spans(&t, &sentences);
        }
        "code" => {
            let t = text_of(data);
            let coded = coder().code("fuzz", &t, None, date_of(data));
            check_spans(&t, &coded.sentences);
            assert_eq!(coded.sentences.len(), coded.actors.len());
            for e in &coded.events {
                assert!(e.start <= e.end && e.end <= t.len());
            }
        }
        "petrarch_code" => {
            // Text mode on the text, tree mode on the same bytes read as a parse.
            let t = text_of(data);
            let opts = demarche_petrarch::Options::default();
            let _ = petrarch().code(&t, None, 20150609, demarche_petrarch::Mode::Text, &opts);
            let _ = petrarch().code("x", Some(&t), 20150609, demarche_petrarch::Mode::Tree, &opts);
        }
        "api_json" => api_json(data),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// The HTTP API's JSON: the bytes as the body of `POST /api/code`, through the router.
fn api_json(data: &[u8]) {
    use std::sync::Arc;
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    static STATE: OnceLock<Arc<demarche_server::AppState>> = OnceLock::new();
    let rt = RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime"));
    let state = STATE.get_or_init(|| {
        Arc::new(demarche_server::AppState::new(coder().clone(), std::env::temp_dir().join("demarche-fuzz-none.db"), Some("t".into())))
    });
    let body = data.to_vec();
    let status = rt.block_on(async move {
        use tower::ServiceExt;
        let req = axum::http::Request::builder()
            .method("POST")
            .uri("/api/code")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body))
            .expect("request");
        let res = demarche_server::app(state.clone()).oneshot(req).await.expect("infallible");
        let status = res.status();
        let ct = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.expect("body");
        if !status.is_success() {
            // RFC 9457 problem details (`application/problem+json`), with the `error` field kept.
            assert!(ct.starts_with("application/problem+json") || ct.starts_with("application/json"), "error {status} is not JSON");
            let v: serde_json::Value = serde_json::from_slice(&bytes).expect("error body is JSON");
            assert!(v.get("error").is_some());
        }
        status
    });
    assert!(status.as_u16() != 500, "a request body made a 500");
}
