//! CLI habits: completions, man page, `-o`, `jsonl`/`json`, standard input without a file name,
//! and the GDELT/PLOVER formats' shape.

use std::io::Write;
use std::process::{Command, Stdio};

fn demarche(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_demarche"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(text) = stdin {
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
    }
    let out = child.wait_with_output().expect("wait");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = demarche(&["completions", shell], None);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("demarche"), "{shell}");
    }
    let (code, out, _) = demarche(&["man"], None);
    assert_eq!(code, 0);
    assert!(out.contains(".TH demarche 1"));
    let dir = tempfile::tempdir().expect("dir");
    let (code, _, err) = demarche(&["man", "--dir", dir.path().to_str().expect("path")], None);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("demarche-code.1").exists());
}

#[test]
fn standard_input_without_a_file_and_output_to_a_file() {
    let text = "Iran condemned Israel.";
    let (code, out, err) = demarche(&["code", "--date", "2025-01-22"], Some(text));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"code\":\"111\""), "{out}");
    // No file and no piped input (stdin is /dev/null here, not a terminal): an empty document.
    let (code, _, _) = demarche(&["code"], None);
    assert_eq!(code, 2);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("e.jsonl");
    for format in ["jsonl", "json"] {
        let (code, out, err) =
            demarche(&["code", "-", "--date", "2025-01-22", "--format", format, "-o", path.to_str().expect("path")], Some(text));
        assert_eq!(code, 0, "{err}");
        assert!(out.is_empty());
        assert!(std::fs::read_to_string(&path).expect("written").contains("\"code\":\"111\""));
    }
    let (code, out, _) = demarche(&["segment", "--format", "json"], Some(text));
    assert_eq!(code, 0);
    assert!(out.starts_with('{'));
}

#[test]
fn gdelt_and_plover_shapes() {
    let text = "Yesterday Sergey Lavrov held talks with Ararat Mirzoyan in Moscow.";
    let (code, out, err) = demarche(&["code", "--date", "2025-01-22", "--format", "gdelt"], Some(text));
    assert_eq!(code, 0, "{err}");
    let cells: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(cells.len(), 61, "{out}");
    assert_eq!((cells[1], cells[5], cells[15], cells[26]), ("20250121", "RUSGOV", "ARMGOV", "040"));
    let (code, out, err) = demarche(&["code", "--date", "2025-01-22", "--format", "plover"], Some(text));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
    assert_eq!((v["event"].as_str(), v["source"]["code"].as_str()), (Some("CONSULT"), Some("RUSGOV")));
}

/// `code` streams its input in chunks (a JSON Lines file or pipe a line at a time) and still
/// counts GDELT's `NumMentions`/`NumSources`/`NumArticles` over the whole run: 600 documents
/// (more than two chunks) from standard input, every third from another publisher, report one
/// event each, and every row carries the run's counts.
#[test]
fn gdelt_counts_span_the_whole_streamed_run() {
    let mut input = String::new();
    for i in 0..600 {
        input.push_str(&format!(
            "{{\"id\":\"d{i}\",\"source\":\"feed{}\",\"date\":\"2025-01-22\",\"text\":\"Iran condemned Israel.\"}}\n",
            i % 3
        ));
    }
    input.push_str("{bad json\n");
    let (code, out, err) = demarche(&["code", "--format", "gdelt"], Some(&input));
    assert_eq!(code, 1, "one bad line: exit 1, the rest coded: {err}");
    assert!(err.contains("-:601"), "the bad line is named: {err}");
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 600, "{err}");
    let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    assert!(rows.iter().all(|r| (r[31], r[32], r[33]) == ("600", "3", "600")), "{:?}", &rows[0][31..34]);
    assert!(rows.last().is_some_and(|r| r[60] == "d599"), "input order kept: {:?}", ids.last());
}
