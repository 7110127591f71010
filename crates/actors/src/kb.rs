//! The actor knowledge base: records read from the TSV files of `data/actors/` (format in its
//! README), indexed by normalised phrase for the matcher.

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::matcher::{Phrase, PhraseTrie};
use crate::tokens::{case_of, tokenize_phrase, Case};
use crate::ActorError;
use chrono::NaiveDate;
use demarche_core::dates::parse_date;
use std::collections::HashMap;
use std::path::Path;

use crate::{BUILTIN, COMPILED};

/// Index of an entity in the knowledge base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    /// A state or territory.
    Country,
    /// An international organisation or non-state group.
    Organization,
    /// A seat of power standing for an actor.
    Metonym,
    /// A named person.
    Person,
    /// A named group of countries.
    Group,
    /// A world region ("Latin America", "the Middle East"): an actor of its own with a CAMEO
    /// region code, never one of its states.
    Region,
}

/// The last day the imported (Phoenix) person records were kept up to date (they stop in 2014-2015).
pub const IMPORT_FROZEN: NaiveDate = match NaiveDate::from_ymd_opt(2015, 12, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// A code in force over a date range.
#[derive(Debug, Clone, PartialEq)]
pub struct Tenure {
    /// CAMEO actor code.
    pub code: String,
    /// First day (inclusive), open if `None`.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive), open if `None`.
    pub to: Option<NaiveDate>,
    /// The office, for people.
    pub office: String,
    /// True when a bound was given only as a year or a month (`2005`, `2005-03`).
    pub approximate: bool,
    /// False for imported rows (a `source` starting with `Phoenix`), which yield to curated rows.
    pub curated: bool,
}

impl Tenure {
    /// True when the tenure is in force on `date` (bounds inclusive).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// True when the tenure is an office (its role is not `ELI`, CAMEO's former officials).
    pub fn is_office(&self) -> bool {
        !self.code.ends_with("ELI")
    }

    /// Days the tenure lasts (open bounds count as very long).
    fn length(&self) -> i64 {
        match (self.from, self.to) {
            (Some(f), Some(t)) => (t - f).num_days(),
            _ => i64::MAX / 4,
        }
    }

    fn distance(&self, date: NaiveDate) -> i64 {
        if self.covers(date) {
            return 0;
        }
        let a = self.from.map(|f| (f - date).num_days().abs()).unwrap_or(i64::MAX);
        let b = self.to.map(|t| (date - t).num_days().abs()).unwrap_or(i64::MAX);
        a.min(b)
    }
}

/// One entity: a country, organisation, seat of power, person or group.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Kind.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Codes over time (one open tenure for most entities).
    pub tenures: Vec<Tenure>,
    /// Members of a group (country codes).
    pub members: Vec<String>,
    /// Where the facts come from.
    pub source: String,
}

impl Entity {
    /// The code in force on `date`: the tenure covering it (a dated one before an open one), else
    /// for a person the nearest tenure's country with role `ELI`, else the last tenure's code.
    /// `None` when the entity did not exist on that date (a state before its founding).
    pub fn code_on(&self, date: Option<NaiveDate>) -> Option<String> {
        let Some(date) = date else {
            return self.tenures.last().map(|t| t.code.clone());
        };
        if let Some(t) = self.tenure_on(date) {
            return Some(t.code.clone());
        }
        match self.kind {
            EntityKind::Person => self.tenures.iter().min_by_key(|t| (t.distance(date), !t.curated)).map(|t| match t.code.get(..3) {
                Some(country) if !is_international(&t.code) => format!("{country}ELI"),
                _ => t.code.clone(),
            }),
            _ => None,
        }
    }

    /// The tenure in force on `date`: among those covering it, a curated row before an imported
    /// one, a dated row before an open one, an office before `ELI`, the shortest range first.
    pub fn tenure_on(&self, date: NaiveDate) -> Option<&Tenure> {
        self.tenures.iter().filter(|t| t.covers(date)).min_by_key(|t| (!t.curated, t.is_open(), !t.is_office(), t.length()))
    }

