//! A speech with a known author and no speaker labels is the author's statement: every UN General
//! Debate speech of the gold corpus, segmented with its author state (`--author-country`), labels
//! at least 95% of its body sentences (all but the headline) `statement`.

use demarche_core::Section;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn un_speeches_with_an_author_are_statements() {
    let docs = std::fs::read_to_string(root().join("tests/gold/docs.tsv")).expect("tests/gold/docs.tsv");
    let mut checked = 0;
    let mut below = Vec::new();
    for line in docs.lines().filter(|l| !l.starts_with('#') && !l.starts_with("stem\t")) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(file), Some(kind), Some(author)) = (cols.get(1), cols.get(2), cols.get(4)) else { continue };
        if *kind != "un-general-debate" {
            continue;
        }
        let text = std::fs::read_to_string(root().join("tests/gold/corpus").join(file)).expect("gold document");
        let ctx = demarche_segment::Context { author_country: Some(author), ..Default::default() };
        let sentences = demarche_segment::segment_document(&text, &ctx).sentences;
        let body: Vec<_> = sentences.iter().filter(|s| s.section != Section::Headline).collect();
        let statements = body.iter().filter(|s| s.section == Section::Statement).count();
        if statements * 100 < body.len() * 95 {
            below.push(format!("{file}: {statements} of {} body sentences are statements", body.len()));
        }
        checked += 1;
    }
    assert!(checked >= 5, "UN speeches not found in tests/gold/docs.tsv");
    assert!(below.is_empty(), "{}", below.join("\n"));
}
