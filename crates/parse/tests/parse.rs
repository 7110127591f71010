//! Training reproducibility on a tiny treebank written for the tests, model loading errors,
//! CoNLL-U round trips, and the built-in model on raw text.

#![allow(clippy::unwrap_used)] // a failing unwrap in a test helper is a failing test

use demarche_parse::conllu::{self, Row};
use demarche_parse::{train, Model, Parse, ParseError, TrainOptions, FORMAT_VERSION};

const TINY: &str = include_str!("fixtures/tiny.conllu");

fn tiny_model() -> Vec<u8> {
    let sents = conllu::read(TINY).unwrap();
    let opts = TrainOptions { tagger_epochs: 4, parser_epochs: 4, jackknife: 2, min_weight: 1, ..TrainOptions::default() };
    train(&sents, &sents, &opts, &mut |_| {}).unwrap().to_bytes()
}

#[test]
fn training_is_reproducible() {
    let a = tiny_model();
    let b = tiny_model();
    assert!(a.len() > 100);
    assert_eq!(a, b, "two runs with the same seed must give the same bytes");
    let sents = conllu::read(TINY).unwrap();
    let other = train(
        &sents,
        &sents,
        &TrainOptions { seed: 2, tagger_epochs: 4, parser_epochs: 4, jackknife: 2, min_weight: 1, ..TrainOptions::default() },
        &mut |_| {},
    )
    .unwrap()
    .to_bytes();
    // Another seed shuffles differently (the model may or may not differ, but it must load).
    Model::from_bytes(&other).unwrap();
}

#[test]
fn tiny_model_learns_its_treebank() {
    let m = Model::from_bytes(&tiny_model()).unwrap();
    let gold = conllu::read(TINY).unwrap();
    let mut p = m.parser();
    let mut parse = Parse::default();
    let system: Vec<_> = gold.iter().map(|s| p.reparse(s, &mut parse)).collect();
    let s = demarche_parse::score(&gold, &system).unwrap();
    assert!(s.upos_pct() > 90.0, "{s}");
    assert!(s.uas_pct() > 80.0, "{s}");
    // Every parse is a tree with one root.
    for s in &system {
        assert_eq!(s.words().filter(|w| w[6] == "0").count(), 1);
    }
}

fn model_error(bytes: &[u8]) -> String {
    match Model::from_bytes(bytes) {
        Err(e @ ParseError::Model(_)) => e.to_string(),
        Err(e) => panic!("not a model error: {e}"),
        Ok(_) => panic!("loaded a bad model"),
    }
}

#[test]
fn bad_models_are_refused_clearly() {
    let good = tiny_model();
    assert!(model_error(&good[..good.len() - 10]).contains("truncated"));
    assert!(model_error(&good[..20]).contains("truncated"));
    assert!(model_error(b"hello world, not a model at all").contains("magic"));
    assert!(model_error(b"").contains("magic"));
    let mut v = good.clone();
    v[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let e = model_error(&v);
    assert!(e.contains("version") && e.contains("retrain"), "{e}");
    let mut c = good.clone();
    let last = c.len() - 1;
    c[last] ^= 0x55;
    assert!(model_error(&c).contains("checksum"));
    let mut t = good;
    t.push(0);
    assert!(model_error(&t).contains("trailing"));
}

#[test]
fn conllu_round_trip() {
    let text = "# sent_id = a\n# text = I don't know.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
    let sents = conllu::read(text).unwrap();
    assert_eq!(sents.len(), 1);
    assert_eq!(sents[0].forms(), ["do", "n't", "know", "."]);
    let mut out = String::new();
    sents[0].write(&mut out);
    assert_eq!(out, text);
    let fixture = conllu::read(TINY).unwrap();
    let mut all = String::new();
    for s in &fixture {
        s.write(&mut all);
    }
    assert_eq!(all, TINY);

    // Re-parsing keeps ids, forms, comments, multi-word tokens and MISC.
    let m = Model::from_bytes(&tiny_model()).unwrap();
    let r = m.parser().reparse(&sents[0], &mut Parse::default());
    assert_eq!(r.comments, sents[0].comments);
    assert!(matches!(&r.rows[0], Row::Other(l) if l.starts_with("1-2\tdon't")));
    let words: Vec<_> = r.words().collect();
    assert_eq!(words.iter().map(|w| w[1].as_str()).collect::<Vec<_>>(), ["do", "n't", "know", "."]);
    assert_eq!(words[2][9], "SpaceAfter=No");
    assert_eq!(
        conllu::read(&{
            let mut o = String::new();
            r.write(&mut o);
            o
        })
        .unwrap()[0],
        r
    );
}

#[test]
fn conllu_errors_name_the_line() {
    let e = conllu::read("1\ta\n").unwrap_err().to_string();
    assert!(e.contains("line 1") && e.contains("columns"), "{e}");
    let e = conllu::read("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n").unwrap_err().to_string();
    assert!(e.contains("line 2"), "{e}");
}

#[test]
fn scoring_matches_the_shared_task_rules() {
    let gold = conllu::read(TINY).unwrap();
    let mut sys = gold.clone();
    // A subtype differs: LAS counts the universal part only.
    if let Row::Word(c) = &mut sys[4].rows[1] {
        c[7] = "nsubj".into();
    }
    // A wrong head.
    if let Row::Word(c) = &mut sys[0].rows[0] {
        c[6] = "3".into();
    }
    let s = demarche_parse::score(&gold, &sys).unwrap();
    assert_eq!(s.words, s.upos);
    assert_eq!(s.uas, s.words - 1);
    assert_eq!(s.las, s.words - 1);
    assert!(demarche_parse::score(&gold, &sys[1..]).is_err());
}

#[test]
fn builtin_model_parses_raw_text() {
    let m = Model::builtin().unwrap();
    let mut p = m.parser();
    let mut parse = Parse::default();
    p.parse_text("Russia's foreign minister didn't meet officials in Hanoi on Tuesday.", &mut parse);
    let forms: Vec<&str> = (0..parse.len()).map(|i| parse.form(i)).collect();
    assert_eq!(forms, ["Russia", "'s", "foreign", "minister", "did", "n't", "meet", "officials", "in", "Hanoi", "on", "Tuesday", "."]);
    let root = parse.root().unwrap();
    assert_eq!(parse.form(root), "meet");
    assert_eq!(m.upos(parse.word(root).tag), "VERB");
    assert_eq!(m.rel(parse.word(3).rel), "nsubj");
    assert_eq!(parse.word(3).head, Some(root));
    assert_eq!(m.lemma(parse.form(6), parse.word(6).tag), "meet");
    let nps = parse.noun_phrases(m);
    assert!(nps.iter().any(|np| np.head == 3 && np.first <= 2 && np.last == 3), "{nps:?}");
    assert_eq!(parse.words().iter().filter(|w| w.head.is_none()).count(), 1);
}
