//! Table-driven tests: one sentence or document, the place its first event gets.

use super::*;
use demarche_actors::KnowledgeBase;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::builtin().expect("kb"))
}

/// The places of each sentence of `text`, as `name/COUNTRY`.
fn places(text: &str) -> Vec<Vec<String>> {
    let g = builtin().expect("gazetteer");
    let sentences = demarche_segment::segment(text, None);
    let actors = demarche_actors::analyze(kb(), text, &sentences, None);
    let d = DocumentPlaces::analyze(g, text, &sentences, &actors);
    d.sentences.iter().map(|s| s.iter().map(|m| format!("{}/{}", g.place(m.place).name, g.place(m.place).country)).collect()).collect()
}

fn locate(text: &str, sentence: usize, src: &str, tgt: &str) -> Location {
    let g = builtin().expect("gazetteer");
    let sentences = demarche_segment::segment(text, None);
    let actors = demarche_actors::analyze(kb(), text, &sentences, None);
    DocumentPlaces::analyze(g, text, &sentences, &actors).locate(sentence, src, tgt)
}

#[test]
fn loads_the_builtin_gazetteer() {
    let g = builtin().expect("gazetteer");
    assert!(g.len() > 30_000, "{}", g.len());
    assert!(g.named("Hanoi").iter().any(|id| g.place(id).country == "VNM"));
}

#[test]
fn locatives() {
    let cases: &[(&str, &[&str])] = &[
        ("Lavrov met Mirzoyan in Hanoi on Monday.", &["Hanoi/VNM"]),
        ("The ministers met at the UN in New York.", &["New York City/USA"]),
        ("Shelling was reported near Kharkiv.", &["Kharkiv/UKR"]),
        ("Israel struck targets in southern Lebanon.", &["Lebanon/LBN"]),
        ("Talks were held in the city of Aleppo.", &["Aleppo/SYR"]),
        ("Putin visited Ulaanbaatar.", &[]),
        ("Putin paid a visit to Ulaanbaatar.", &["Ulan Bator/MNG"]),
        ("Troops massed outside Kyiv.", &["Kyiv/UKR"]),
        ("Fighting continued in the Donetsk region.", &["Donetsk/UKR"]),
        // A place's own name beats another's alternate (Dayton, Ohio was once "Venice").
        ("The conference opened at Venice.", &["Venice/ITA"]),
        // Continents are not places of the gazetteer ("Africa" was Mahdia's old name).
        ("The situation in southern Africa worsened.", &[]),
    ];
    for (text, want) in cases {
        let got = places(text);
        assert_eq!(got[0], *want, "{text}");
    }
}

#[test]
fn metonym_is_not_a_place() {
    // A capital standing for its government is an actor; "in Moscow" is a place.
    assert_eq!(places("Moscow condemned the decision.")[0], Vec::<String>::new());
    assert_eq!(places("Washington imposed sanctions on Caracas.")[0], Vec::<String>::new());
    assert_eq!(places("The talks in Moscow ended.")[0], ["Moscow/RUS"]);
    // A name inside an organisation's name is not a place.
    assert_eq!(places("Leaders met in the Shanghai Cooperation Organisation.")[0], Vec::<String>::new());
}

#[test]
fn ambiguous_names() {
    // Population decides alone; a qualifier or the document's countries decide otherwise.
    assert_eq!(places("The summit was held in Paris.")[0], ["Paris/FRA"]);
    assert_eq!(places("The rally was held in Paris, Texas.")[0], ["Paris/USA"]);
    assert_eq!(places("Protesters gathered in Moscow, Idaho.")[0], ["Moscow/USA"]);
    assert_eq!(places("The United States and Mexico met in Paris, Texas.")[0], ["Paris/USA"]);
    // Georgia the country unless the state is meant.
    assert_eq!(places("Armenia and Azerbaijan met in Georgia.")[0], ["Georgia/GEO"]);
    assert_eq!(places("The governor spoke in Atlanta, Georgia.")[0], ["Atlanta/USA"]);
}

