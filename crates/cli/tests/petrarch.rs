//! End-to-end tests of `demarche validate` and `demarche code --dictionaries` on demarche's
//! own TABARI/PETRARCH-format fixtures (tests/fixtures/petrarch, written for these tests).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demarche(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_demarche")).args(args).current_dir(root()).output().expect("run demarche")
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

const RECORDS: &str = "tests/fixtures/petrarch/records.xml";
const DICTS: &str = "tests/fixtures/petrarch";

#[test]
fn validate_tree_mode_passes_every_record() {
    let out = demarche(&["validate", RECORDS, "--dictionaries", DICTS]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert_eq!(stdout.trim(), "24 passed, 0 failed (tree mode, 2 skipped)");
}

#[test]
fn validate_text_mode_ignores_the_parse() {
    // text mode does not read <Parse>, so the malformed-parse record cannot fail as expected
    let out = demarche(&["validate", RECORDS, "--dictionaries", DICTS, "--mode", "text"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].starts_with("FAIL ERROR-02 [ERROR] line "), "{stdout}");
    assert!(lines[0].ends_with("expected error:bad_input_parse | got AVA BRW 122"), "{stdout}");
    assert_eq!(lines[1], "23 passed, 1 failed (text mode, 2 skipped)");
}

#[test]
fn validate_json_report() {
    let out = demarche(&["validate", RECORDS, "--dictionaries", DICTS, "--report", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["passed"], 24);
    assert_eq!(v["failed"], 0);
    let recs = v["records"].as_array().expect("records");
    assert_eq!(recs.len(), 24);
    let visit = recs.iter().find(|r| r["id"] == "BASIC-02").expect("BASIC-02");
    assert_eq!(visit["category"], "BASIC");
    assert_eq!(visit["pass"], true);
    assert_eq!(visit["expected"], serde_json::json!(["AVAGOV CEN 042", "CEN AVAGOV 043"]));
    assert_eq!(visit["got"], serde_json::json!(["AVAGOV CEN 042", "CEN AVAGOV 043"]));
    let config = recs.iter().find(|r| r["id"] == "CONFIG-01").expect("CONFIG-01");
    assert_eq!(config["got"], serde_json::json!(["\"THE MINISTRY OF RIVERS\" AVA 122"]));
}

#[test]
fn validate_reports_a_wrong_expectation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let records = std::fs::read_to_string(root().join(RECORDS)).expect("records").replace(
        r#"<EventCoding sourcecode="AVA" targetcode="BRW" eventcode="122"></EventCoding>
<Text>Avalon condemned Brightwater.</Text>"#,
        r#"<EventCoding sourcecode="AVA" targetcode="BRW" eventcode="111"></EventCoding>
<Text>Avalon condemned Brightwater.</Text>"#,
    );
    let path = dir.path().join("records.xml");
    std::fs::write(&path, records).expect("write");
    let out = demarche(&["validate", path.to_str().expect("path"), "--dictionaries", DICTS]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("FAIL BASIC-01 [BASIC] line 13: expected AVA BRW 111 | got AVA BRW 122"), "{stdout}");
    assert!(stdout.ends_with("23 passed, 1 failed (tree mode, 2 skipped)\n"), "{stdout}");
}

#[test]
fn dictionary_errors_name_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["actors.txt", "agents.txt", "discards.txt"] {
        std::fs::copy(root().join(DICTS).join(f), dir.path().join(f)).expect("copy");
    }
    std::fs::write(dir.path().join("verbs.txt"), "--- CONDEMN [122] ---\nCONDEMN\n- * STRONGLY\n").expect("write");
    let d = dir.path().to_str().expect("dir");
    let out = demarche(&["validate", RECORDS, "--dictionaries", d]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("verbs.txt:3: pattern without [CODE]"), "{err}");
    // a malformed records file names its line too
    std::fs::write(dir.path().join("bad.xml"), "<Sentences>\n<Sentence id=\"x\">\n<EventCoding sourcecode=\"A\"></EventCoding>\n")
        .expect("write");
    let out = demarche(&["validate", dir.path().join("bad.xml").to_str().expect("p"), "--dictionaries", DICTS]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("bad.xml:3:"), "{}", text(&out.stderr));
}

#[test]
fn code_with_dictionaries_in_petrarch_format() {
    let out = demarche(&["code", RECORDS, "--dictionaries", DICTS, "--format", "petrarch"]);
    // the malformed parse is reported with its file and line, and the run says so
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("records.xml:159: ERROR-02 (bad_input_parse)"), "{}", text(&out.stderr));
    snapshot!("petrarch-code-records-tree", text(&out.stdout));
}

#[test]
fn code_text_with_dictionaries() {
    let out =
        demarche(&["code", "tests/fixtures/petrarch/news.txt", "--dictionaries", DICTS, "--date", "2015-03-01", "--format", "petrarch"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("1 sentences discarded"), "{}", text(&out.stderr));
    snapshot!("petrarch-code-news-text", text(&out.stdout));
    // JSON Lines carry the CAMEO name, Goldstein and the explanation
    let out = demarche(&["code", "tests/fixtures/petrarch/news.txt", "--dictionaries", DICTS, "--date", "2015-03-01"]);
    let first: serde_json::Value = serde_json::from_str(text(&out.stdout).lines().next().expect("a line")).expect("json");
    assert_eq!(first["source"], "AVA");
    assert_eq!(first["code"], "122");
    assert_eq!(first["root"], "12");
    assert!(first["explanation"].as_str().expect("why").contains("verb 'condemned'"));
}
