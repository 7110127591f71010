//! Event places: one row per located event in `event_places`, written with the event in the
//! same transaction, and the place filters of [`EventFilter`](crate::EventFilter) (`--near`,
//! `--place-country`), applied as a semi-join on the event id.

use crate::StoreError;
use rusqlite::types::Value;
use rusqlite::Transaction;
use serde::Serialize;

/// Migration 1 -> 2: the event places.
pub(crate) const MIGRATION: &str = r#"
    CREATE TABLE event_places (
        event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        place TEXT NOT NULL,
        place_country TEXT NOT NULL,
        adm1 TEXT,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        geo_precision TEXT NOT NULL,
        geo_source TEXT NOT NULL
    );
    CREATE INDEX event_places_country ON event_places(place_country);
    CREATE INDEX event_places_latlon ON event_places(lat, lon);
"#;

/// The place filters of an event query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceFilter {
    /// Events within `km` kilometres of (`lat`, `lon`): `(lat, lon, km)`.
    pub near: Option<(f64, f64, f64)>,
    /// Events placed in this country (3-letter code).
    pub place_country: Option<String>,
}

/// A stored event's place (all null when it has none).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoredPlace {
    /// Place name.
    pub place: Option<String>,
    /// Its country.
    pub place_country: Option<String>,
    /// Its first-level division.
    pub adm1: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `city`, `adm1` or `country`.
    pub geo_precision: Option<String>,
    /// `locative`, `dateline` or `actor`.
    pub geo_source: Option<String>,
}

/// Store an event's place (nothing when it has none).
pub(crate) fn insert(tx: &Transaction, event_id: i64, l: &demarche_events::Location) -> rusqlite::Result<()> {
    let (Some(place), Some(country), Some(lat), Some(lon)) = (&l.place, &l.place_country, l.lat, l.lon) else { return Ok(()) };
    tx.prepare_cached(
        "INSERT INTO event_places(event_id, place, place_country, adm1, lat, lon, geo_precision, geo_source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![event_id, place, country, l.adm1, lat, lon, l.geo_precision, l.geo_source])?;
    Ok(())
}

/// Append the place conditions (each starting with " AND") of a filter over `events e`.
pub(crate) fn filter_sql(f: &PlaceFilter, sql: &mut String, args: &mut Vec<Value>) -> Result<(), StoreError> {
    let mut conds: Vec<String> = Vec::new();
    let arg = |args: &mut Vec<Value>, v: Value| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(c) = &f.place_country {
        if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(StoreError::Invalid(format!("--place-country expects a 3-letter country code such as UKR, found {c:?}")));
        }
        let p = arg(args, Value::Text(c.to_uppercase()));
        conds.push(format!("p.place_country = {p}"));
    }
    if let Some((lat, lon, km)) = f.near {
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) || km.is_nan() || km < 0.0 {
            return Err(StoreError::Invalid(format!("--near expects LAT,LON in degrees and --km a distance, found {lat},{lon} and {km}")));
        }
        // A bounding box on the index, then the equirectangular distance (good to well under 1%
        // at the distances such a filter is used for; no wrap at the antimeridian).
        let dlat = km / 111.195;
        let coslat = lat.to_radians().cos().max(0.01);
        let dlon = (km / (111.195 * coslat)).min(360.0);
        let (a, b, c, d) = (
            arg(args, Value::Real(lat - dlat)),
            arg(args, Value::Real(lat + dlat)),
            arg(args, Value::Real(lon - dlon)),
            arg(args, Value::Real(lon + dlon)),
        );
        conds.push(format!("p.lat BETWEEN {a} AND {b} AND p.lon BETWEEN {c} AND {d}"));
        let (la, lo, cl, k2) =
            (arg(args, Value::Real(lat)), arg(args, Value::Real(lon)), arg(args, Value::Real(coslat)), arg(args, Value::Real(km * km)));
        conds.push(format!(
            "((p.lat - {la}) * 111.195) * ((p.lat - {la}) * 111.195) + ((p.lon - {lo}) * 111.195 * {cl}) * ((p.lon - {lo}) * 111.195 * {cl}) <= {k2}"
        ));
    }
    if !conds.is_empty() {
        sql.push_str(&format!(" AND e.id IN (SELECT p.event_id FROM event_places p WHERE {})", conds.join(" AND ")));
    }
    Ok(())
}