    /// True when a person holds an office (a dated tenure that is not `ELI`) on `date`. An imported
    /// range left open (`>date`) is no evidence of office after [`IMPORT_FROZEN`]: the Phoenix
    /// dictionaries stopped being updated then, and many such ranges were never closed.
    pub fn in_office_on(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => false,
            Some(d) => {
                self.tenure_on(d).is_some_and(|t| !t.is_open() && t.is_office() && (t.curated || t.to.is_some() || d <= IMPORT_FROZEN))
            }
        }
    }

    /// True when a curated office (a dated tenure that is not `ELI`) of this person ended within
    /// `years` years before `date`: a head of state or minister recently out of office is still
    /// called by surname alone.
    pub fn left_office_within(&self, date: Option<NaiveDate>, years: i32) -> bool {
        let Some(d) = date else { return false };
        let since = d.checked_sub_months(chrono::Months::new(12 * years.unsigned_abs())).unwrap_or(d);
        self.tenures.iter().any(|t| t.curated && t.is_office() && t.to.is_some_and(|to| to < d && to >= since))
    }

    /// The countries (first three letters of the codes) this entity has had.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        self.tenures.iter().filter_map(|t| t.code.get(..3))
    }

    /// True when the entity existed (had a tenure) on `date`.
    pub fn valid_on(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => true,
            Some(d) => self.kind == EntityKind::Person || self.tenures.iter().any(|t| t.covers(d)),
        }
    }

    /// How well the entity fits `date`, 0 to 7: in office (a dated tenure that is not `ELI`) 6,
    /// another dated tenure 3, plus 1 when the tenure in force is curated.
    pub fn date_rank(&self, date: Option<NaiveDate>) -> i32 {
        let Some(d) = date else { return 0 };
        let Some(t) = self.tenure_on(d) else { return 0 };
        let dated = if t.is_open() {
            0
        } else if t.is_office() {
            6
        } else {
            3
        };
        dated + i32::from(t.curated)
    }

    /// True when a tenure with explicit dates covers `date`.
    pub fn dated_on(&self, date: Option<NaiveDate>) -> bool {
        date.is_some_and(|d| self.tenures.iter().any(|t| !t.is_open() && t.covers(d)))
    }
}

/// Words of address written before a name ("Mr.", "Sir", "H.E.", "Minister"), lower-cased without
/// dots: never a surname, and no part of the name they precede.
pub(crate) fn is_honorific(norm: &str) -> bool {
    const HONORIFICS: &[&str] =
        &["mr", "mrs", "ms", "mister", "madam", "madame", "mme", "dr", "prof", "he", "sir", "dame", "lord", "lady", "comrade"];
    HONORIFICS.contains(&norm) || matches!(norm, "minister" | "president" | "ambassador")
}

/// True for codes of international or transnational actors (`IGO…`, `NGO…`, `IMG…` …).
pub fn is_international(code: &str) -> bool {
    ["IGO", "NGO", "IMG", "INT", "MNC", "NGM", "UIS"].iter().any(|p| code.starts_with(p))
}

/// What a phrase in the text can stand for.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An entity by a name of it.
    Name(EntityId),
    /// A country by its adjective or demonym ("Armenian").
    Adjective(EntityId),
    /// A country's government by its capital ("Yerevan").
    Capital(EntityId),
    /// An agent role ("foreign minister" → GOV).
    Agent(String),
    /// A person by surname alone ("Shultz", "von der Leyen"): resolved by date and context.
    Surname(EntityId),
}

/// The knowledge base.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    pub(crate) entities: Vec<Entity>,
    pub(crate) trie: PhraseTrie<Target>,
    pub(crate) files: usize,
    /// People by normalised full name (canonical names and aliases of two words or more).
    pub(crate) people: HashMap<String, Vec<EntityId>>,
    /// Members of international organisations over time.
    pub(crate) memberships: Vec<Membership>,
}

/// A state's membership of an international organisation over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    /// The organisation's code (`IGOWSTNAT`).
    pub organization: String,
    /// The member's country code (`FIN`).
    pub member: String,
    /// Member from this day and until this one (inclusive, open if `None`), as a tenure.
    pub period: Tenure,
    /// Where the fact comes from.
    pub source: String,
}

impl KnowledgeBase {
    /// The knowledge base embedded in the binary.
    ///
    /// The files are parsed and indexed at build time (build.rs) and stored in a compact binary
    /// form, which this reads back: the TSV files stay the source of truth.
    pub fn builtin() -> Result<KnowledgeBase, ActorError> {
        crate::compiled::read(COMPILED).ok_or_else(|| ActorError::Parse {
            file: "<builtin>/actors.kb".into(),
            line: 0,
            message: "the compiled knowledge base is damaged; rebuild demarche".into(),
        })
    }

    /// Parse the built-in TSV files themselves (what build.rs compiles; for tests and
    /// `--actors` loading checks).
    pub fn builtin_from_tsv() -> Result<KnowledgeBase, ActorError> {
        KnowledgeBase::from_files(BUILTIN.iter().map(|(name, text)| (format!("<builtin>/{name}"), *text)))
    }

