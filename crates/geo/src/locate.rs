//! Place mentions in a document and the location of its events.
//!
//! A toponym is taken only where English marks a location: after a locative preposition ("in",
//! "at", "near", "outside" ...), after "the city/outskirts/region of", after "to" following a
//! visit word ("a visit to Hanoi"), with a compass adjective ("southern Lebanon"), or as the
//! dateline. Names inside an organisation, seat-of-power, agent or person mention are never
//! places ("the Shanghai Cooperation Organisation"); a capital recognised as a government
//! ("Moscow said") has no such context and stays an actor.

use crate::cues::Cues;
use crate::gazetteer::{Gazetteer, KeyHasher, PlaceId, PlaceKind, Places};
use demarche_actors::{Case, MentionKind, SentenceActors, Token};
use demarche_core::Span;
use demarche_segment::Sentence;
use serde::Serialize;
use std::ops::Range;

/// Where an event happened; every field is null when nothing places it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    /// The place's name (a city, an ADM1 or a country).
    pub place: Option<String>,
    /// Its country, as the project's 3-letter code.
    pub place_country: Option<String>,
    /// Its first-level division's name, when known.
    pub adm1: Option<String>,
    /// Latitude (WGS84 degrees; a division's or country's population centroid).
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// `city`, `adm1` or `country`.
    pub geo_precision: Option<&'static str>,
    /// `locative` (the sentence names it), `dateline` or `actor` (the actors' country).
    pub geo_source: Option<&'static str>,
    /// The words that gave it (`in Hanoi`, `MOSCOW`), empty for `actor`.
    #[serde(skip)]
    pub place_text: String,
}

impl Location {
    /// True when the event has a location.
    pub fn is_known(&self) -> bool {
        self.place.is_some()
    }

    /// The explanation clause: `place "in Hanoi" = Hanoi, VNM (city, locative)`.
    pub fn explain(&self) -> String {
        match (&self.place, &self.place_country) {
            (Some(p), Some(c)) if self.place_text.is_empty() => {
                format!("place {p}, {c} ({}, from the actors)", self.geo_precision.unwrap_or("country"))
            }
            (Some(p), Some(c)) => format!(
                "place \"{}\" = {p}, {c} ({}, {})",
                self.place_text,
                self.geo_precision.unwrap_or(""),
                self.geo_source.unwrap_or("")
            ),
            _ => "no place".to_string(),
        }
    }
}

/// A place named in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte span of the name in the document.
    pub span: Span,
    /// Token range of the name in the sentence.
    pub tokens: Range<usize>,
    /// The words that mark it as a place and the name (`near Kharkiv`).
    pub text: String,
    /// The gazetteer entries the name can be.
    pub candidates: Vec<PlaceId>,
    /// The one chosen.
    pub place: PlaceId,
    /// The place of a topic noun ("the war in Ukraine was discussed"): the place of an event
    /// on the target's ground (the war itself), not of one on the source's (the discussion).
    pub topic: bool,
    /// The name premodifies an event noun ("the Geneva summit"): the place of the sentence
    /// only when it names no other.
    pub attributive: bool,
}

/// The place mentions of one document.
#[derive(Debug, Clone, Default)]
pub struct DocumentPlaces<'g> {
    gazetteer: Option<&'g Gazetteer>,
    /// Per sentence, its place mentions.
    pub sentences: Vec<Vec<PlaceMention>>,
    /// The dateline's place and its text.
    pub dateline: Option<(PlaceId, String)>,
    /// Where the meeting a document reports was held, when its opening sentence says so
    /// ("Sullivan met today with Yang Jiechi in Luxembourg"): the place of its later sentences
    /// that name none, after the dateline.
    pub venue: Option<(PlaceId, String)>,
}

