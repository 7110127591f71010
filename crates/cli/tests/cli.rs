//! End-to-end tests of the `demarche` binary: snapshot tests of its output on the examples
//! (written for this project, see examples/README.md), and its behaviour on bad input.
//!
//! Snapshots live in `tests/snapshots/`; update them with `INSTA_UPDATE=always cargo test`
//! (or `cargo insta review`) after checking the new output is right.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demarche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_demarche")).args(args).current_dir(root()).output().expect("run demarche")
}

fn stdout(args: &[&str]) -> String {
    let out = demarche(args);
    assert!(out.status.success(), "demarche {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn stdin_run(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // A command that fails before reading its input (a bad model, a bad flag) closes the pipe:
    // a broken pipe here is that, not a test failure.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing the input: {e}");
    }
    child.wait_with_output().expect("wait")
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

const EXAMPLES: &[(&str, &str)] = &[
    ("press-conference", "examples/press-conference.txt"),
    ("briefing", "examples/briefing.txt"),
    ("news-story", "examples/news-story.txt"),
    ("blog-with-comments", "examples/blog-with-comments.txt"),
    ("statement-html", "examples/statement.html"),
    ("articles-jsonl", "examples/articles.jsonl"),
];

fn date_for(name: &str) -> &'static str {
    match name {
        "briefing" => "2024-06-12",
        "news-story" => "2024-03-15",
        "statement-html" => "2024-05-13",
        _ => "2025-01-22",
    }
}

#[test]
fn segment_snapshots() {
    for (name, path) in EXAMPLES {
        snapshot!(format!("segment-{name}"), stdout(&["segment", path, "--date", date_for(name)]));
    }
}

#[test]
fn segment_text_format() {
    snapshot!("segment-text-press-conference", stdout(&["segment", "examples/press-conference.txt", "--format", "text"]));
}

#[test]
fn actors_snapshots() {
    for (name, path) in EXAMPLES {
        snapshot!(format!("actors-{name}"), stdout(&["actors", path, "--date", date_for(name)]));
    }
}

#[test]
fn actor_codes_follow_the_date() {
    for date in ["2012-06-01", "2020-06-01", "2025-03-01"] {
        snapshot!(format!("actors-roles-{date}"), stdout(&["actors", "examples/roles-over-time.txt", "--date", date, "--format", "table"]));
    }
}

#[test]
fn code_snapshots() {
    for (name, path) in EXAMPLES {
        snapshot!(format!("code-{name}"), stdout(&["code", path, "--date", date_for(name)]));
    }
}

#[test]
fn code_explain_and_tsv() {
    snapshot!("code-explain-press-conference", stdout(&["code", "examples/press-conference.txt", "--date", "2025-01-22", "--explain"]));
    let tsv = stdout(&["code", "examples/articles.jsonl", "--format", "tsv"]);
    let header = tsv.lines().next().unwrap_or_default();
    assert!(header.starts_with("doc\tline\tdate\tdate_precision\tsource\tsource_country\ttarget"), "{header}");
    assert_eq!(tsv.lines().count(), 6, "{tsv}");
}

#[test]
fn code_without_a_date_invents_none() {
    let out = stdout(&["code", "examples/roles-over-time.txt"]);
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        assert!(v["date"].is_null(), "{line}");
        assert_eq!(v["date_precision"], "document");
    }
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["segment", "actors", "code", "eval", "ingest", "relations", "events", "export", "serve", "bench"] {
        let out = stdout(&[sub, "--help"]);
        assert!(out.contains("Example") || sub == "eval", "{sub} --help lacks an example:\n{out}");
    }
    assert!(stdout(&["eval", "quad", "--help"]).contains("Example"));
}

#[test]
fn invalid_utf8_names_the_byte_and_lossy_recovers() {
    let out = stdin_run(&["segment", "-"], b"Fine words.\nBad \xff byte.\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("-:2: byte 16: invalid UTF-8"), "{err}");
    let out = stdin_run(&["segment", "-", "--lossy"], b"Fine words.\nBad \xff byte.\n");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn binary_empty_and_missing_inputs_fail_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bin = dir.path().join("x.bin");
    std::fs::write(&bin, b"\x7fELF\x02\x01\x00\x00binary").expect("write");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"  \n").expect("write");
    for (path, msg) in [
        (bin.to_str().unwrap_or_default(), "binary file"),
        (empty.to_str().unwrap_or_default(), "empty document"),
        ("/nonexistent/demarche.txt", "cannot read"),
    ] {
        let out = demarche(&["code", path]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(msg) && err.contains(path), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn one_bad_document_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("batch.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"a\",\"date\":\"2025-01-22\",\"text\":\"Russia praised Armenia.\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"date\":\"2025-01-22\",\"text\":\"Iran condemned Israel.\"}\n",
    )
    .expect("write");
    let xml = dir.path().join("bad.xml");
    std::fs::write(&xml, "<Sentences>\n<Sentence id=\"s1\">\n<Text>Hi</Txet>\n</Sentence>\n").expect("write");
    let p = jsonl.to_str().unwrap_or_default();
    let x = xml.to_str().unwrap_or_default();
    let out = demarche(&["code", p, x]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed, some worked");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{p}:2: malformed JSON")), "{err}");
    assert!(err.contains(&format!("{x}:3: malformed XML")), "{err}");
    let events = String::from_utf8_lossy(&out.stdout);
    assert_eq!(events.lines().count(), 2, "{events}");
}

