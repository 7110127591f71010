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

/// A name joined by a hyphen to another word qualifies a noun; a compass adjective alone is a
/// division only before a division word.
#[test]
fn attributive_names_are_not_places() {
    let none = Vec::<String>::new();
    assert_eq!(places("They discussed key issues in U.S.-China relations.")[0], none);
    assert_eq!(places("The talks focused on progress in Russia-Ukraine negotiations.")[0], none);
    assert_eq!(places("These are the values we represent in the Western world.")[0], none);
    assert_eq!(places("Rebels attacked a town in the Western region.")[0].len(), 1);
    // A hyphenated place name is still one name.
    assert_eq!(places("Shelling hit Ivano-Frankivsk and areas near Ivano-Frankivsk.")[0], ["Ivano-Frankivsk/UKR"]);
}

/// "The war in Ukraine was discussed": the place of the noun, not of the discussion; an event
/// on the target's ground (the war itself) keeps it.
#[test]
fn topic_places() {
    let g = builtin().expect("gazetteer");
    let text = "HELSINKI, July 13 (Reuters) - The war in Ukraine was also discussed.";
    let sentences = demarche_segment::segment(text, None);
    let actors = demarche_actors::analyze(kb(), text, &sentences, None);
    let d = DocumentPlaces::analyze(g, text, &sentences, &actors);
    let loc = d.locate_at(0, "FIN", "USA", Venue::Source);
    assert_eq!((loc.place.as_deref(), loc.geo_source), (Some("Helsinki"), Some("dateline")));
    let loc = d.locate_at(0, "RUS", "UKR", Venue::Target);
    assert_eq!((loc.place.as_deref(), loc.geo_source), (Some("Ukraine"), Some("locative")));
    // Without a topic noun the place is the event's.
    let loc = locate("HELSINKI, July 13 (Reuters) - Biden met Niinisto in Vilnius.", 0, "USA", "FIN");
    assert_eq!(loc.place.as_deref(), Some("Vilnius"));
}

/// "the capital of my country, Abu Dhabi": a place in apposition to a settlement noun.
#[test]
fn apposition() {
    assert_eq!(places("The group launched attacks against the capital of my country, Abu Dhabi.")[0], ["Abu Dhabi/ARE"]);
    assert_eq!(places("Missiles struck the capital, Kyiv, overnight.")[0], ["Kyiv/UKR"]);
    // A comma alone is no cue.
    assert_eq!(places("After the vote, Kyiv responded.")[0], Vec::<String>::new());
}

/// A readout's opening sentence says where the meeting was: the place of the sentences after
/// it that name none; the dateline comes first, and a sentence without a meeting word sets none.
#[test]
fn opening_venue() {
    let text = "Sullivan met today with Yang Jiechi in Luxembourg. The meeting included discussion of issues in U.S.-China relations.";
    let loc = locate(text, 1, "USA", "CHN");
    assert_eq!((loc.place.as_deref(), loc.geo_source), (Some("Luxembourg"), Some("venue")));
    let text = "Protests continued in Paris. France and Germany signed a deal.";
    let loc = locate(text, 1, "FRA", "DEU");
    assert_eq!((loc.place.as_deref(), loc.geo_source), (Some("France"), Some("actor")));
    let text = "MOSCOW, April 13 (Reuters) - Lavrov met Mirzoyan in Yerevan. Both sides praised the talks.";
    let loc = locate(text, 1, "RUS", "ARM");
    assert_eq!((loc.place.as_deref(), loc.geo_source), (Some("Moscow"), Some("dateline")));
}

/// "the Geneva summit" names where the summit was: the sentence's place when it names no other.
#[test]
fn attributive_event_places() {
    assert_eq!(places("The Geneva summit ended without a deal.")[0], ["Geneva/CHE"]);
    let loc = locate("The leaders prepared the Geneva summit in Vienna.", 0, "USA", "RUS");
    assert_eq!(loc.place.as_deref(), Some("Vienna"));
    assert_eq!(places("Biden met Erdogan on the sidelines of the Vilnius summit.")[0], ["Vilnius/LTU"]);
    assert_eq!(places("Both sides spoke during the Geneva talks.")[0], ["Geneva/CHE"]);
    // As an object it is what the event is about; a name before another noun is no place.
    assert_eq!(places("I want to thank you for the Vilnius meeting.")[0], Vec::<String>::new());
    assert_eq!(places("The Geneva Conventions apply.")[0], Vec::<String>::new());
}