    /// A knowledge base from (name, contents) pairs of TSV files, in order.
    pub fn from_files<'t>(files: impl IntoIterator<Item = (String, &'t str)>) -> Result<KnowledgeBase, ActorError> {
        let mut kb = KnowledgeBase::default();
        for (name, text) in files {
            kb.add_tsv(&name, text)?;
        }
        Ok(kb)
    }

    /// An empty knowledge base (for `--actors-only`).
    pub fn empty() -> KnowledgeBase {
        KnowledgeBase::default()
    }

    /// Add the records of a file, or of every `.tsv` file in a folder and its subfolders.
    pub fn add_path(&mut self, path: &Path) -> Result<(), ActorError> {
        let io = |e: std::io::Error| ActorError::Io { path: path.display().to_string(), message: e.to_string() };
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(io)?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "tsv"))
                .collect();
            files.sort();
            for f in files {
                self.add_path(&f)?;
            }
            return Ok(());
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        self.add_tsv(&path.display().to_string(), &text)
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when nothing is loaded.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty() && self.trie.is_empty()
    }

    /// Number of phrases (names, aliases, surnames, adjectives, capitals, agents) indexed.
    pub fn phrases(&self) -> usize {
        self.trie.len()
    }

    /// Number of entities of a kind.
    pub fn count(&self, kind: EntityKind) -> usize {
        self.entities.iter().filter(|e| e.kind == kind).count()
    }

    /// Number of files read.
    pub fn files(&self) -> usize {
        self.files
    }

    /// An entity by id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        // An id of another knowledge base: an entity valid on no date, so never matched.
        static NONE: Entity =
            Entity { kind: EntityKind::Group, name: String::new(), tenures: Vec::new(), members: Vec::new(), source: String::new() };
        self.entities.get(id.0 as usize).unwrap_or(&NONE)
    }

    /// The person who holds `title` ("president", "prime minister") of `country` on `date`: a
    /// curated tenure of that country whose office is the title, alone or "of" somewhere ("President
    /// of the United States"). `None` when the state has no such office in the knowledge base.
    pub fn office_holder(&self, country: &str, title: &str, date: NaiveDate) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| {
                e.kind == EntityKind::Person
                    && e.tenure_on(date).is_some_and(|t| {
                        let office = t.office.to_lowercase();
                        t.curated
                            && t.is_office()
                            && t.code.get(..3) == Some(country)
                            && (office == title || office.strip_prefix(title).is_some_and(|rest| rest.starts_with(" of ")))
                    })
            })
            .map(|i| EntityId(i as u32))
    }

    /// Look up a person by a full or short name, valid on `date`. Honorifics ("Mr.", "H.E.")
    /// are ignored, and a surname alone finds the one person of that surname in office then.
    pub fn person_by_name(&self, name: &str, date: Option<NaiveDate>) -> Option<EntityId> {
        let mut clean: Vec<&str> = name.split_whitespace().collect();
        while clean.len() > 1 && clean.first().is_some_and(|w| is_honorific(&w.replace('.', "").to_lowercase())) {
            clean.remove(0);
        }
        let cleaned = clean.join(" ");
        if let Some(id) = self.person_exact(&cleaned, date) {
            return Some(id);
        }
        let last = clean.last()?;
        let toks = tokenize_phrase(last);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let found = self.trie.exact(&norms).into_iter().flatten().filter_map(|p| match p.value {
            Target::Surname(id) | Target::Name(id) if self.entity(id).kind == EntityKind::Person && self.entity(id).in_office_on(date) => {
                Some(id)
            }
            _ => None,
        });
        let mut ids: Vec<EntityId> = Vec::new();
        for id in found {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.len() > 1 {
            // Several in office: the one with a curated tenure then, if only one has.
            ids.retain(|&id| date.and_then(|d| self.entity(id).tenure_on(d)).is_some_and(|t| t.curated));
        }
        match ids.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn person_exact(&self, name: &str, date: Option<NaiveDate>) -> Option<EntityId> {
        let toks = tokenize_phrase(name);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let targets = self.trie.exact(&norms)?;
        let mut best: Option<EntityId> = None;
        for t in targets {
            if let Target::Name(id) = &t.value {
                let e = self.entity(*id);
                if e.kind == EntityKind::Person && best.is_none_or(|b| e.date_rank(date) > self.entity(b).date_rank(date)) {
                    best = Some(*id);
                }
            }
        }
        best
    }

    /// Parse one TSV file, telling its kind from the header.
    pub fn add_tsv(&mut self, file: &str, text: &str) -> Result<(), ActorError> {
        let mut header: Option<FileKind> = None;
        let lines = text.bytes().filter(|&b| b == b'\n').count();
        self.entities.reserve(lines);
        for (i, line) in text.lines().enumerate() {
            let lineno = i + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let err = |message: String| ActorError::Parse { file: file.to_string(), line: lineno, message };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let Some(kind) = header else {
                header = Some(FileKind::from_header(&cols).ok_or_else(|| {
                    err(format!(
                        "expected a header naming the columns of a known file kind ({}), found {:?}",
                        FileKind::ALL.iter().map(|k| k.header().join(" ")).collect::<Vec<_>>().join(" / "),
                        line
                    ))
                })?);
                continue;
            };
            let want = kind.header().len();
            if cols.len() != want {
                return Err(err(format!("expected {want} tab-separated columns ({}), found {}", kind.header().join(", "), cols.len())));
            }
            self.add_record(kind, &cols).map_err(err)?;
        }
        if header.is_none() {
            return Err(ActorError::Parse { file: file.to_string(), line: 1, message: "file has no header line".into() });
        }
        self.files += 1;
        Ok(())
    }

    fn push(&mut self, e: Entity) -> EntityId {
        self.entities.push(e);
        EntityId((self.entities.len() - 1) as u32)
    }

    fn index(&mut self, phrase: &str, target: Target) {
        let toks = tokenize_phrase(phrase);
        if toks.is_empty() {
            return;
        }
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        let cases: Vec<Case> = phrase_cases(phrase, &toks);
        self.trie.insert(&norms, Phrase { value: target, cases });
    }

    fn add_record(&mut self, kind: FileKind, cols: &[&str]) -> Result<(), String> {
        // `add_tsv` checked the column count of the file kind: every column read here exists.
        let c = |i: usize| cols.get(i).copied().unwrap_or("");
        match kind {
            FileKind::Countries => {
                let (code, name) = (c(0), c(2));
                check_code(code, 3)?;
                let tenure = tenure(code, c(6), c(7), "")?;
                let id = self.push(Entity {
                    kind: EntityKind::Country,
                    name: name.to_string(),
                    tenures: vec![tenure],
                    members: Vec::new(),
                    source: c(8).to_string(),
                });
                self.index(name, Target::Name(id));
                for n in list(c(3)) {
                    self.index(n, Target::Name(id));
                }
                self.index_adjectives(id, &list(c(4)));
                for cap in list(c(5)) {
                    self.index(cap, Target::Capital(id));
                }
            }
            FileKind::Organizations => {
                self.push_named(EntityKind::Organization, c(0), &list(c(1)), (c(2), c(3)), c(4))?;
            }
            FileKind::Metonyms => {
                check_code(c(1), 6)?;
                let id = self.push(Entity {
                    kind: EntityKind::Metonym,
                    name: c(0).to_string(),
                    tenures: vec![tenure(c(1), c(2), c(3), "")?],
                    members: Vec::new(),
                    source: c(4).to_string(),
                });
                self.index(c(0), Target::Name(id));
            }
            FileKind::Agents => {
                let (phrase, plural, role) = (c(0), c(1), c(2));
                if role.len() < 3 || !role.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(format!("expected a CAMEO role code such as GOV in column 3, found {role:?}"));
                }
                self.index(phrase, Target::Agent(role.to_string()));
                let forms: Vec<String> = match plural {
                    "-" => Vec::new(),
                    "" => plurals(phrase),
                    p => list(p).into_iter().map(str::to_string).collect(),
                };
                for f in forms {
                    self.index(&f, Target::Agent(role.to_string()));
                }
            }
            FileKind::People => {
                let (name, code) = (c(0), c(2));
                check_code(code, 3)?;
                let mut t = tenure(code, c(3), c(4), c(5))?;
                t.curated = !c(6).starts_with("Phoenix");
                self.add_person(name, &list(c(1)), t, c(6));
            }
            FileKind::Memberships => {
                check_code(c(0), 3)?;
                check_code(c(1), 3)?;
                let period = tenure(c(1), c(2), c(3), "")?;
                self.memberships.push(Membership {
                    organization: c(0).to_string(),
                    member: c(1).to_string(),
                    period,
                    source: c(4).to_string(),
                });
            }
            FileKind::Regions => {
                let adjectives = list(c(2));
                let id = self.push_named(EntityKind::Region, c(0), &list(c(1)), ("", ""), c(3))?;
                self.index_adjectives(id, &adjectives);
                // "African countries", "Asian nations": the region, as its name would be.
                for a in adjectives {
                    for noun in ["countries", "nations"] {
                        self.index(&format!("{a} {noun}"), Target::Name(id));
                    }
                }
            }
            FileKind::Groups => {
                let members: Vec<String> = list(c(1)).into_iter().map(str::to_string).collect();
                if members.is_empty() {
                    return Err("expected |-separated member codes in column 2".into());
                }
                for m in &members {
                    check_code(m, 3)?;
                }
                let id = self.push(Entity {
                    kind: EntityKind::Group,
                    name: c(0).to_string(),
                    tenures: vec![tenure(&members.join("|"), c(2), c(3), "")?],
                    members,
                    source: c(4).to_string(),
                });
                self.index(c(0), Target::Name(id));
            }
        }
        Ok(())
    }

    /// An entity known by a list of names (the first is its name), with one dated code.
    fn push_named(
        &mut self,
        kind: EntityKind,
        code: &str,
        names: &[&str],
        (from, to): (&str, &str),
        source: &str,
    ) -> Result<EntityId, String> {
        check_code(code, 3)?;
        let first = names.first().ok_or("expected at least one name")?;
        let id = self.push(Entity {
            kind,
            name: first.to_string(),
            tenures: vec![tenure(code, from, to, "")?],
            members: Vec::new(),
            source: source.to_string(),
        });
        for n in names {
            self.index(n, Target::Name(id));
        }
        Ok(id)
    }

    /// A state's or region's adjectives, and their plurals as its people ("Armenians").
    fn index_adjectives(&mut self, id: EntityId, adjectives: &[&str]) {
        for a in adjectives {
            self.index(a, Target::Adjective(id));
            for p in plurals(a) {
                self.index(&p, Target::Adjective(id));
            }
        }
    }

    /// One row of a person: merged with the person of the same name (or of a full alias) when
    /// both are curated or their countries agree, else a new person.
    fn add_person(&mut self, name: &str, aliases: &[&str], t: Tenure, source: &str) {
        let key = person_key(name);
        let country = country_family(&t.code).to_string();
        let country = country.as_str();
        let compatible = |kb: &KnowledgeBase, id: EntityId| {
            let e = kb.entity(id);
            e.source == source
                || (t.curated && e.tenures.iter().any(|x| x.curated))
                || e.tenures.iter().any(|x| country_family(&x.code) == country || is_international(&x.code))
                || is_international(&t.code)
        };
        let mut existing = self.people.get(&key).and_then(|ids| ids.iter().rev().copied().find(|&id| compatible(self, id)));
        if existing.is_none() {
            existing = aliases
                .iter()
                .filter(|a| a.split_whitespace().count() >= 2)
                .find_map(|a| self.people.get(&person_key(a)).and_then(|ids| ids.iter().rev().copied().find(|&id| compatible(self, id))));
        }
        let id = match existing {
            Some(id) => {
                if let Some(e) = self.entities.get_mut(id.0 as usize) {
                    if t.curated && !e.tenures.iter().any(|x| x.curated) {
                        // A curated row names the person: its spelling and source come first.
                        e.source = source.to_string();
                    }
                    e.tenures.push(t);
                }
                self.index(name, Target::Name(id));
                self.remember_name(key, id);
                id
            }
            None => {
                let id = self.push(Entity {
                    kind: EntityKind::Person,
                    name: name.to_string(),
                    tenures: vec![t],
                    members: Vec::new(),
                    source: source.to_string(),
                });
                self.index(name, Target::Name(id));
                self.people.entry(key).or_default().push(id);
                if let Some(sur) = surname(name, country) {
                    self.index(sur, Target::Surname(id));
                }
                id
            }
        };
        for a in aliases {
            // A one-word alias ("Nixon", "FDR") is read like a surname, by date and context
            // (`recognize`); in a title or speaker label it names its holder.
            self.index(a, Target::Name(id));
            if a.split_whitespace().count() >= 2 {
                self.remember_name(person_key(a), id);
            }
        }
    }

    fn remember_name(&mut self, key: String, id: EntityId) {
        let v = self.people.entry(key).or_default();
        if !v.contains(&id) {
            v.push(id);
        }
    }

    /// The members of an organisation (by code) on `date`, in file order; all that ever were when
    /// there is no date.
    pub fn members_of(&self, organization: &str, date: Option<NaiveDate>) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in self.memberships.iter().filter(|m| m.organization == organization) {
            if date.is_none_or(|d| m.period.covers(d)) && !out.contains(&m.member.as_str()) {
                out.push(&m.member);
            }
        }
        out
    }

    /// True when `country` is a member of `organization` on `date`.
    pub fn is_member(&self, country: &str, organization: &str, date: NaiveDate) -> bool {
        self.memberships.iter().any(|m| m.member == country && m.organization == organization && m.period.covers(date))
    }

    /// The organisations `country` belongs to on `date`.
    pub fn memberships_of(&self, country: &str, date: NaiveDate) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in self.memberships.iter().filter(|m| m.member == country && m.period.covers(date)) {
            if !out.contains(&m.organization.as_str()) {
                out.push(&m.organization);
            }
        }
        out
    }

    /// People of this full name (canonical or alias), in load order.
    pub fn people_named(&self, name: &str) -> &[EntityId] {
        self.people.get(&person_key(name)).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The particles of names ("von der Leyen", "al-Qaeda", "bin Salman", "de Gaulle").
pub(crate) const NAME_PARTICLES: &[&str] =
    &["von", "van", "der", "den", "de", "da", "di", "del", "du", "la", "le", "al", "el", "bin", "ibn"];

/// Required case per phrase token: capitals in the file must be capitals in the text, except a
/// particle before another word of a name, which the news writes either way ("al-Qaeda" and
/// "Al-Qaeda", "de Gaulle" and "De Gaulle").
fn phrase_cases(phrase: &str, toks: &[crate::tokens::Token]) -> Vec<Case> {
    toks.iter()
        .enumerate()
        .map(|(i, t)| {
            let raw = t.span.slice(phrase);
            if i + 1 < toks.len() && NAME_PARTICLES.contains(&t.norm.as_str()) {
                return Case::Lower;
            }
            match case_of(raw) {
                Case::Upper if raw.chars().filter(|c| c.is_alphabetic()).count() <= 5 => Case::Upper,
                // A short word of mixed case is an acronym ("LeT"): not the word "Let".
                Case::Mixed if raw.chars().filter(|c| c.is_alphabetic()).count() <= 5 => Case::Mixed,
                Case::Upper | Case::Capitalized | Case::Mixed => Case::Capitalized,
                Case::Lower => Case::Lower,
            }
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FileKind {
    Countries,
    Organizations,
    Metonyms,
    Agents,
    People,
    Groups,
    Memberships,
    Regions,
}

impl FileKind {
    const ALL: [FileKind; 8] = [
        FileKind::Countries,
        FileKind::Organizations,
        FileKind::Metonyms,
        FileKind::Agents,
        FileKind::People,
        FileKind::Groups,
        FileKind::Memberships,
        FileKind::Regions,
    ];

    fn header(self) -> &'static [&'static str] {
        match self {
            FileKind::Countries => &["code", "iso3", "name", "names", "adjectives", "capitals", "from", "to", "source"],
            FileKind::Organizations => &["code", "names", "from", "to", "source"],
            FileKind::Metonyms => &["phrase", "code", "from", "to", "source"],
            FileKind::Agents => &["phrase", "plural", "role", "source"],
            FileKind::People => &["name", "aliases", "code", "from", "to", "office", "source"],
            FileKind::Groups => &["phrase", "members", "from", "to", "source"],
            FileKind::Memberships => &["organization", "member", "from", "to", "source"],
            FileKind::Regions => &["code", "names", "adjectives", "source"],
        }
    }

    fn from_header(cols: &[&str]) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.header() == cols)
    }
}

fn list(s: &str) -> Vec<&str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty()).collect()
}

