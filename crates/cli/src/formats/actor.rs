//! CAMEO actor codes split into the parts GDELT and PLOVER name: country, known group,
//! religion, role types (GDELT) and sectors (PLOVER), from `data/formats/cameo_actor_types.tsv`
//! and `data/formats/plover_sectors.tsv`.
//!
//! A CAMEO actor code is a string of three-letter parts: country or international type, then
//! region, roles, party, religion and organisation codes (`RUSGOV`, `IGOEUREEC`,
//! `NGOHRIAMN`). A part is classified by the kind the tables give it; an unclassified part
//! right after an international type (`IGO`, `NGO` ...) is the organisation (GDELT's
//! KnownGroupCode).

use std::collections::HashMap;
use std::sync::OnceLock;

const TYPES: &str = include_str!("../../../../data/formats/cameo_actor_types.tsv");
const SECTORS: &str = include_str!("../../../../data/formats/plover_sectors.tsv");

struct Tables {
    /// CAMEO part → kind (`primary_role`, `region`, `international_generic` ...).
    kind: HashMap<&'static str, &'static str>,
    /// CAMEO role → PLOVER sector.
    sector: HashMap<&'static str, &'static str>,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1).map(|l| l.split('\t').collect())
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut kind = HashMap::new();
        for r in rows(TYPES) {
            if let [code, k, ..] = r[..] {
                // The first kind given for a code wins (PLOVER's sector and country tables reuse
                // CAMEO's codes with other meanings: they are not CAMEO parts).
                if !k.starts_with("plover_") {
                    kind.entry(code).or_insert(k);
                }
            }
        }
        let sector = rows(SECTORS).filter_map(|r| match r[..] {
            [cameo, plover, ..] => Some((cameo, plover)),
            _ => None,
        });
        Tables { kind, sector: sector.collect() }
    })
}

/// GDELT's actor attribute columns for one actor code.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ActorParts {
    /// `Actor1CountryCode`.
    pub country: String,
    /// `Actor1KnownGroupCode`.
    pub known_group: String,
    /// `Actor1EthnicCode` (never known: CAMEO ethnic codes are not in our tables).
    pub ethnic: String,
    /// `Actor1Religion1Code`, `Actor1Religion2Code`.
    pub religion: [String; 2],
    /// `Actor1Type1Code` .. `Actor1Type3Code`.
    pub types: [String; 3],
    /// PLOVER sectors of the code's roles, in order, without repeats.
    pub sectors: Vec<String>,
}

/// Split `code` (with the coder's `country` for it, which may be empty or an international
/// code) into GDELT's and PLOVER's parts.
pub fn parts(code: &str, country: &str) -> ActorParts {
    let t = tables();
    let mut p = ActorParts::default();
    if code.is_empty() {
        return p;
    }
    let mut chunks: Vec<&str> = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3)).collect();
    let is_country = |c: &str| {
        c.len() == 3
            && c.bytes().all(|b| b.is_ascii_uppercase())
            && !matches!(
                t.kind.get(c),
                Some(&("international_generic" | "primary_role" | "secondary_role" | "tertiary_role" | "region" | "religion_first_trio"))
            )
    };
    if is_country(country) {
        p.country = country.to_string();
        if chunks.first() == Some(&country) {
            chunks.remove(0);
        }
    } else if let Some(first) = chunks.first().copied() {
        if !t.kind.contains_key(first) && country.is_empty() {
            p.country = first.to_string();
            chunks.remove(0);
        }
    }
    let mut types = Vec::new();
    let mut after_generic = false;
    let mut after_religion = false;
    for c in chunks {
        let kind = t.kind.get(c).copied().unwrap_or("");
        match kind {
            "primary_role" | "secondary_role" | "tertiary_role" | "gdelt_type_only" | "international_generic" => {
                if after_generic && kind == "gdelt_type_only" && p.known_group.is_empty() {
                    p.known_group = c.to_string();
                } else {
                    types.push(c);
                }
                after_generic |= kind == "international_generic";
                after_religion = false;
            }
            "religion_first_trio" if p.religion[0].is_empty() => {
                p.religion[0] = c.to_string();
                after_religion = true;
            }
            "region" => {}
            _ => {
                if after_generic && p.known_group.is_empty() {
                    p.known_group = c.to_string();
                } else if after_religion && p.religion[1].is_empty() {
                    p.religion[1] = c.to_string();
                }
                after_religion = false;
            }
        }
        if let Some(s) = t.sector.get(c) {
            if !p.sectors.iter().any(|x| x == s) {
                p.sectors.push(s.to_string());
            }
        }
    }
    for (slot, ty) in p.types.iter_mut().zip(types) {
        *slot = ty.to_string();
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str, country: &str, want: (&str, &str, [&str; 3], &[&str])) {
        let p = parts(code, country);
        assert_eq!((p.country.as_str(), p.known_group.as_str()), (want.0, want.1), "{code}");
        assert_eq!(p.types.each_ref().map(String::as_str), want.2, "{code}");
        assert_eq!(p.sectors, want.3, "{code}");
    }

    #[test]
    fn splits_codes_as_gdelt_and_plover_do() {
        check("RUSGOV", "RUS", ("RUS", "", ["GOV", "", ""], &["GOV"]));
        check("ARM", "ARM", ("ARM", "", ["", "", ""], &[]));
        check("IGOUNO", "IGOUNO", ("", "UNO", ["IGO", "", ""], &[]));
        check("IGOEUREEC", "IGOEUREEC", ("", "EEC", ["IGO", "", ""], &[]));
        check("NGOHRIAMN", "", ("", "AMN", ["NGO", "HRI", ""], &["SOC"]));
        check("USAMEDGOV", "USA", ("USA", "", ["MED", "GOV", ""], &["JRN", "GOV"]));
        check("", "", ("", "", ["", "", ""], &[]));
    }
}