/// The present-day state whose territory holds a historical state's capital and centre, for
/// weighing places by the actors' countries (the gazetteer has today's countries).
fn successor(code: &str) -> &str {
    match code {
        "SUN" => "RUS",
        "YUG" | "SCG" => "SRB",
        "CSK" => "CZE",
        "DDR" => "DEU",
        c => c,
    }
}

fn is_cap(t: &Token) -> bool {
    t.is_word && t.case != Case::Lower
}

struct Ctx<'a> {
    g: &'a Gazetteer,
    c: &'a Cues,
    toks: &'a [Token],
    blocked: Vec<bool>,
}

impl<'a> Ctx<'a> {
    /// The longest gazetteer name starting at token `i`: its end and candidates.
    fn longest(&self, i: usize) -> Option<(usize, Places<'a>, u64)> {
        let toks = self.toks;
        if !is_cap(&toks[i]) || self.blocked[i] {
            return None;
        }
        let mut k = KeyHasher::default();
        let mut best = None;
        let mut j = i;
        let mut words = 0;
        while j < toks.len() && words < self.g.max_tokens() {
            let t = &toks[j];
            if self.blocked[j] {
                break;
            }
            if t.norm == "." {
                j += 1;
                continue;
            }
            if j > i && !(is_cap(t) || self.c.connective.contains(&t.norm.as_str()) || t.norm.chars().all(|c| c.is_ascii_digit())) {
                break;
            }
            if j > i && !t.is_word && t.norm != "-" {
                break;
            }
            // A hyphen must join two words without spaces ("Ivano-Frankivsk").
            if t.norm == "-" && (j + 1 >= toks.len() || toks[j].span.start != toks[j - 1].span.end) {
                break;
            }
            k.push(&t.norm);
            words += 1;
            j += 1;
            let found = self.g.lookup(k.finish());
            if !found.is_empty() && is_cap(&toks[j - 1]) {
                best = Some((j, found, k.finish()));
            }
        }
        let (end, ids, key) = best?;
        if end == i + 1 && self.c.not_place.contains(&toks[i].norm.as_str()) {
            return None;
        }
        Some((end, ids, key))
    }

    /// The words before token `i` that make a name there a place: the start of the cue, and
    /// whether the cue follows a topic noun ("the war in Ukraine").
    fn cue(&self, i: usize) -> Option<(usize, bool)> {
        let start = self.cue_start(i)?;
        let c = self.c;
        let topic =
            start > 0 && c.locative.contains(&self.toks[start].norm.as_str()) && c.topic.contains(&self.toks[start - 1].norm.as_str());
        Some((start, topic))
    }

    fn cue_start(&self, i: usize) -> Option<usize> {
        let toks = self.toks;
        let c = self.c;
        let norm = |k: usize| toks[k].norm.as_str();
        let mut k = i;
        // Skip an article and a compass word: "in the south of", "in southern Lebanon".
        if k > 0 && c.compass.contains(&norm(k - 1)) {
            k -= 1;
            let mut b = k;
            if b > 0 && norm(b - 1) == "the" {
                b -= 1;
            }
            if b > 0 && (c.locative.contains(&norm(b - 1)) || matches!(norm(b - 1), "on" | "into" | "to" | "from" | "of")) {
                return Some(b - 1);
            }
            return Some(k);
        }
        if k > 0 && norm(k - 1) == "the" {
            k -= 1;
        }
        if k == 0 {
            return None;
        }
        let p = norm(k - 1);
        if c.locative.contains(&p) {
            return Some(k - 1);
        }
        if p == "of" && k >= 2 {
            let h = norm(k - 2);
            if c.of_head.contains(&h) || c.compass.contains(&h) {
                // "the city of Aleppo", "the outskirts of Kyiv", "in the south of Lebanon"
                let mut s = k - 2;
                while s > 0 && (norm(s - 1) == "the" || c.compass.contains(&norm(s - 1)) || c.locative.contains(&norm(s - 1))) {
                    s -= 1;
                }
                return Some(s);
            }
        }
        if matches!(p, "to" | "into") {
            let from = k.saturating_sub(6);
            if (from..k - 1).any(|m| c.visit.contains(&norm(m))) {
                return Some(k - 1);
            }
        }
        // Apposition: "the capital of my country, Abu Dhabi", "the capital, Kyiv".
        if p == "," && k == i {
            let mut h = k - 1;
            while h > 0 && k - h <= 6 && toks[h - 1].is_word {
                h -= 1;
                if c.apposition.contains(&norm(h)) {
                    return Some(if h > 0 && norm(h - 1) == "the" { h - 1 } else { h });
                }
            }
        }
        None
    }
}

