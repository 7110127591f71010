//! The gazetteer: countries, first-level divisions and populated places of `data/places/`,
//! indexed by every name in the normalised form the tokenizer gives (lower case, dots dropped,
//! hyphens as their own token), so a run of tokens is looked up without building strings.

use crate::cues::Cues;
use crate::GeoError;
use rustc_hash::{FxHashMap, FxHasher};

use std::hash::Hasher;

/// What a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A populated place.
    City,
    /// A first-level administrative division (state, province, oblast).
    Adm1,
    /// A state or territory.
    Country,
}

impl PlaceKind {
    /// `city`, `adm1` or `country`: the event's `geo_precision`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Adm1 => "adm1",
            PlaceKind::Country => "country",
        }
    }
}

/// A typed index into the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceId(pub u32);

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Its main name.
    pub name: &'static str,
    /// City, ADM1 or country.
    pub kind: PlaceKind,
    /// The project's 3-letter country code (`data/actors/countries.tsv`).
    pub country: &'static str,
    /// GeoNames ADM1 code within the country (empty for a country).
    pub adm1: &'static str,
    /// Latitude (WGS84 degrees).
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population.
    pub population: u64,
}

/// The places and the name index.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// (name key, place), sorted: a name's places are a run.
    index: Vec<(u64, PlaceId)>,
    /// Where each run of keys with the same top [`BUCKET_BITS`] bits starts in `index` (and
    /// one past the end): a lookup searches a few entries, not the whole index.
    buckets: Vec<u32>,
    /// (country, adm1 code) → the ADM1 entry.
    adm1: FxHashMap<(&'static str, &'static str), PlaceId>,
    /// country → the country entry.
    countries: FxHashMap<&'static str, PlaceId>,
    max_tokens: usize,
    /// The words that make a name a place mention (`data/places/cues.tsv`).
    cues: Cues,
}

const COUNTRIES: &str = include_str!("../../../data/places/countries.tsv");
const ADM1: &str = include_str!("../../../data/places/adm1.tsv");
const CITIES: &str = include_str!("../../../data/places/cities.tsv");

/// Bits of a key that choose its bucket: 2^16 buckets of about five entries each.
const BUCKET_BITS: u32 = 16;

/// Hash of a name's normalised tokens: feed each token's norm with [`KeyHasher::push`].
#[derive(Default)]
pub struct KeyHasher {
    h: FxHasher,
    tokens: usize,
}

impl KeyHasher {
    /// Add one token's normalised form.
    pub fn push(&mut self, norm: &str) {
        self.h.write(norm.as_bytes());
        self.h.write_u8(0xff);
        self.tokens += 1;
    }
    /// The key.
    pub fn finish(&self) -> u64 {
        self.h.finish()
    }
}

/// The key of a name written in the gazetteer: the tokenizer's norms (lower case, `.` dropped,
/// curly apostrophes straightened, `-` its own token), hashed; and its number of tokens.
pub fn name_key(name: &str) -> (u64, usize) {
    let mut k = KeyHasher::default();
    let mut buf = String::new();
    let flush = |buf: &mut String, k: &mut KeyHasher| {
        if !buf.is_empty() {
            k.push(buf);
            buf.clear();
        }
    };
    for c in name.chars() {
        match c {
            c if c.is_whitespace() || c == ',' => flush(&mut buf, &mut k),
            '-' | '–' | '(' | ')' | '/' => {
                flush(&mut buf, &mut k);
                if c == '-' || c == '–' {
                    k.push("-");
                }
            }
            '.' => {}
            '’' | '‘' | '`' => buf.push('\''),
            c => buf.extend(c.to_lowercase()),
        }
    }
    flush(&mut buf, &mut k);
    (k.finish(), k.tokens)
}

fn rows(file: &'static str, text: &'static str, columns: usize) -> impl Iterator<Item = Result<(usize, Vec<&'static str>), GeoError>> {
    text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()).skip(1).map(move |(i, l)| {
        let cols: Vec<&str> = l.split('\t').collect();
        if cols.len() != columns {
            return Err(GeoError::Parse { file: file.into(), line: i + 1, message: format!("{} columns, expected {columns}", cols.len()) });
        }
        Ok((i + 1, cols))
    })
}

fn num<T: std::str::FromStr>(file: &str, line: usize, s: &str) -> Result<T, GeoError> {
    s.parse().map_err(|_| GeoError::Parse { file: file.into(), line, message: format!("not a number: {s:?}") })
}

