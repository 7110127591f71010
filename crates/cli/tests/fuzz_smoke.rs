//! Fuzzing without libFuzzer: every fuzz target (`tests/fuzz/bodies.rs`, shared with the
//! cargo-fuzz targets in `fuzz/`) runs on its regression inputs (`tests/fuzz/regressions/`:
//! every crash the fuzzers found, kept), on the bad-input corpus (`tests/bad-input/`), then on
//! random mutations of them for `DEMARCHE_FUZZ_SECS` seconds in all (default 10; `.ci/run`
//! gives it more). A panic is a failure that prints the target and the input's bytes, and the
//! input is written to `target/fuzz-crashes/` to be kept as a regression.

#[path = "../../../tests/fuzz/bodies.rs"]
mod bodies;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Seeds: the regressions of a target, then the whole bad-input corpus, then the examples.
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let r = root();
    let mut out: Vec<Vec<u8>> = Vec::new();
    for dir in [
        r.join("tests/fuzz/regressions").join(target),
        r.join("tests/fuzz/seeds").join(target),
        r.join("tests/bad-input"),
        r.join("examples"),
    ] {
        for f in files_in(&dir) {
            if let Ok(b) = std::fs::read(&f) {
                // Large seeds are cut: the smoke run is about many executions.
                out.push(b.into_iter().take(64 * 1024).collect());
            }
        }
    }
    out.push(Vec::new());
    out
}

/// xorshift64*: deterministic per run seed, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"<div>",
    b"<b>",
    b"<pre>",
    b"<Sentence date=\"20150609\" id=\"x\">",
    b"</Sentence>",
    b"<Text>",
    b"</Text>",
    b"<Parse>",
    b"(",
    b")",
    b"(S ",
    b"(NP (NNP Russia))",
    b"(VP (VBD met) ",
    b"{",
    b"}",
    b"\"",
    b"\":\"",
    b"\"date\":\"",
    b"\"text\":\"",
    b"[",
    b"]",
    b"[USA]",
    b"[~GOV]",
    b"+",
    b"&X",
    b"&X\n+&X",
    b"~ a (b c D) E = a b 010",
    b"---",
    b" [010] ---",
    b"- * ",
    b"_",
    b"!X! = a,b\n",
    b"\t",
    b"\n",
    b"\r\n",
    b" and ",
    b", ",
    b"; ",
    b". ",
    b"Q: ",
    b"A: ",
    b"Lavrov: ",
    b"Russia",
    b"Armenia",
    b"met",
    b"condemned",
    b"yesterday",
    b"three years ago",
    b"next week",
    b"on Monday",
    b"January 17",
    b"9999",
    b"0001",
    b"2025-01-22",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\xe2\x80\x8b",
    b"\xf0\x9f\x98\x80",
    b"&amp;",
    b"&#0;",
    b"]]>",
    b"<![CDATA[",
    b"\\u0000",
    b"\\ud800",
    b"1e999",
    b"-1",
    b"18446744073709551616",
];

fn mutate(rng: &mut Rng, seed: &[u8], pool: &[Vec<u8>]) -> Vec<u8> {
    let mut d = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        match rng.below(8) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = rng.next() as u8;
            }
            1 if !d.is_empty() => {
                let i = rng.below(d.len());
                let n = rng.below(16).min(d.len() - i);
                d.drain(i..i + n);
            }
            2 | 3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(d.len() + 1);
                let times = if rng.below(8) == 0 { 1 + rng.below(2000) } else { 1 };
                let ins: Vec<u8> = t.iter().copied().cycle().take(t.len() * times).collect();
                d.splice(i..i, ins);
            }
            4 if !d.is_empty() => {
                // Duplicate a slice (repetition makes deep nesting and long lists).
                let i = rng.below(d.len());
                let n = (1 + rng.below(64)).min(d.len() - i);
                let piece = d[i..i + n].to_vec();
                let times = 1 + rng.below(50);
                let at = rng.below(d.len() + 1);
                d.splice(at..at, piece.iter().copied().cycle().take(n * times));
            }
            5 if !pool.is_empty() => {
                // Splice in part of another seed.
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let i = rng.below(other.len());
                    let n = (1 + rng.below(256)).min(other.len() - i);
                    let at = rng.below(d.len() + 1);
                    d.splice(at..at, other[i..i + n].iter().copied());
                }
            }
            6 if d.len() > 1 => d.truncate(rng.below(d.len())),
            _ => d.push(rng.next() as u8),
        }
    }
    d.truncate(256 * 1024);
    d
}

/// The longest one execution may take (a bound on work, as for a request).
const SLOW: Duration = Duration::from_secs(5);

fn run_one(target: &str, data: &[u8]) -> Result<(), String> {
    let t = target.to_string();
    let d = data.to_vec();
    let started = Instant::now();
    std::panic::catch_unwind(move || bodies::run(&t, &d))
        .map_err(|e| e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default())?;
    let took = started.elapsed();
    if took > SLOW {
        return Err(format!("slow input: {took:.1?} for {} bytes", data.len()));
    }
    Ok(())
}

fn save_crash(target: &str, data: &[u8]) -> PathBuf {
    let dir = root().join("target/fuzz-crashes").join(target);
    let _ = std::fs::create_dir_all(&dir);
    let mut h: u64 = 0xcbf29ce484222325;
    for b in data {
        h = (h ^ *b as u64).wrapping_mul(0x100000001b3);
    }
    let p = dir.join(format!("crash-{h:016x}"));
    let _ = std::fs::write(&p, data);
    p
}

#[test]
fn regressions_and_smoke_fuzz() {
    // Panics are expected and caught: keep their messages off the test output.
    std::panic::set_hook(Box::new(|_| {}));
    let secs: u64 = std::env::var("DEMARCHE_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let per_target = Duration::from_secs(secs).div_f64(bodies::TARGETS.len() as f64);
    // A fixed number of mutations per target instead of a time budget: the same inputs on every
    // run, so a CI gate does not depend on the machine's speed (new finds come from long runs).
    let execs_per_target: Option<u64> = std::env::var("DEMARCHE_FUZZ_EXECS").ok().and_then(|s| s.parse().ok());
    let mut rng = Rng(std::env::var("DEMARCHE_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9E3779B97F4A7C15));
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for target in bodies::TARGETS {
        let pool = seeds(target);
        let started = Instant::now();
        let mut execs = 0u64;
        for s in &pool {
            execs += 1;
            if let Err(msg) = run_one(target, s) {
                failures.push(format!("{target}: seed input crashes ({msg}): saved as {}", save_crash(target, s).display()));
            }
        }
        while match execs_per_target {
            Some(n) => execs < n,
            None => started.elapsed() < per_target,
        } {
            let pick = rng.below(pool.len());
            let input = mutate(&mut rng, &pool[pick], &pool);
            execs += 1;
            if let Err(msg) = run_one(target, &input) {
                failures.push(format!("{target}: {msg}: saved as {}", save_crash(target, &input).display()));
                if failures.len() > 20 {
                    break;
                }
            }
        }
        report.push(format!("{target}: {execs} executions in {:.1?}", started.elapsed()));
    }
    let _ = std::panic::take_hook();
    eprintln!("fuzz smoke:\n  {}", report.join("\n  "));
    assert!(failures.is_empty(), "fuzz crashes:\n{}", failures.join("\n"));
}