/// Where an event takes place when its sentence names no place: on its source's ground (most
/// events: a statement, a call, a decision) or on its target's (a visit, an attack).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Venue {
    /// The dateline, else the source's country.
    Source,
    /// The target's country.
    Target,
}

impl<'g> DocumentPlaces<'g> {
    /// Find and resolve the place mentions of a document.
    pub fn analyze(g: &'g Gazetteer, text: &str, sentences: &[Sentence], actors: &[SentenceActors]) -> DocumentPlaces<'g> {
        // Countries of the document's actors, for disambiguation.
        let mut doc_countries: Vec<&str> = Vec::new();
        for sa in actors {
            for m in &sa.mentions {
                let c = successor(m.country.as_str());
                if c.len() == 3 && !doc_countries.contains(&c) {
                    doc_countries.push(c);
                }
            }
        }
        let dateline = dateline(g, text, &doc_countries);
        if let Some((id, _)) = &dateline {
            let c = g.place(*id).country;
            if !doc_countries.contains(&c) {
                doc_countries.push(c);
            }
        }
        let mut out = Vec::with_capacity(sentences.len());
        for (si, sa) in actors.iter().enumerate().take(sentences.len()) {
            out.push(sentence_places(g, text, sa, &doc_countries, si));
        }
        let venue = opening_venue(g, sentences, actors, &out);
        DocumentPlaces { gazetteer: Some(g), sentences: out, dateline, venue }
    }

    /// The location of an event of sentence `sentence` with these source and target countries.
    pub fn locate(&self, sentence: usize, source_country: &str, target_country: &str) -> Location {
        self.locate_at(sentence, source_country, target_country, Venue::Source)
    }

    /// [`DocumentPlaces::locate`] for an event whose `venue` is known from what it is: the
    /// sentence's own place first; then, for an event on the target's ground (a visit, an
    /// attack), the target's country — unless the dateline (or venue) is in it, which is more
    /// precise —, else the dateline, else the venue of the opening sentence, else the source's
    /// country, else the target's. A topic noun's place ("the war in Ukraine") is the
    /// sentence's place only for an event on the target's ground.
    pub fn locate_at(&self, sentence: usize, source_country: &str, target_country: &str, venue: Venue) -> Location {
        let Some(g) = self.gazetteer else { return Location::default() };
        let mentions = self.sentences.get(sentence).map(Vec::as_slice).unwrap_or(&[]);
        // The most precise place of the sentence; the first among equals. A topic noun's place
        // ("the war in Ukraine was discussed") is not where a discussion happened.
        let best = mentions
            .iter()
            .filter(|m| venue == Venue::Target || !m.topic)
            .min_by_key(|m| (m.attributive, g.place(m.place).kind, m.tokens.start));
        if let Some(m) = best {
            return location(g, m.place, m.text.clone(), "locative");
        }
        let state = |c: &str| c.len() == 3 && g.country(c).is_some();
        let known = self.dateline.as_ref().map(|d| (d, "dateline")).or(self.venue.as_ref().map(|v| (v, "venue")));
        if venue == Venue::Target && state(target_country) {
            let in_target = known.is_some_and(|((id, _), _)| g.place(*id).country == target_country);
            if !in_target {
                return g.country(target_country).map_or_else(Location::default, |id| location(g, id, String::new(), "actor"));
            }
        }
        if let Some(((id, words), source)) = known {
            return location(g, *id, words.clone(), source);
        }
        let country = if state(source_country) {
            source_country
        } else if state(target_country) {
            target_country
        } else {
            return Location::default();
        };
        match g.country(country) {
            Some(id) => location(g, id, String::new(), "actor"),
            None => Location::default(),
        }
    }
}

/// The document's venue from its opening sentence (the first one that is not a headline or
/// boilerplate): its first place, not a topic's, when the sentence has a meeting word ("met ...
/// in Luxembourg").
fn opening_venue(
    g: &Gazetteer,
    sentences: &[Sentence],
    actors: &[SentenceActors],
    places: &[Vec<PlaceMention>],
) -> Option<(PlaceId, String)> {
    use demarche_core::Section;
    let si = sentences.iter().position(|s| matches!(s.section, Section::Narrative | Section::Statement))?;
    let toks = &actors.get(si)?.tokens;
    let m = places.get(si)?.iter().find(|m| !m.topic)?;
    toks.iter().any(|t| g.cues().meeting.contains(&t.norm.as_str())).then(|| (m.place, m.text.clone()))
}

fn location(g: &Gazetteer, id: PlaceId, words: String, source: &'static str) -> Location {
    let p = g.place(id);
    let adm1 = g.adm1_of(id).map(|a| g.place(a).name.to_string());
    Location {
        place: Some(p.name.to_string()),
        place_country: Some(p.country.to_string()),
        adm1,
        lat: Some(p.lat),
        lon: Some(p.lon),
        geo_precision: Some(p.kind.as_str()),
        geo_source: Some(source),
        place_text: words,
    }
}

struct Raw<'a> {
    tokens: Range<usize>,
    /// The name's key: a place whose main name it is beats one that has it as an alternate.
    key: u64,
    cue: usize,
    candidates: Places<'a>,
    /// "Paris, Texas": the qualifier's candidates.
    qualifier: Option<Places<'a>>,
    /// Followed by "region", "oblast" ...
    division: bool,
    /// After a topic noun ("the war in Ukraine").
    topic: bool,
    /// Before an event noun ("the Geneva summit").
    attributive: bool,
}