#[test]
fn a_long_single_line_is_handled() {
    let line = "Russia praised Armenia and Armenia thanked Russia. ".repeat(40_000);
    let out = stdin_run(&["segment", "-"], line.as_bytes());
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 40_000);
}

#[test]
fn malformed_knowledge_base_names_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let kb = dir.path().join("mine.tsv");
    std::fs::write(&kb, "phrase\tcode\tfrom\tto\tsource\nthe Palace\tnot a code\t\t\tme\n").expect("write");
    let out = demarche(&["actors", "examples/roles-over-time.txt", "--actors", kb.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.tsv:2: expected an upper-case CAMEO code"), "{err}");
}

#[test]
fn user_actors_extend_the_knowledge_base() {
    let dir = tempfile::tempdir().expect("tempdir");
    let kb = dir.path().join("mine.tsv");
    std::fs::write(&kb, "phrase\tcode\tfrom\tto\tsource\nthe Blue Palace\tRUTGOV\t\t\tillustrative test entry\n").expect("write");
    let dir2 = dir.path().join("doc.txt");
    std::fs::write(&dir2, "The Blue Palace praised Armenia.\n").expect("write");
    let out = stdout(&["code", dir2.to_str().unwrap_or_default(), "--actors", kb.to_str().unwrap_or_default()]);
    assert!(out.contains("\"source\":\"RUTGOV\""), "{out}");
}

/// `demarche parse`: raw text to CoNLL-U and JSON, CoNLL-U in (gold words kept), evaluation,
/// and a clear error for a bad model file.
#[test]
fn parse_raw_text_conllu_and_json() {
    let out = stdin_run(&["parse", "-"], b"Lavrov met Mirzoyan in Moscow. They didn't sign it.\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let words: Vec<Vec<&str>> = text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect()).collect();
    assert!(words.iter().all(|w| w.len() == 10), "{text}");
    let forms: Vec<&str> = words.iter().map(|w| w[1]).collect();
    assert_eq!(forms, ["Lavrov", "met", "Mirzoyan", "in", "Moscow", ".", "They", "did", "n't", "sign", "it", "."]);
    assert_eq!(text.matches("# sent_id = ").count(), 2);
    assert_eq!(words.iter().filter(|w| w[6] == "0").count(), 2, "one root per sentence:\n{text}");

    let out = stdin_run(&["parse", "-", "--format", "json"], b"Lavrov met Mirzoyan in Moscow.\n");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON sentence");
    assert_eq!(v["words"].as_array().map(Vec::len), Some(6));
    assert_eq!(v["words"][1]["form"], "met");
    assert_eq!(v["words"][1]["start"], 7);
}

#[test]
fn parse_conllu_keeps_gold_words_and_scores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let gold = root().join("crates/parse/tests/fixtures/tiny.conllu");
    let gold = gold.to_str().expect("path");
    let out = demarche(&["parse", gold, "--input-format", "conllu"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sys = dir.path().join("sys.conllu");
    std::fs::write(&sys, &out.stdout).expect("write");
    let g = std::fs::read_to_string(gold).expect("read");
    let s = String::from_utf8(out.stdout).expect("utf-8");
    let cols12 = |t: &str| t.lines().map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t")).collect::<Vec<_>>();
    assert_eq!(cols12(&g), cols12(&s));
    let report = stdout(&["parser", "eval", gold, sys.to_str().expect("path")]);
    assert!(report.starts_with("UPOS ") && report.contains(" on 69 words (10 sentences)"), "{report}");
    // A threshold the run cannot meet fails with exit code 1.
    let out = demarche(&["parser", "eval", gold, sys.to_str().expect("path"), "--min-las", "100.1"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn parse_with_a_bad_model_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.model");
    std::fs::write(&bad, b"DMRCPARS\x01\x00").expect("write");
    let out = stdin_run(&["parse", "-", "--model", bad.to_str().expect("path")], b"Hello.\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("truncated"), "{err}");
}