fn check_code(code: &str, min: usize) -> Result<(), String> {
    if code.len() < min || !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return Err(format!("expected an upper-case CAMEO code of at least {min} letters, found {code:?}"));
    }
    Ok(())
}

/// A date bound: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` (approximate: the first day of the period
/// for a `from` bound, the last for a `to` bound). Returns the date and whether it is approximate.
fn date(s: &str, what: &str, end: bool) -> Result<(Option<NaiveDate>, bool), String> {
    if s.is_empty() {
        return Ok((None, false));
    }
    let bad = || format!("expected the {what} date as YYYY-MM-DD, YYYY-MM, YYYY or empty, found {s:?}");
    if let Some(d) = iso_date(s).or_else(|| parse_date(s)) {
        return Ok((Some(d), false));
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) { p.parse::<u32>().ok() } else { None };
    let (year, month) = match parts.as_slice() {
        [y] => (num(y, 4).ok_or_else(bad)?, None),
        [y, m] => (num(y, 4).ok_or_else(bad)?, Some(num(m, 2).ok_or_else(bad)?)),
        _ => return Err(bad()),
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    let d = match (month, end) {
        (None, false) => NaiveDate::from_ymd_opt(year, 1, 1),
        (None, true) => NaiveDate::from_ymd_opt(year, 12, 31),
        (Some(m), false) => NaiveDate::from_ymd_opt(year, m, 1),
        (Some(m), true) => {
            let (ny, nm) = if m == 12 { (year + 1, 1) } else { (year, m + 1) };
            NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt()).filter(|_| (1..=12).contains(&m))
        }
    };
    d.map(|d| (Some(d), true)).ok_or_else(bad)
}