fn sentence_places(g: &Gazetteer, text: &str, sa: &SentenceActors, doc_countries: &[&str], _si: usize) -> Vec<PlaceMention> {
    let toks = &sa.tokens;
    if toks.is_empty() {
        return Vec::new();
    }
    let mut blocked = vec![false; toks.len()];
    for m in &sa.mentions {
        if matches!(
            m.kind,
            MentionKind::Organization
                | MentionKind::Metonym
                | MentionKind::Agent
                | MentionKind::Person
                | MentionKind::Pronoun
                | MentionKind::Region
        ) {
            for b in blocked.iter_mut().take(m.tokens.end.min(toks.len())).skip(m.tokens.start) {
                *b = true;
            }
        }
    }
    let c = g.cues();
    let ctx = Ctx { g, c, toks, blocked };
    let mut raws: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((end, candidates, key)) = ctx.longest(i) else {
            i += 1;
            continue;
        };
        // A name right after a place and a comma, or after "in" following a place, qualifies it.
        // "the Geneva summit": the place that names the event, after any other of the sentence.
        // Only as the subject or after "during", "the sidelines of": as an object ("thank you for
        // the Vilnius meeting") it is what the event is about.
        let attributive = i > 0
            && matches!(toks[i - 1].norm.as_str(), "the" | "this" | "that")
            && toks.get(end).is_some_and(|t| c.event_noun.contains(&t.norm.as_str()))
            && (i == 1
                || c.event_frame.contains(&toks[i - 2].norm.as_str())
                || (i >= 3 && toks[i - 2].norm == "of" && c.event_frame.contains(&toks[i - 3].norm.as_str())));
        let (cue, topic, attributive) = match ctx.cue(i) {
            Some((cue, topic)) => (cue, topic, false),
            None if attributive => (i - 1, false, true),
            None => {
                i = end;
                continue;
            }
        };
        // A name joined by a hyphen to another word qualifies a noun ("U.S.-China relations",
        // "the Russia-Ukraine war"): no place.
        if toks.get(end).is_some_and(|t| t.norm == "-" && t.span.start == toks[end - 1].span.end)
            && toks.get(end + 1).is_some_and(|t| t.is_word && t.span.start == toks[end].span.end)
        {
            i = end;
            continue;
        }
        let mut r = Raw { tokens: i..end, key, cue, candidates, qualifier: None, division: false, topic, attributive };
        let mut next = end;
        if next + 1 < toks.len() && toks[next].norm == "," {
            if let Some((qend, q, _)) = ctx.longest(next + 1) {
                if q.iter().any(|id| g.place(id).kind != PlaceKind::City) {
                    r.qualifier = Some(q);
                    next = qend;
                }
            }
        }
        if next < toks.len() && c.division.contains(&toks[next].norm.as_str()) {
            r.division = true;
            next += 1;
        } else if end == i + 1 && c.compass.contains(&toks[i].norm.as_str()) {
            // "the Western world": a compass adjective alone names a division only as one
            // ("the Western region").
            i = end;
            continue;
        }
        raws.push(r);
        i = next;
    }
    // "a village near X in Y": each place's candidates agreeing with another place's count.
    let mut out = Vec::new();
    for (k, r) in raws.iter().enumerate() {
        let others: Vec<Places> = raws.iter().enumerate().filter(|(o, _)| *o != k).map(|(_, o)| o.candidates).collect();
        let Some(place) = choose(g, r, &others, &sa.mentions, doc_countries) else { continue };
        let span = Span::new(toks[r.tokens.start].span.start, toks[r.tokens.end - 1].span.end);
        let words = Span::new(toks[r.cue].span.start, span.end).slice(text).to_string();
        out.push(PlaceMention {
            span,
            tokens: r.tokens.clone(),
            text: words,
            candidates: r.candidates.iter().collect(),
            place,
            topic: r.topic,
            attributive: r.attributive,
        });
    }
    out
}