#[test]
fn nested_locatives() {
    // "a village near X in Y": both are places; Y agrees with X.
    let got = places("A drone hit a village near Izium in Ukraine.");
    assert_eq!(got[0], ["Izyum/UKR", "Ukraine/UKR"]);
    let loc = locate("A drone hit a village near Izium in Ukraine.", 0, "RUS", "UKR");
    assert_eq!((loc.place.as_deref(), loc.geo_precision), (Some("Izyum"), Some("city")));
}

#[test]
fn datelines() {
    let text = "MOSCOW, April 13 (Reuters) - Russia and Armenia signed an agreement.\nThe deal covers gas.";
    let loc = locate(text, 1, "RUS", "ARM");
    assert_eq!((loc.place.as_deref(), loc.geo_source), (Some("Moscow"), Some("dateline")));
    let text = "KYIV, Ukraine (AP) — Ukraine accused Russia of shelling.";
    let loc = locate(text, 0, "UKR", "RUS");
    assert_eq!((loc.place.as_deref(), loc.place_country.as_deref()), (Some("Kyiv"), Some("UKR")));
    // A venue line under a transcript's title.
    let text = "---\ntitle: Remarks\n---\n\nPresidential Palace\nHelsinki, Finland\n\n5:39 P.M.\n\nTHE PRESIDENT: We thank Finland for its support.";
    let loc = locate(text, 2, "USA", "FIN");
    assert_eq!((loc.place.as_deref(), loc.geo_source), (Some("Helsinki"), Some("dateline")));
    let text = "*Commerzbank\nMunich, Germany*\n\nVICE PRESIDENT HARRIS: We support Ukraine.";
    assert_eq!(locate(text, 1, "USA", "UKR").place.as_deref(), Some("Munich"));
    // A sentence's own place beats the dateline.
    let text = "MOSCOW, April 13 - Lavrov met Mirzoyan in Yerevan.";
    assert_eq!(locate(text, 0, "RUS", "ARM").place.as_deref(), Some("Yerevan"));
}

#[test]
fn actor_country_fallback() {
    let loc = locate("Russia criticised Armenia.", 0, "RUSGOV", "ARMGOV");
    assert_eq!(loc.geo_source, None);
    let loc = locate("Russia criticised Armenia.", 0, "RUS", "ARM");
    assert_eq!((loc.place_country.as_deref(), loc.geo_source, loc.geo_precision), (Some("RUS"), Some("actor"), Some("country")));
}

/// A visit or an attack takes place on the target's ground: its country beats the dateline
/// unless the dateline is in it; the sentence's own place beats both.
#[test]
fn target_venue() {
    let g = builtin().expect("gazetteer");
    let at = |text: &str, si: usize, venue: Venue| {
        let sentences = demarche_segment::segment(text, None);
        let actors = demarche_actors::analyze(kb(), text, &sentences, None);
        let loc = DocumentPlaces::analyze(g, text, &sentences, &actors).locate_at(si, "RUS", "UKR", venue);
        (loc.place, loc.place_country, loc.geo_source)
    };
    let text = "MOSCOW, April 13 (Reuters) - Russia attacked Ukraine overnight.";
    assert_eq!(at(text, 0, Venue::Target), (Some("Ukraine".into()), Some("UKR".into()), Some("actor")));
    assert_eq!(at(text, 0, Venue::Source).2, Some("dateline"));
    let text = "KYIV, April 13 (Reuters) - Russia attacked Ukraine overnight.";
    assert_eq!(at(text, 0, Venue::Target), (Some("Kyiv".into()), Some("UKR".into()), Some("dateline")));
    let text = "Russia attacked Ukraine near Kharkiv.";
    assert_eq!(at(text, 0, Venue::Target).0.as_deref(), Some("Kharkiv"));
    let text = "Russia attacked Ukraine.";
    assert_eq!(at(text, 0, Venue::Source).1.as_deref(), Some("RUS"));
}

#[test]
fn distances() {
    let d = distance_km(48.8534, 2.3488, 55.7520, 37.6178);
    assert!((d - 2486.0).abs() < 10.0, "{d}");
}