/// `YYYY-MM-DD` without chrono's general parser (the knowledge base reads tens of thousands).
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).filter(|x| x.bytes().all(|c| c.is_ascii_digit())).and_then(|x| x.parse::<u32>().ok());
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

fn tenure(code: &str, from: &str, to: &str, office: &str) -> Result<Tenure, String> {
    let (f, fa) = date(from, "from", false)?;
    let (e, ea) = date(to, "to", true)?;
    let t = Tenure { code: code.to_string(), from: f, to: e, office: office.to_string(), approximate: fa || ea, curated: true };
    if let (Some(f), Some(e)) = (t.from, t.to) {
        if e < f {
            return Err(format!("the to date {e} is before the from date {f}"));
        }
    }
    Ok(t)
}

/// The key people are merged and looked up by: lower case, dots and apostrophes dropped,
/// hyphens and runs of spaces made one space.
pub(crate) fn person_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split(|c: char| c.is_whitespace() || c == '-') {
        let w: String = w.chars().filter(|c| !matches!(c, '.' | '\'' | '’')).flat_map(char::to_lowercase).collect();
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&w);
        }
    }
    out
}

/// A country code's family: successor states share their predecessor's (the Soviet Union and
/// Russia, Yugoslavia and Serbia, Czechoslovakia and Czechia, the two Germanies).
fn country_family(code: &str) -> &str {
    match code.get(..3).unwrap_or(code) {
        "SUN" => "RUS",
        "YUG" | "SCG" => "SRB",
        "CSK" => "CZE",
        "DDR" => "DEU",
        c => c,
    }
}