fn choose(g: &Gazetteer, r: &Raw, others: &[Places], mentions: &[demarche_actors::Mention], doc_countries: &[&str]) -> Option<PlaceId> {
    let sentence_countries: Vec<&str> = mentions.iter().map(|m| successor(m.country.as_str())).filter(|c| c.len() == 3).collect();
    let mut best: Option<(f64, PlaceId)> = None;
    for id in r.candidates.iter() {
        let p = g.place(id);
        if let Some(q) = r.qualifier {
            let fits = q.iter().any(|qid| {
                let qp = g.place(qid);
                qp.country == p.country && (qp.kind == PlaceKind::Country || (qp.kind == PlaceKind::Adm1 && qp.adm1 == p.adm1))
            });
            if !fits {
                continue;
            }
        }
        let mut score = ((p.population + 1) as f64).ln();
        if p.kind == PlaceKind::City && crate::gazetteer::name_key(p.name).0 == r.key {
            score += 4.0;
        }
        score += match p.kind {
            PlaceKind::Country => 12.0,
            PlaceKind::Adm1 if r.division => 30.0,
            PlaceKind::Adm1 => -3.0,
            PlaceKind::City => 0.0,
        };
        if others.iter().any(|o| {
            o.iter().any(|oid| {
                let op = g.place(oid);
                op.country == p.country && (op.kind == PlaceKind::Country || op.adm1 == p.adm1)
            })
        }) {
            score += 6.0;
        }
        // The actors' countries tip the balance between comparable places; they do not make a
        // town of 25,000 beat a capital ("a journalist in Moscow" said by an American).
        if sentence_countries.contains(&p.country) {
            score += 2.5;
        }
        if doc_countries.contains(&p.country) {
            score += 2.0;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, id));
        }
    }
    best.map(|(_, id)| id)
}

