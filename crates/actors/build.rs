//! Compiles the built-in knowledge base: every `.tsv` file under `data/actors/` (recursively) is
//! parsed and indexed here, with the crate's own loader, and written to `OUT_DIR/actors.kb` in the
//! binary form of `src/compiled.rs`, which `KnowledgeBase::builtin` reads back at start-up.
//! Adding a file is a data change, never a code change. Files are taken in path order, with
//! folders of imported data (`phoenix/`) after the curated files. The file list and contents are
//! also embedded (`builtin_actors.rs`) for tests and `KnowledgeBase::builtin_from_tsv`.
#![allow(dead_code, unused_imports, missing_docs, clippy::all)]

#[path = "src/compiled.rs"]
mod compiled;
#[path = "src/error.rs"]
mod error;
#[path = "src/kb.rs"]
mod kb;
#[path = "src/matcher.rs"]
mod matcher;
#[path = "src/tokens.rs"]
mod tokens;

pub use error::ActorError;
// The loader refers to these; the build script has no built-in knowledge of its own.
const BUILTIN: &[(&str, &str)] = &[];
const COMPILED: &[u8] = &[];

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "tsv") {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let root = manifest.join("../..");
    let data = root.join("data/actors");
    println!("cargo:rerun-if-changed={}", data.display());
    for f in ["src/error.rs", "src/tokens.rs", "src/matcher.rs", "src/kb.rs", "src/compiled.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let mut files = Vec::new();
    collect(&data, &mut files);
    let rel = |p: &PathBuf| p.strip_prefix(&root).unwrap_or(p).to_string_lossy().replace('\\', "/");
    files.sort_by_key(|p| (rel(p).contains("/phoenix/"), rel(p)));
    let mut list = String::from("&[\n");
    let mut texts = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let abs = f.canonicalize().unwrap_or_else(|_| f.clone());
        list.push_str(&format!("    ({:?}, include_str!({:?})),\n", rel(f), abs.to_string_lossy()));
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: cannot read: {e}", f.display()));
        texts.push((format!("<builtin>/{}", rel(f)), text));
    }
    list.push_str("]\n");
    let kb = kb::KnowledgeBase::from_files(texts.iter().map(|(n, t)| (n.clone(), t.as_str())))
        .unwrap_or_else(|e| panic!("the built-in knowledge base does not load: {e}"));
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    for (name, bytes) in [("builtin_actors.rs", list.into_bytes()), ("actors.kb", compiled::write(&kb))] {
        if let Err(e) = std::fs::write(out.join(name), bytes) {
            panic!("cannot write {}: {e}", out.join(name).display());
        }
    }
}
