//! The coder's semantics on demarche's own fixture dictionaries (tests/fixtures/petrarch), in text
//! mode (no parse) and through the public API.

use demarche_petrarch::{records, validate, Dictionaries, DictionaryFiles, Mode, Options, Outcome};
use std::path::Path;

fn dicts() -> Dictionaries {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/petrarch");
    let files = DictionaryFiles::discover(&dir).expect("files");
    assert!(files.verbs.ends_with("verbs.txt"));
    assert_eq!(files.actors.len(), 1);
    Dictionaries::load(&files).expect("load")
}

fn code(d: &Dictionaries, text: &str, date: u32) -> Vec<String> {
    d.code(text, None, date, Mode::Text, &Options::default())
        .events()
        .iter()
        .map(|e| format!("{} {} {}", e.source, e.target, e.code))
        .collect()
}

#[test]
fn loads_every_kind_of_record() {
    let d = dicts();
    assert_eq!(d.verbs.blocks.len(), 10);
    assert_eq!(d.verbs.transformations.len(), 2);
    assert!(d.verbs.warnings.is_empty(), "{:?}", d.verbs.warnings);
    assert_eq!(d.discards.len(), 2);
    assert!(d.actors.agents.iter().any(|a| a.code == "NGO"));
}

#[test]
fn text_mode_semantics() {
    let d = dicts();
    // subject before the verb, target after it, the member's own code
    assert_eq!(code(&d, "Avalon condemned Brightwater on Monday.", 20150301), ["AVA BRW 122"]);
    // a prepositional phrase between subject and verb is stepped over
    assert_eq!(code(&d, "Avalon on Monday condemned Brightwater.", 20150301), ["AVA BRW 122"]);
    // passive with a by-agent
    assert_eq!(code(&d, "Elmira was attacked by the Cendran army.", 20150301), ["CENMIL ELM 190"]);
    // a pattern with [---] codes nothing
    assert!(code(&d, "Avalon did not attack Dunmore.", 20150301).is_empty());
    // the longest pattern wins; synset member joined by _
    assert_eq!(code(&d, "Dunmore shipped emergency shelter to Elmira.", 20150301), ["DUN ELM 0233"]);
    // a member of a synset written with a space is open, with `_` closed
    assert_eq!(code(&d, "Dunmore shipped emergency tents to Elmira.", 20150301), ["DUN ELM 070"]);
    // date-restricted codes
    assert_eq!(code(&d, "President March condemned Cendre.", 20150301), ["AVAGOV CEN 122"]);
    assert_eq!(code(&d, "President March condemned Cendre.", 20090301), ["AVAELI CEN 122"]);
    // compounds multiply; an agent before `from` applies to every member
    assert_eq!(code(&d, "Soldiers from Brightwater and Dunmore attacked Elmira.", 20150301), ["BRWMIL ELM 190", "DUNMIL ELM 190"]);
    // % : a compound's members act on each other
    assert_eq!(code(&d, "Avalon and Cendre met on Tuesday.", 20150301), ["AVA CEN 036", "CEN AVA 036"]);
    // transformations: reported attack → accusation; wanted attack → threat
    assert_eq!(code(&d, "Cendre said Dunmore attacked Elmira.", 20150301), ["CEN DUN 112"]);
    assert_eq!(code(&d, "Cendre wants Dunmore to attack Elmira.", 20150301), ["CEN DUN 138"]);
    // a negated verb codes nothing unless a pattern speaks of negation; a negated reported
    // event is not transformed (the report itself remains a statement)
    assert!(code(&d, "Avalon will not condemn Cendre.", 20150301).is_empty());
    assert_eq!(code(&d, "Cendre said Dunmore did not attack Elmira.", 20150301), ["CEN DUN 010"]);
    // coordinated verbs share the subject
    assert_eq!(code(&d, "Dunmore condemned the floods in Elmira and sent food to Elmira.", 20150301), ["DUN ELM 122", "DUN ELM 0233"]);
}

#[test]
fn discards_and_refusals() {
    let d = dicts();
    let o = Options::default();
    assert!(matches!(d.code("Avalon won the Football Cup.", None, 0, Mode::Text, &o), Outcome::Discarded { .. }));
    assert!(
        matches!(d.code("PORT MERRIN: Avalon condemned Cendre.", None, 0, Mode::Text, &o), Outcome::Refused { ref kind, .. } if kind == "dateline")
    );
    assert!(
        matches!(d.code("Avalon condemned Cendre.", None, 0, Mode::Tree, &o), Outcome::Refused { ref kind, .. } if kind == "bad_input_parse")
    );
    assert!(
        matches!(d.code("Avalon condemned Cendre.", Some("(ROOT (S (NP (NNP Avalon))"), 0, Mode::Tree, &o), Outcome::Refused { ref kind, .. } if kind == "bad_input_parse")
    );
}

#[test]
fn options_from_the_records_file_apply_in_order() {
    let d = dicts();
    let file = records::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/petrarch/records.xml")).expect("records");
    let report = validate::run(&d, &file, Mode::Tree, &Options::default());
    assert_eq!((report.passed, report.failed, report.skipped), (25, 0, 2));
    let one_sided = report.records.iter().find(|r| r.id == "CONFIG-02").expect("CONFIG-02");
    assert_eq!(one_sided.got, ["AVA --- 122"]);
}

#[test]
fn new_actors_are_named_by_their_whole_noun_phrase() {
    let d = dicts();
    let opts = Options { new_actor_length: 4, ..Options::default() };
    let parse = "(ROOT (S (NP (NNP Avalon)) (VP (VBD condemned) (NP (NP (DT the) (NNP Ministry)) (PP (IN of) (NP (NNP Rivers))))) (. .)))";
    let out = d.code("Avalon condemned the Ministry of Rivers.", Some(parse), 20150301, Mode::Tree, &opts);
    let got: Vec<String> = out.events().iter().map(|e| format!("{} {} {}", e.source, e.target, e.code)).collect();
    assert_eq!(got, ["AVA \"THE MINISTRY OF RIVERS\" 122"]);
    // longer than new_actor_length: not named, so no dyad
    let opts = Options { new_actor_length: 3, ..Options::default() };
    assert!(d.code("Avalon condemned the Ministry of Rivers.", Some(parse), 20150301, Mode::Tree, &opts).events().is_empty());
}