/// The surname a person is called by alone: the last word (with particles before it: "von der
/// Leyen"), or the first for names written family name first (Chinese, Korean, Cambodian).
/// Suffixes (Jr., III) are skipped; single-word names and one-letter surnames give none.
fn surname<'a>(name: &'a str, country: &str) -> Option<&'a str> {
    const SUFFIX: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];
    let offset = |w: &str| w.as_ptr() as usize - name.as_ptr() as usize;
    let mut words: Vec<(usize, &str)> = name.split_whitespace().map(|w| (offset(w), w)).collect();
    // "Sir Edward Youde": the honorific is no part of the name, and a knighted name is in Western order.
    let honoured = words.first().is_some_and(|(_, w)| is_honorific(&w.replace('.', "").to_lowercase()));
    while words.first().is_some_and(|(_, w)| is_honorific(&w.replace('.', "").to_lowercase())) {
        words.remove(0);
    }
    if words.last().is_some_and(|(_, w)| matches!(*w, "II" | "III" | "IV" | "V" | "VI")) {
        return None; // a monarch ("Franz Joseph II") is not called by a surname
    }
    while words.last().is_some_and(|(_, w)| SUFFIX.contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    if words.len() < 2 {
        return None;
    }
    // Family name first where that is the custom, and the first word is short like those family
    // names are (Xi, Moon, Lee, Hun); "Michael Chan" keeps the Western order.
    let (_, first) = *words.first()?;
    let family_first =
        !honoured && matches!(country, "CHN" | "TWN" | "KOR" | "PRK" | "KHM" | "HKG" | "MAC" | "SGP" | "MNG") && first.chars().count() <= 5;
    let pick: &str = if family_first {
        first
    } else {
        let mut k = words.len() - 1;
        while k > 1 && words.get(k - 1).is_some_and(|(_, w)| NAME_PARTICLES.contains(&w.to_lowercase().as_str())) {
            k -= 1;
        }
        let (start, _) = *words.get(k)?;
        let (last_start, last) = *words.last()?;
        name.get(start..last_start + last.len())?
    };
    let letters = pick.chars().filter(|c| c.is_alphabetic()).count();
    let capital = pick.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase) || pick.contains(' ');
    // One or two letters ("Su", "Ba") are indexed too: `recognize` reads them only after a title.
    (letters >= 2 && capital && !pick.ends_with('.')).then_some(pick)
}