/// The places of these events, by event id.
pub(crate) fn places_of(conn: &rusqlite::Connection, ids: &[i64]) -> rusqlite::Result<std::collections::HashMap<i64, StoredPlace>> {
    let mut out = std::collections::HashMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT place, place_country, adm1, lat, lon, geo_precision, geo_source FROM event_places WHERE event_id = ?1")?;
    for &id in ids {
        let row = stmt.query_row([id], |r| {
            Ok(StoredPlace {
                place: r.get(0)?,
                place_country: r.get(1)?,
                adm1: r.get(2)?,
                lat: r.get(3)?,
                lon: r.get(4)?,
                geo_precision: r.get(5)?,
                geo_source: r.get(6)?,
            })
        });
        match row {
            Ok(p) => {
                out.insert(id, p);
            }
            Err(rusqlite::Error::QueryReturnedNoRows) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

impl crate::Store {
    /// Fill in the places of stored events.
    pub(crate) fn attach_places(&self, rows: &mut [crate::StoredEvent]) -> Result<(), StoreError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut places = places_of(&self.conn, &ids).map_err(|e| self.err(e))?;
        for r in rows {
            if let Some(p) = places.remove(&r.id) {
                r.location = p;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{EventFilter, PlaceFilter, Store};

    #[test]
    fn stores_places_and_filters_by_distance_and_country() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open(&dir.path().join("p.db")).expect("open");
        let coder = demarche_events::Coder::builtin().expect("coder");
        let date = demarche_core::dates::parse_date("2025-01-22");
        let docs = [
            demarche_documents::Document::from_text("kyiv", "Russia attacked Ukraine near Kharkiv.", date),
            demarche_documents::Document::from_text("paris", "France praised Germany in Paris.", date),
            demarche_documents::Document::from_text("none", "Russia praised Armenia.", date),
        ];
        let coded: Vec<_> = docs.iter().map(|d| coder.code(&d.id, &d.text, None, d.date)).collect();
        let batch: Vec<_> = docs.iter().zip(&coded).collect();
        store.write_batch(&batch).expect("write");
        let all = store.events(&EventFilter::default()).expect("events");
        assert_eq!(all.len(), 3);
        let kharkiv = all.iter().find(|e| e.doc == "kyiv").expect("kyiv event");
        assert_eq!(kharkiv.location.place.as_deref(), Some("Kharkiv"));
        assert_eq!(kharkiv.location.geo_source.as_deref(), Some("locative"));
        // The actor-country fallback is stored too.
        let none = all.iter().find(|e| e.doc == "none").expect("event");
        assert_eq!((none.location.place_country.as_deref(), none.location.geo_source.as_deref()), (Some("RUS"), Some("actor")));
        let near = |lat, lon, km| {
            let f = EventFilter { place: PlaceFilter { near: Some((lat, lon, km)), place_country: None }, ..EventFilter::default() };
            store.events(&f).expect("near").into_iter().map(|e| e.doc).collect::<Vec<_>>()
        };
        // Kyiv to Kharkiv is about 410 km.
        assert_eq!(near(50.45, 30.52, 450.0), ["kyiv"]);
        assert!(near(50.45, 30.52, 350.0).is_empty());
        assert_eq!(near(48.85, 2.35, 10.0), ["paris"]);
        let f = EventFilter { place: PlaceFilter { near: None, place_country: Some("fra".into()) }, ..EventFilter::default() };
        assert_eq!(store.count_events(&f).expect("count"), 1);
        let f = EventFilter { place: PlaceFilter { near: None, place_country: Some("France".into()) }, ..EventFilter::default() };
        assert!(store.events(&f).is_err());
    }
}
