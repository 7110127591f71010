//! Recognition tests on illustrative sentences written for this project.

use super::*;
use demarche_core::dates::parse_date;
use demarche_segment::segment;
use std::sync::OnceLock;

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::builtin().expect("kb"))
}

fn codes(text: &str, date: &str) -> Vec<(String, String)> {
    let sentences = segment(text, None);
    analyze(kb(), text, &sentences, parse_date(date))
        .into_iter()
        .flat_map(|s| s.mentions)
        .map(|m| (m.span.slice(text).to_string(), m.code))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn composition_of_agents_countries_and_people() {
    assert_eq!(
        codes("Federation Council Speaker Valentina Matviyenko will visit Armenia.", "2025-01-22"),
        pairs(&[("Federation Council Speaker Valentina Matviyenko", "RUSLEG"), ("Armenia", "ARM")])
    );
    assert_eq!(
        codes("The talks followed contacts between President Vladimir Putin and Prime Minister of Armenia Nikol Pashinyan.", "2025-01-22"),
        pairs(&[("President Vladimir Putin", "RUSGOV"), ("Prime Minister of Armenia Nikol Pashinyan", "ARMGOV")])
    );
    assert_eq!(
        codes("The Russian Embassy in Yerevan praised the Armenian leadership.", "2025-01-22"),
        pairs(&[("Russian Embassy", "RUSGOV"), ("Yerevan", "ARMGOV"), ("Armenian leadership", "ARMGOV")])
    );
    assert_eq!(codes("Armenia's FM arrived.", "2025-01-22"), pairs(&[("Armenia's FM", "ARMGOV")]));
    assert_eq!(codes("The Kremlin and the White House spoke.", "2025-01-22"), pairs(&[("The Kremlin", "RUSGOV"), ("the White House", "USAGOV")]));
}

#[test]
fn roles_change_with_the_date() {
    assert_eq!(codes("Donald Trump spoke.", "2012-05-01"), pairs(&[("Donald Trump", "USABUS")]));
    assert_eq!(codes("Donald Trump spoke.", "2022-05-01"), pairs(&[("Donald Trump", "USAELI")]));
    assert_eq!(codes("Donald Trump spoke.", "2025-03-01"), pairs(&[("Donald Trump", "USAGOV")]));
    assert_eq!(codes("Ararat Mirzoyan spoke.", "2020-03-01"), pairs(&[("Ararat Mirzoyan", "ARMLEG")]));
    assert_eq!(codes("Ararat Mirzoyan spoke.", "2022-03-01"), pairs(&[("Ararat Mirzoyan", "ARMGOV")]));
    // Before the Soviet Union ended, "Moscow" stands for its government.
    assert_eq!(codes("Moscow protested.", "1985-01-01"), pairs(&[("Moscow", "SUNGOV")]));
    assert_eq!(codes("Moscow protested.", "2005-01-01"), pairs(&[("Moscow", "RUSGOV")]));
    assert_eq!(codes("Aliyev spoke.", "2000-01-01")[0].1, "AZEGOV");
}

#[test]
fn case_possessives_and_hyphens() {
    assert_eq!(codes("Armenia’s economy grew.", "2025-01-22"), pairs(&[("Armenia", "ARM")]));
    assert_eq!(
        codes("The Armenian-Azerbaijani talks resumed.", "2025-01-22"),
        pairs(&[("Armenian", "ARM"), ("Azerbaijani", "AZE")])
    );
    assert!(codes("Tell us about turkey and chad.", "2025-01-22").is_empty());
    assert_eq!(codes("US troops left.", "2025-01-22"), pairs(&[("US troops", "USAMIL")]));
}

#[test]
fn compounds_and_groups() {
    let text = "Russia and Armenia agreed. The three countries of the South Caucasus met.";
    let sentences = segment(text, None);
    let found = analyze(kb(), text, &sentences, parse_date("2025-01-22"));
    let first: Vec<_> = found[0].mentions.iter().map(|m| (m.code.as_str(), m.compound)).collect();
    assert_eq!(first[0].1, first[1].1);
    assert!(first[0].1.is_some());
    let second: Vec<&str> = found[1].mentions.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(second, ["ARM", "AZE", "GEO"]);
}

#[test]
fn pronouns_in_a_speakers_turn() {
    let text = "Talks\nQuestion: What happened?\nSergey Lavrov: I met Ararat Mirzoyan. We discussed trade.\nAnna Berg and I agree. Our countries are close.\n";
    let sentences = segment(text, None);
    let found = analyze(kb(), text, &sentences, parse_date("2025-01-22"));
    let all: Vec<&Mention> = found.iter().flat_map(|s| &s.mentions).collect();
    let i = all.iter().find(|m| m.span.slice(text) == "I").expect("I");
    assert_eq!(i.code, "RUSGOV");
    assert_eq!(i.resolved_from.as_deref(), Some("Sergey Lavrov"));
    let we = all.iter().find(|m| m.span.slice(text) == "We").expect("we");
    assert_eq!(we.code, "RUSGOV");
    assert_eq!(we.partner.as_deref(), Some("ARMGOV"));
    assert!(!we.paired);
    let our = all.iter().find(|m| m.span.slice(text) == "Our").expect("our");
    assert!(our.paired);
}

#[test]
fn they_refers_to_the_last_pair() {
    let text = "The President of Russia and the Prime Minister of Armenia met. On January 17, they had a telephone conversation.";
    let sentences = segment(text, None);
    let found = analyze(kb(), text, &sentences, parse_date("2025-01-22"));
    let they: Vec<&str> = found[1].mentions.iter().filter(|m| m.is_pronoun()).map(|m| m.code.as_str()).collect();
    assert_eq!(they, ["RUSGOV", "ARMGOV"]);
}