/// The dateline: a wire-service dateline opening one of the first lines ("MOSCOW, April 13 -",
/// "KYIV, Ukraine (AP) —", read by [`demarche_core::dateline`]), or a venue line under a
/// transcript's title ("Helsinki, Finland"): a capitalised place, a comma and the country or
/// division it is in, and nothing else.
fn dateline(g: &Gazetteer, text: &str, doc_countries: &[&str]) -> Option<(PlaceId, String)> {
    let mut offset = 0;
    let mut seen = 0;
    let mut front = text.starts_with("---");
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let body = line.trim_end();
        if front {
            front = !(n > 0 && body == "---");
            continue;
        }
        if body.trim().is_empty() {
            continue;
        }
        seen += 1;
        if seen > 4 {
            break;
        }
        let (place, region) = match demarche_core::dateline::read_dateline(body) {
            Some(d) => (d.place.shift(start), d.region.map(|r| r.shift(start))),
            None => match venue_line(text, Span::new(start, start + body.len())) {
                Some(v) => v,
                None => continue,
            },
        };
        // The country or division the region names, if it names one.
        let q = region.and_then(|r| {
            let found = g.lookup(key(text, r));
            found
                .iter()
                .find(|id| g.place(*id).kind == PlaceKind::Country)
                .or_else(|| found.iter().find(|id| g.place(*id).kind == PlaceKind::Adm1))
                .map(|id| (g.place(id).country, if g.place(id).kind == PlaceKind::Adm1 { g.place(id).adm1 } else { "" }))
        });
        let ids = g.lookup(key(text, place));
        if ids.is_empty() {
            continue;
        }
        let best = ids
            .iter()
            .filter(|id| q.is_none_or(|(c, a)| g.place(*id).country == c && (a.is_empty() || g.place(*id).adm1 == a)))
            .max_by(|a, b| {
                let s = |id: &PlaceId| {
                    let p = g.place(*id);
                    ((p.population + 1) as f64).ln()
                        + if doc_countries.contains(&p.country) { 3.0 } else { 0.0 }
                        + if p.kind == PlaceKind::City { 1.0 } else { 0.0 }
                };
                s(a).total_cmp(&s(b))
            })?;
        return Some((best, place.slice(text).to_string()));
    }
    None
}

/// The gazetteer key of the words in `span` (periods dropped: "D.C." and "DC" are one key).
fn key(text: &str, span: Span) -> u64 {
    let mut k = KeyHasher::default();
    for t in demarche_actors::tokenize(text, span).iter().filter(|t| t.is_word || t.norm != ".") {
        k.push(&t.norm);
    }
    k.finish()
}

/// A venue line: one to four capitalised words, a comma, one to four more, and nothing else
/// ("Helsinki, Finland", "*Munich, Germany*"): the place and the region spans.
fn venue_line(text: &str, line: Span) -> Option<(Span, Option<Span>)> {
    let toks: Vec<Token> = demarche_actors::tokenize(text, line).into_iter().filter(|t| !matches!(t.norm.as_str(), "*" | "_")).collect();
    let n = toks.iter().position(|t| !t.is_word && t.norm != "." && t.norm != "-")?;
    if n == 0 || n > 4 || toks[n].norm != "," {
        return None;
    }
    let m = toks[n + 1..].iter().position(|t| !t.is_word && t.norm != ".").map_or(toks.len(), |p| p + n + 1);
    let capital = |ts: &[Token]| !ts.is_empty() && ts.len() <= 4 && ts.iter().all(|t| t.case != Case::Lower);
    if m != toks.len() || !capital(&toks[..n]) || !capital(&toks[n + 1..m]) {
        return None;
    }
    Some((Span::new(toks[0].span.start, toks[n - 1].span.end), Some(Span::new(toks[n + 1].span.start, toks[m - 1].span.end))))
}