/// The start of each bucket's run in a sorted index, and the index's length last.
fn buckets(index: &[(u64, PlaceId)]) -> Vec<u32> {
    let n = 1usize << BUCKET_BITS;
    let mut out = Vec::with_capacity(n + 1);
    let mut at = 0usize;
    for b in 0..n as u64 {
        while index.get(at).is_some_and(|(k, _)| (k >> (64 - BUCKET_BITS)) < b) {
            at += 1;
        }
        out.push(at as u32);
    }
    out.push(index.len() as u32);
    out
}

impl Gazetteer {
    /// The gazetteer of `data/places/`, embedded at build time.
    pub fn builtin() -> Result<Gazetteer, GeoError> {
        let mut g = Gazetteer { cues: Cues::builtin()?, ..Gazetteer::default() };
        g.places.reserve(37_000);
        g.index.reserve(300_000);
        for row in rows("countries.tsv", COUNTRIES, 6) {
            let (line, c) = row?;
            let id = g.push(Place {
                name: c[1],
                kind: PlaceKind::Country,
                country: c[0],
                adm1: "",
                lat: num("countries.tsv", line, c[3])?,
                lon: num("countries.tsv", line, c[4])?,
                population: num("countries.tsv", line, c[5])?,
            });
            g.countries.insert(c[0], id);
            g.add_names(id, c[1], c[2]);
        }
        for row in rows("adm1.tsv", ADM1, 7) {
            let (line, c) = row?;
            let id = g.push(Place {
                name: c[2],
                kind: PlaceKind::Adm1,
                country: c[0],
                adm1: c[1],
                lat: num("adm1.tsv", line, c[4])?,
                lon: num("adm1.tsv", line, c[5])?,
                population: num("adm1.tsv", line, c[6])?,
            });
            g.adm1.insert((c[0], c[1]), id);
            g.add_names(id, c[2], c[3]);
        }
        for row in rows("cities.tsv", CITIES, 7) {
            let (line, c) = row?;
            let id = g.push(Place {
                name: c[0],
                kind: PlaceKind::City,
                country: c[2],
                adm1: c[3],
                lat: num("cities.tsv", line, c[4])?,
                lon: num("cities.tsv", line, c[5])?,
                population: num("cities.tsv", line, c[6])?,
            });
            g.add_names(id, c[0], c[1]);
        }
        g.index.sort_unstable();
        g.index.dedup();
        g.buckets = buckets(&g.index);
        Ok(g)
    }

    fn push(&mut self, p: Place) -> PlaceId {
        self.places.push(p);
        PlaceId((self.places.len() - 1) as u32)
    }

    fn add_names(&mut self, id: PlaceId, name: &str, names: &str) {
        for n in std::iter::once(name).chain(names.split('|')).filter(|n| !n.is_empty()) {
            let (key, tokens) = name_key(n);
            if tokens == 0 {
                continue;
            }
            self.max_tokens = self.max_tokens.max(tokens);
            self.index.push((key, id));
        }
    }

    /// The places with this name key.
    pub fn lookup(&self, key: u64) -> Places<'_> {
        let b = (key >> (64 - BUCKET_BITS)) as usize;
        let bucket = match (self.buckets.get(b), self.buckets.get(b + 1)) {
            (Some(&from), Some(&to)) => self.index.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &self.index[..],
        };
        let from = bucket.partition_point(|(k, _)| *k < key);
        let to = from + bucket[from..].partition_point(|(k, _)| *k == key);
        Places(&bucket[from..to])
    }

    /// The places named `name` (any of their names).
    pub fn named(&self, name: &str) -> Places<'_> {
        self.lookup(name_key(name).0)
    }

    /// The cue words of `data/places/cues.tsv`.
    pub fn cues(&self) -> &Cues {
        &self.cues
    }

    /// The longest name, in tokens.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// One place.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.0 as usize]
    }

    /// The country entry of a 3-letter code.
    pub fn country(&self, code: &str) -> Option<PlaceId> {
        self.countries.get(code).copied()
    }

    /// The ADM1 entry of a place (its own id for an ADM1).
    pub fn adm1_of(&self, id: PlaceId) -> Option<PlaceId> {
        let p = self.place(id);
        match p.kind {
            PlaceKind::Adm1 => Some(id),
            PlaceKind::City => self.adm1.get(&(p.country, p.adm1)).copied(),
            PlaceKind::Country => None,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// The places of one name: a run of the sorted index.
#[derive(Debug, Clone, Copy, Default)]
pub struct Places<'a>(&'a [(u64, PlaceId)]);

impl<'a> Places<'a> {
    /// True when the name is no place's.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The places.
    pub fn iter(&self) -> impl Iterator<Item = PlaceId> + 'a {
        self.0.iter().map(|(_, id)| *id)
    }
    /// True when `id` is among them.
    pub fn contains(&self, id: PlaceId) -> bool {
        self.iter().any(|p| p == id)
    }
}