/// Regular English plurals of a phrase's last word.
pub(crate) fn plurals(phrase: &str) -> Vec<String> {
    // The head keeps its trailing space.
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => phrase.split_at_checked(i + 1).unwrap_or(("", phrase)),
        None => ("", phrase),
    };
    if last.chars().all(|c| c.is_uppercase()) {
        return vec![format!("{head}{last}s")];
    }
    let lower = last.to_lowercase();
    let form = if lower.ends_with("man") && !lower.ends_with("german") {
        format!("{}men", last.get(..last.len() - 3).unwrap_or(last))
    } else if lower.ends_with('y') && !lower.ends_with("ey") && !lower.ends_with("ay") && !lower.ends_with("oy") {
        format!("{}ies", last.get(..last.len() - 1).unwrap_or(last))
    } else if lower.ends_with('s') || lower.ends_with("sh") || lower.ends_with("ch") || lower.ends_with('x') {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    vec![format!("{head}{form}")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let kb = KnowledgeBase::builtin().expect("builtin kb");
        assert!(kb.len() > 700, "{}", kb.len());
        assert_eq!(kb.files(), BUILTIN.len());
        assert!(BUILTIN.iter().any(|(p, _)| p.ends_with("phoenix/people.tsv")));
    }

    #[test]
    fn person_code_follows_the_date() {
        let kb = KnowledgeBase::builtin().expect("kb");
        let d = |s| parse_date(s);
        let trump = kb.entity(kb.person_by_name("Donald Trump", None).expect("trump"));
        assert_eq!(trump.code_on(d("2010-01-01")).as_deref(), Some("USABUS"));
        assert_eq!(trump.code_on(d("2018-01-01")).as_deref(), Some("USAGOV"));
        assert_eq!(trump.code_on(d("2023-01-01")).as_deref(), Some("USAELI"));
        assert_eq!(trump.code_on(d("2025-01-22")).as_deref(), Some("USAGOV"));
        let tokayev = kb.entity(kb.person_by_name("Tokayev", None).expect("tokayev"));
        assert_eq!(tokayev.code_on(d("2012-01-01")).as_deref(), Some("IGOUNO"));
        assert_eq!(tokayev.code_on(d("2015-01-01")).as_deref(), Some("KAZLEG"));
        assert_eq!(tokayev.code_on(d("2020-01-01")).as_deref(), Some("KAZGOV"));
        let matviyenko = kb.entity(kb.person_by_name("Valentina Matviyenko", None).expect("m"));
        assert_eq!(matviyenko.code_on(d("2025-01-22")).as_deref(), Some("RUSLEG"));
        assert_eq!(matviyenko.code_on(d("2005-01-01")).as_deref(), Some("RUSGOV"));
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let mut kb = KnowledgeBase::empty();
        let e = kb.add_tsv("mine.tsv", "# c\nphrase\tcode\tfrom\tto\tsource\nthe Kremlin\trusgov\t\t\tx\n").expect_err("bad code");
        assert!(e.to_string().starts_with("mine.tsv:3: expected an upper-case CAMEO code"), "{e}");
        let e = kb.add_tsv("mine.tsv", "phrase\tcode\tfrom\tto\tsource\nthe Kremlin\tRUSGOV\n").expect_err("columns");
        assert!(e.to_string().contains("mine.tsv:2: expected 5 tab-separated columns"), "{e}");
        let e = kb.add_tsv("x.tsv", "what\tever\n").expect_err("header");
        assert!(e.to_string().starts_with("x.tsv:1: expected a header"), "{e}");
        let e =
            kb.add_tsv("p.tsv", "name\taliases\tcode\tfrom\tto\toffice\tsource\nA B\t\tRUSGOV\t2020-13-01\t\tx\ty\n").expect_err("date");
        assert!(e.to_string().contains("from date as YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn surnames_skip_honorifics_and_follow_the_naming_custom() {
        assert_eq!(surname("Sir Edward Youde", "HKG"), Some("Youde"), "a knighted name is in Western order");
        assert_eq!(surname("Sir Winston Churchill", "GBR"), Some("Churchill"));
        assert_eq!(surname("Hun Sen", "KHM"), Some("Hun"));
        assert_eq!(surname("Ursula von der Leyen", "IGOEEC"), Some("von der Leyen"));
        assert_eq!(surname("Sir Seretse", "BWA"), None, "an honorific and one name leave no surname");
    }

    #[test]
    fn plural_forms() {
        assert_eq!(plurals("embassy"), ["embassies"]);
        assert_eq!(plurals("businessman"), ["businessmen"]);
        assert_eq!(plurals("Armenian"), ["Armenians"]);
        assert_eq!(plurals("German"), ["Germans"]);
        assert_eq!(plurals("foreign minister"), ["foreign ministers"]);
        assert_eq!(plurals("MP"), ["MPs"]);
    }
}
