//! The bad-input corpus (`tests/bad-input/`, issue 17): every hostile or broken input, each run
//! through the `demarche` binary, must give a clear error or a correct result — never a panic,
//! never a stack overflow, and within a time bound. Large cases are generated here instead of
//! stored (deep nesting, long sentences, symlink loops).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Case {
    name: &'static str,
    /// Arguments; `{B}` is the corpus folder, `{T}` the temporary folder of generated inputs.
    args: &'static [&'static str],
    /// Acceptable exit codes.
    exit: &'static [i32],
    /// Text stderr must contain (empty: anything).
    stderr: &'static str,
    /// Text stdout must contain (empty: anything).
    stdout: &'static str,
    /// Text stdout must not contain (empty: no check).
    absent: &'static str,
    /// Time bound (debug build, shared machine).
    secs: u64,
}

const fn case(name: &'static str, args: &'static [&'static str], exit: &'static [i32], stderr: &'static str, stdout: &'static str) -> Case {
    Case { name, args, exit, stderr, stdout, absent: "", secs: 60 }
}

impl Case {
    /// The case, with text its stdout must not contain.
    const fn without(self, absent: &'static str) -> Case {
        Case { absent, ..self }
    }
}

const CASES: &[Case] = &[
    // HTML: nesting that overflowed the recursive walk; unclosed tags; a huge attribute.
    case(
        "deep div nesting",
        &["code", "{T}/deep-div.html", "--date", "2015-03-01", "--format", "csv"],
        &[1, 2],
        "deep-div.html:1: byte 20492: HTML nested deeper than 4096 elements",
        "",
    ),
    case("deep inline nesting", &["segment", "{T}/deep-inline.html"], &[1, 2], "nested deeper than 4096", ""),
    case("nesting under the limit", &["segment", "{T}/deep-ok.html"], &[0], "", "Deep but fine."),
    case("unclosed tags", &["segment", "{T}/unclosed.html"], &[0], "", "Unclosed text."),
    case("huge attribute", &["segment", "{T}/huge-attribute.html"], &[0], "", "Attribute text."),
    case("page of furniture only", &["segment", "{B}/html/only-script.html"], &[1, 2], "empty document", ""),
    // Binary and encodings.
    case("NUL past the first 8 KiB", &["segment", "{B}/text/nul-after-8k.txt"], &[1, 2], "nul-after-8k.txt:2: byte 12405: binary file", ""),
    case("NUL first", &["segment", "{B}/text/nul-first.txt"], &[1, 2], "binary file", ""),
    case("invalid UTF-8", &["segment", "{B}/text/invalid-utf8.txt"], &[1, 2], ":2: byte 25: invalid UTF-8", ""),
    case("invalid UTF-8, lossy", &["segment", "--lossy", "{B}/text/invalid-utf8.txt"], &[0], "", "Bad"),
    case("empty file", &["segment", "{B}/text/empty.txt"], &[1, 2], "empty document", ""),
    case("whitespace only", &["segment", "{B}/text/whitespace.txt"], &[1, 2], "empty document", ""),
    case("BOM only", &["segment", "{B}/text/bom-only.txt"], &[0, 1, 2], "", ""),
    case("CR and CRLF", &["code", "{B}/text/crlf-cr.txt", "--date", "2025-01-22"], &[0], "", ""),
    case("zero-width and odd spaces", &["code", "{B}/text/zero-width.txt", "--date", "2025-01-22"], &[0], "", ""),
    case("speaker labels only", &["code", "{B}/text/speaker-only.txt"], &[0], "", ""),
    case("long line, no punctuation", &["code", "{T}/long-line.txt", "--date", "2025-01-22"], &[0], "split into", ""),
    case("100,000 lines", &["segment", "{T}/many-lines.txt", "--format", "text"], &[0], "", ""),
    case("directory with a link loop", &["segment", "{T}/loop-dir"], &[1], "symbolic link to a directory, not followed", "First."),
    // JSON Lines: dates validated whole, odd types, deep nesting.
    case(
        "JSONL date with junk",
        &["code", "{B}/jsonl/date-junk.jsonl"],
        &[1],
        "date-junk.jsonl:1: \"date\" \"2025-01-22junk\" is not YYYY-MM-DD",
        "",
    ),
    case(
        "JSONL dates outside 0001-9999",
        &["code", "{B}/jsonl/date-extreme.jsonl"],
        &[1, 2],
        "date-extreme.jsonl:3: \"date\" \"-0001-01-01\"",
        "",
    ),
    case("JSONL date-time", &["code", "{B}/jsonl/date-time.jsonl"], &[0], "", "2025-01-21"),
    case("JSONL deep nesting in an ignored field", &["segment", "{T}/deep.jsonl", "--format", "text"], &[0], "", "x"),
    case("JSONL deep nesting in a field", &["segment", "{T}/deep-text.jsonl"], &[1, 2], "deep-text.jsonl:1: malformed JSON", ""),
    case("JSONL odd types", &["segment", "{B}/jsonl/types.jsonl"], &[1], "types.jsonl:3:", "escaped NUL"),
    // PETRARCH XML.
    case("XML invalid date", &["code", "{B}/xml/bad-date.xml"], &[1], "bad-date.xml:2: <Sentence id=\"BAD-1\">: date \"20251340\"", ""),
    case("XML deep elements", &["segment", "{T}/deep-elements.xml"], &[0], "", ""),
    case("XML entities", &["segment", "{B}/xml/entities.xml"], &[0, 1, 2], "", ""),
    case("unbalanced parses", &["code", "{B}/xml/unbalanced-parse.xml", "--dictionaries", "{F}", "--mode", "tree"], &[0, 1], "", ""),
    case("deep parse", &["code", "{T}/deep-parse.xml", "--dictionaries", "{F}", "--mode", "tree"], &[0, 1], "", ""),
    // Dates at the edges of the valid range, and outside it.
    case(
        "--date beyond 9999",
        &["code", "{B}/code/edge-dates.txt", "--date", "262143-12-31"],
        &[2],
        "between 0001-01-01 and 9999-12-31",
        "",
    ),
    case("--date year 0", &["code", "{B}/code/edge-dates.txt", "--date", "0000-01-01"], &[2], "between 0001-01-01 and 9999-12-31", ""),
    case("--date 9999-12-31", &["code", "{B}/code/edge-dates.txt", "--date", "9999-12-31"], &[0], "", ""),
    case("--date 0001-01-01", &["code", "{B}/code/edge-dates.txt", "--date", "0001-01-01"], &[0], "", ""),
    // Long sentences: split into pieces, linear time.
    case("list of 2,000 actors", &["code", "{T}/list-of-actors.txt", "--date", "2025-01-22", "--format", "csv"], &[0], "split into", ""),
    case("list after a preposition", &["code", "{B}/code/comma-list.txt", "--date", "2025-01-22"], &[0], "", ""),
    case("5,000 parentheses", &["code", "{B}/code/parentheses.txt", "--date", "2025-01-22"], &[0], "", ""),
    case("200 KB sentence", &["code", "{T}/big-sentence.txt", "--date", "2025-01-22", "--format", "csv"], &[0], "split into", ""),
    // 1 MB single sentences of several shapes (issue 17: each codes in seconds, in < 200 MB).
    case("1 MB of words, no full stop", &["code", "{T}/mb-words.txt", "--date", "2025-01-22", "--format", "csv"], &[0], "split into", ""),
    case("1 MB of actors joined by and", &["code", "{T}/mb-actors.txt", "--date", "2025-01-22", "--format", "csv"], &[0], "split into", ""),
    case("1 MB of commas", &["code", "{T}/mb-commas.txt", "--date", "2025-01-22", "--format", "csv"], &[0], "split into", ""),
    case("1 MB of nested parentheses", &["code", "{T}/mb-parens.txt", "--date", "2025-01-22", "--format", "csv"], &[0], "split into", ""),
    case("1 MB of clauses", &["code", "{T}/mb-clauses.txt", "--date", "2025-01-22", "--format", "csv"], &[0], "split into", "ARM"),
    // PETRARCH dictionaries: file:line errors, never a panic or a stack overflow.
    case(
        "non-ASCII actor code",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/nonascii-actor-code"],
        &[2],
        "actors.txt:",
        "",
    ),
    case(
        "non-ASCII dated code",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/nonascii-dated-code"],
        &[2],
        "is not a CAMEO code",
        "",
    ),
    case(
        "non-ASCII agent code",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/nonascii-agent-code"],
        &[2],
        "agents.txt:",
        "",
    ),
    case(
        "transformation ) before (",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/transformation-brackets"],
        &[2],
        "verbs.txt:",
        "",
    ),
    case(
        "synset containing itself",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/synset-self"],
        &[2],
        "would contain itself",
        "",
    ),
    case("synset cycle", &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/synset-cycle"], &[2], "would contain itself", ""),
    case(
        "substitution loop",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/agent-substitution-loop"],
        &[2],
        "substitutions may not nest",
        "",
    ),
    case(
        "substitution blow-up",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/agent-substitution-blowup"],
        &[2],
        "agents.txt:19: substitutions expand this phrase to more than",
        "",
    ),
    case(
        "issue phrase blow-up",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/issue-blowup"],
        &[2],
        "issues.txt:13: issue phrase longer than 64 words or expanding to more than 512 forms",
        "",
    ),
    case("Latin-1 dictionary", &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/lossy-latin1"], &[0], "decoded lossily", ""),
    case(
        "unclosed [ in a block header",
        &["code", "{B}/code/edge-dates.txt", "--dictionaries", "{D}/unclosed-brackets"],
        &[2],
        "verbs.txt:",
        "",
    ),
    // Queries: LIKE wildcards are literal, page sizes and dates are checked (the first case
    // stores a document to query; cases run in order).
    case("store a document to query", &["ingest", "{B}/code/query.txt", "--db", "{T}/q.db", "--date", "2025-01-22"], &[0], "", ""),
    case("actor that matches", &["events", "--db", "{T}/q.db", "--actor", "RUS", "--format", "csv"], &[0], "", "RUS,RUS,ARM"),
    case("actor %", &["events", "--db", "{T}/q.db", "--actor", "%", "--format", "csv"], &[0], "", "").without("RUS"),
    case("actor _", &["events", "--db", "{T}/q.db", "--actor", "R_S", "--format", "csv"], &[0], "", "").without("RUS"),
    case("code %", &["events", "--db", "{T}/q.db", "--code", "%"], &[2], "--code expects a CAMEO code", ""),
    case("offset beyond SQLite's integers", &["events", "--db", "{T}/q.db", "--offset", "18446744073709551615"], &[2], "--offset", ""),
    case("limit beyond usize", &["events", "--db", "{T}/q.db", "--limit", "18446744073709551616"], &[2], "--limit", ""),
    case("--from invalid date", &["events", "--db", "{T}/q.db", "--from", "2025-13-40"], &[2], "between 0001-01-01 and 9999-12-31", ""),
    case("--to beyond 9999", &["events", "--db", "{T}/q.db", "--to", "99999-01-01"], &[2], "between 0001-01-01 and 9999-12-31", ""),
    case("cursor nonsense", &["events", "--db", "{T}/q.db", "--cursor", "x:y"], &[2], "cursor expects DATE:ID", ""),
    // validate confines <Verbfile> and the like to the dictionary folder.
    case(
        "validate: ../ escape",
        &["validate", "{B}/validate/escape.xml", "--dictionaries", "{F}"],
        &[2],
        "must be relative names inside",
        "",
    ),
    case(
        "validate: absolute path",
        &["validate", "{B}/validate/absolute.xml", "--dictionaries", "{F}"],
        &[2],
        "must be relative names inside",
        "",
    ),
];

/// Inputs too large to store: written to `dir` before the cases run.
fn generate(dir: &Path) {
    let w = |name: &str, data: Vec<u8>| std::fs::write(dir.join(name), data).expect("write generated input");
    let n = 100_000;
    w(
        "deep-div.html",
        format!("<html><body>{}Avalon condemned Brightwater.{}</body></html>", "<div>".repeat(n), "</div>".repeat(n)).into_bytes(),
    );
    let m = 30_000;
    w(
        "deep-inline.html",
        format!("<html><body><p>{}Deep inline text.{}</p></body></html>", "<b><i><span>".repeat(m), "</span></i></b>".repeat(m))
            .into_bytes(),
    );
    w("unclosed.html", format!("<html><body>{}Unclosed text.", "<div><p><table><tr><td>".repeat(1_000)).into_bytes());
    w(
        "deep-ok.html",
        format!("<html><body>{}Deep but fine.{}</body></html>", "<div><span>".repeat(2_000), "</span></div>".repeat(2_000)).into_bytes(),
    );
    w("huge-attribute.html", format!("<html><body><p title=\"{}\">Attribute text.</p></body></html>", "x".repeat(500_000)).into_bytes());
    w("long-line.txt", "word ".repeat(40_000).into_bytes());
    w("many-lines.txt", "A.\n".repeat(100_000).into_bytes());
    w("deep.jsonl", format!("{{\"id\":\"a\",\"text\":\"x\",\"extra\":{}{}}}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes());
    w("deep-text.jsonl", format!("{{\"id\":\"a\",\"text\":{}{}}}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes());
    w(
        "deep-elements.xml",
        format!(
            "<Sentences>{}{}<Sentence id=\"a\"><Text>Avalon condemned Brightwater.</Text></Sentence></Sentences>",
            "<x>".repeat(n),
            "</x>".repeat(n)
        )
        .into_bytes(),
    );
    w(
        "deep-parse.xml",
        format!("<Sentences>\n<Sentence id=\"D-1\" date=\"20150301\"><Text>Avalon condemned Brightwater.</Text><Parse>{}(NNP Avalon){}</Parse></Sentence>\n</Sentences>\n", "(S ".repeat(50_000), ")".repeat(50_000)).into_bytes(),
    );
    let names = ["Russia", "Armenia", "France", "Germany", "China", "Iran", "Turkey", "Georgia"];
    let list: Vec<&str> = names.iter().cycle().take(2_000).copied().collect();
    w("list-of-actors.txt", format!("Lavrov met {} in Moscow.\n", list.join(" and ")).into_bytes());
    let mut big = String::from("Sergey Lavrov said that ");
    let verbs = ["met", "condemned", "praised", "held talks with", "criticized"];
    let mut i = 0;
    while big.len() < 200_000 {
        big.push_str(&format!("{} {} {} and ", names[i % 8], verbs[i % 5], names[(i * 3 + 1) % 8]));
        i += 1;
    }
    big.push_str("Armenia.\n");
    w("big-sentence.txt", big.into_bytes());
    // 1 MB single sentences (no full stop before the end).
    let mb = |unit: &dyn Fn(usize) -> String, head: &str, tail: &str| {
        let mut s = head.to_string();
        let mut i = 0;
        while s.len() < 1_000_000 {
            s.push_str(&unit(i));
            i += 1;
        }
        s.push_str(tail);
        s.into_bytes()
    };
    let words = ["the", "talks", "between", "delegations", "continued", "over", "several", "issues", "of", "security", "and", "trade"];
    w("mb-words.txt", mb(&|i| format!("{} ", words[i % words.len()]), "", "\n"));
    w("mb-actors.txt", mb(&|i| format!("{} and ", names[i % 8]), "Lavrov met ", "Armenia in Moscow.\n"));
    w("mb-commas.txt", mb(&|i| format!("{}, ", names[i % 8]), "Lavrov met ", "Armenia.\n"));
    w("mb-parens.txt", format!("Russia condemned {}France{}.\n", "(Armenia ".repeat(100_000), ")".repeat(100_000)).into_bytes());
    w(
        "mb-clauses.txt",
        mb(&|i| format!("{} {} {}, ", names[i % 8], verbs[i % 5], names[(i * 3 + 1) % 8]), "Sergey Lavrov said that ", "Armenia.\n"),
    );
    let loop_dir = dir.join("loop-dir");
    std::fs::create_dir_all(&loop_dir).expect("mkdir");
    std::fs::write(loop_dir.join("a.txt"), "First.\n").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&loop_dir, loop_dir.join("loop")).expect("symlink");
    // Bad dictionary folders: a copy of the fixtures with `dicts/CASE.FILE` appended to FILE.
    let fixtures = root().join("tests/fixtures/petrarch");
    for entry in std::fs::read_dir(root().join("tests/bad-input/dicts")).expect("dicts").flatten() {
        let name = entry.file_name().into_string().expect("name");
        let Some((case, file)) = name.split_once('.') else { continue };
        let d = dir.join("dicts").join(case);
        std::fs::create_dir_all(&d).expect("mkdir");
        for f in ["verbs.txt", "actors.txt", "agents.txt", "discards.txt", "issues.txt"] {
            if !d.join(f).exists() {
                std::fs::copy(fixtures.join(f), d.join(f)).expect("copy fixture");
            }
        }
        let mut body = std::fs::read(d.join(file)).expect("fixture file");
        body.extend(std::fs::read(entry.path()).expect("append"));
        std::fs::write(d.join(file), body).expect("write");
    }
}

#[test]
fn bad_input_corpus() {
    let tmp = tempfile::tempdir().expect("tempdir");
    generate(tmp.path());
    let b = root().join("tests/bad-input");
    let f = root().join("tests/fixtures/petrarch");
    let d = tmp.path().join("dicts");
    let mut failures = Vec::new();
    for c in CASES {
        let args: Vec<String> = c
            .args
            .iter()
            .map(|a| {
                a.replace("{B}", &b.display().to_string())
                    .replace("{T}", &tmp.path().display().to_string())
                    .replace("{F}", &f.display().to_string())
                    .replace("{D}", &d.display().to_string())
            })
            .collect();
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_demarche"))
            .args(&args)
            .env_remove("DEMARCHE_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run demarche");
        // Read both pipes on threads so a large output cannot block the child.
        let mut so = child.stdout.take().expect("stdout");
        let mut se = child.stderr.take().expect("stderr");
        let out_t = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = std::io::Read::read_to_end(&mut so, &mut v);
            v
        });
        let err_t = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = std::io::Read::read_to_end(&mut se, &mut v);
            v
        });
        let bound = Duration::from_secs(c.secs);
        let status = loop {
            if let Some(s) = child.try_wait().expect("wait") {
                break Some(s);
            }
            if started.elapsed() > bound {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let took = started.elapsed();
        let stdout = String::from_utf8_lossy(&out_t.join().unwrap_or_default()).into_owned();
        let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
        let Some(status) = status else {
            failures.push(format!("{}: still running after {:?}", c.name, bound));
            continue;
        };
        let code = status.code().unwrap_or(-1);
        let short = |s: &str| s.chars().take(400).collect::<String>();
        if stderr.contains("panicked") || stderr.contains("stack overflow") || code == 101 || code == -1 {
            failures.push(format!("{}: crashed (exit {code}): {}", c.name, short(&stderr)));
        } else if !c.exit.contains(&code) {
            failures.push(format!("{}: exit {code}, expected one of {:?}: {}", c.name, c.exit, short(&stderr)));
        } else if !stderr.contains(c.stderr) {
            failures.push(format!("{}: stderr lacks {:?}: {}", c.name, c.stderr, short(&stderr)));
        } else if !stdout.contains(c.stdout) {
            failures.push(format!("{}: stdout lacks {:?}: {}", c.name, c.stdout, short(&stdout)));
        } else if !c.absent.is_empty() && stdout.contains(c.absent) {
            failures.push(format!("{}: stdout has {:?}: {}", c.name, c.absent, short(&stdout)));
        }
        eprintln!("{:<32} exit {code} in {took:.2?}", c.name);
    }
    assert!(failures.is_empty(), "{} of {} bad-input cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}
