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
    assert_eq!(stdout.trim(), "25 passed, 0 failed (tree mode, 2 skipped)");
}

#[test]
fn validate_text_mode_codes_the_parse_sentence() {
    // text mode codes raw text: the <Text>, or the parse's words where the <Text> copy spells
    // another sentence (BASIC-05); a parse that cannot be read leaves no sentence (ERROR-02)
    let out = demarche(&["validate", RECORDS, "--dictionaries", DICTS, "--mode", "text", "--all"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("PASS BASIC-05 [BASIC] line "), "{stdout}");
    assert!(stdout.contains("expected AVA DUN 122 | got AVA DUN 122"), "{stdout}");
    assert!(stdout.contains("expected error:bad_input_parse | got error:bad_input_parse"), "{stdout}");
    assert!(stdout.ends_with("25 passed, 0 failed (text mode, 2 skipped)\n"), "{stdout}");
}

#[test]
fn validate_json_report() {
    let out = demarche(&["validate", RECORDS, "--dictionaries", DICTS, "--report", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["passed"], 25);
    assert_eq!(v["failed"], 0);
    let recs = v["records"].as_array().expect("records");
    assert_eq!(recs.len(), 25);
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
    assert!(stdout.ends_with("24 passed, 1 failed (tree mode, 2 skipped)\n"), "{stdout}");
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
    std::fs::write(
        dir.path().join("bad.xml"),
        "<Sentences>\n<Sentence id=\"x\">\n<EventCoding sourcecode=\"A\"></EventCoding>\n<Text>t</Text></Sentence>\n</Sentences>\n",
    )
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

#[test]
fn ingest_stores_the_events_of_dictionaries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("p.db");
    let db = db.to_str().expect("db");
    let out = demarche(&["ingest", "tests/fixtures/petrarch/news.txt", "--dictionaries", DICTS, "--date", "2015-03-01", "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("7 events stored"), "{}", text(&out.stderr));
    let out = demarche(&["events", "--db", db, "--format", "jsonl"]);
    let mut got: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            format!("{} {} {}", v["source"].as_str().unwrap_or(""), v["target"].as_str().unwrap_or(""), v["code"].as_str().unwrap_or(""))
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        ["AVA BRW 122", "AVAGOV CEN 042", "AVAGOV CENGOV 036", "CEN AVAGOV 043", "CEN DUN 112", "CENGOV AVAGOV 036", "DUN ELM 0233"]
    );
    // PETRARCH records: tree mode on their parses; the malformed parse is refused with its line
    // and the run says so, as `code` does
    let out = demarche(&["ingest", RECORDS, "--dictionaries", DICTS, "--db", db]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("records.xml:159: ERROR-02 (bad_input_parse)"), "{}", text(&out.stderr));
    // the flags are checked as for `code`
    let out = demarche(&["ingest", RECORDS, "--dictionaries", DICTS, "--option", "require_dyad", "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--option require_dyad: expected NAME=VALUE"), "{}", text(&out.stderr));
}

/// One HTTP/1.1 request to a local server; returns the status line and the body.
fn http(addr: &str, method: &str, path: &str, body: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("write");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("read");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

#[test]
fn serve_codes_with_dictionaries() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("s.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(["serve", "--addr", "127.0.0.1:0", "--exit-after", "60", "--dictionaries", DICTS, "--with-builtin"])
        .args(["--db", db.to_str().expect("db")])
        .current_dir(root())
        .env_remove("DEMARCHE_TOKEN")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    let mut stderr = std::io::BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("read");
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).map(str::to_string);
    let Some(addr) = addr else {
        let _ = child.kill();
        panic!("no address in {line:?}");
    };
    let (status, body) =
        http(&addr, "POST", "/api/code", r#"{"text": "Avalon condemned Brightwater. Russia praised Armenia.", "date": "2015-03-01"}"#);
    let _ = child.kill();
    let _ = child.wait();
    assert!(status.contains("200"), "{status}\n{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let got: Vec<String> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            format!("{} {} {}", e["source"].as_str().unwrap_or(""), e["target"].as_str().unwrap_or(""), e["code"].as_str().unwrap_or(""))
        })
        .collect();
    // the dictionaries' event and, merged, the built-in coder's
    assert_eq!(got, ["AVA BRW 122", "RUS ARM 051"], "{body}");
}
