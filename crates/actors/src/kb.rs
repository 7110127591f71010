//! The actor knowledge base: records read from the TSV files of `data/actors/` (format in its
//! README), indexed by normalised phrase for the matcher.

use crate::matcher::{Phrase, PhraseTrie};
use crate::tokens::{case_of, tokenize_phrase, Case};
use crate::ActorError;
use chrono::NaiveDate;
use demarche_core::dates::parse_date;
use std::path::Path;

const BUILTIN: &[(&str, &str)] = &[
    ("data/actors/countries.tsv", include_str!("../../../data/actors/countries.tsv")),
    ("data/actors/organizations.tsv", include_str!("../../../data/actors/organizations.tsv")),
    ("data/actors/metonyms.tsv", include_str!("../../../data/actors/metonyms.tsv")),
    ("data/actors/agents.tsv", include_str!("../../../data/actors/agents.tsv")),
    ("data/actors/people.tsv", include_str!("../../../data/actors/people.tsv")),
    ("data/actors/groups.tsv", include_str!("../../../data/actors/groups.tsv")),
];

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
}

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
}

impl Tenure {
    fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
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
        if let Some(t) = self.tenures.iter().filter(|t| t.covers(date)).min_by_key(|t| t.is_open()) {
            return Some(t.code.clone());
        }
        match self.kind {
            EntityKind::Person => self.tenures.iter().min_by_key(|t| t.distance(date)).map(|t| {
                if t.code.len() >= 3 && !is_international(&t.code) {
                    format!("{}ELI", &t.code[..3])
                } else {
                    t.code.clone()
                }
            }),
            _ => None,
        }
    }

    /// True when the entity existed (had a tenure) on `date`.
    pub fn valid_on(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => true,
            Some(d) => self.kind == EntityKind::Person || self.tenures.iter().any(|t| t.covers(d)),
        }
    }

    /// True when a tenure with explicit dates covers `date`.
    pub fn dated_on(&self, date: Option<NaiveDate>) -> bool {
        date.is_some_and(|d| self.tenures.iter().any(|t| !t.is_open() && t.covers(d)))
    }
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
}

/// The knowledge base.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub(crate) entities: Vec<Entity>,
    pub(crate) trie: PhraseTrie<Target>,
    files: usize,
}

impl Default for KnowledgeBase {
    fn default() -> Self {
        KnowledgeBase { entities: Vec::new(), trie: PhraseTrie::new(), files: 0 }
    }
}

impl KnowledgeBase {
    /// The knowledge base embedded in the binary.
    pub fn builtin() -> Result<KnowledgeBase, ActorError> {
        let mut kb = KnowledgeBase::default();
        for (name, text) in BUILTIN {
            kb.add_tsv(&format!("<builtin>/{name}"), text)?;
        }
        Ok(kb)
    }

    /// An empty knowledge base (for `--actors-only`).
    pub fn empty() -> KnowledgeBase {
        KnowledgeBase::default()
    }

    /// Add the records of a file, or of every `.tsv` file in a folder.
    pub fn add_path(&mut self, path: &Path) -> Result<(), ActorError> {
        let io = |e: std::io::Error| ActorError::Io { path: path.display().to_string(), message: e.to_string() };
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(io)?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
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

    /// Number of files read.
    pub fn files(&self) -> usize {
        self.files
    }

    /// An entity by id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// Look up a person by a full or short name, valid on `date`. Honorifics ("Mr.", "H.E.")
    /// are ignored, and a surname alone finds the one person of that surname in office then.
    pub fn person_by_name(&self, name: &str, date: Option<NaiveDate>) -> Option<EntityId> {
        const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "dr", "he", "sir", "madam", "minister", "president", "ambassador"];
        let mut clean: Vec<&str> = name.split_whitespace().collect();
        while clean.len() > 1 && HONORIFICS.contains(&clean[0].trim_end_matches('.').replace('.', "").to_lowercase().as_str()) {
            clean.remove(0);
        }
        let cleaned = clean.join(" ");
        if let Some(id) = self.person_exact(&cleaned, date) {
            return Some(id);
        }
        let surname = clean.last()?.to_lowercase();
        let mut found = self.entities.iter().enumerate().filter(|(_, e)| {
            e.kind == EntityKind::Person
                && e.name.split_whitespace().last().is_some_and(|l| l.to_lowercase() == surname)
                && e.dated_on(date)
        });
        match (found.next(), found.next()) {
            (Some((i, _)), None) => Some(EntityId(i as u32)),
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
                if e.kind == EntityKind::Person && (best.is_none() || e.dated_on(date)) {
                    best = Some(*id);
                }
            }
        }
        best
    }

    /// Parse one TSV file, telling its kind from the header.
    pub fn add_tsv(&mut self, file: &str, text: &str) -> Result<(), ActorError> {
        let mut header: Option<FileKind> = None;
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
                return Err(err(format!(
                    "expected {want} tab-separated columns ({}), found {}",
                    kind.header().join(", "),
                    cols.len()
                )));
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
        let norms: Vec<String> = toks.iter().map(|t| t.norm.clone()).collect();
        let cases: Vec<Case> = phrase_cases(phrase, &toks);
        self.trie.insert(&norms, Phrase { value: target, cases });
    }

    fn add_record(&mut self, kind: FileKind, c: &[&str]) -> Result<(), String> {
        match kind {
            FileKind::Countries => {
                let (code, name) = (c[0], c[2]);
                check_code(code, 3)?;
                let tenure = tenure(code, c[6], c[7], "")?;
                let id = self.push(Entity {
                    kind: EntityKind::Country,
                    name: name.to_string(),
                    tenures: vec![tenure],
                    members: Vec::new(),
                    source: c[8].to_string(),
                });
                self.index(name, Target::Name(id));
                for n in list(c[3]) {
                    self.index(n, Target::Name(id));
                }
                for a in list(c[4]) {
                    self.index(a, Target::Adjective(id));
                    for p in plurals(a) {
                        self.index(&p, Target::Adjective(id));
                    }
                }
                for cap in list(c[5]) {
                    self.index(cap, Target::Capital(id));
                }
            }
            FileKind::Organizations => {
                let code = c[0];
                check_code(code, 3)?;
                let names = list(c[1]);
                let first = names.first().ok_or("expected at least one name")?;
                let id = self.push(Entity {
                    kind: EntityKind::Organization,
                    name: first.to_string(),
                    tenures: vec![tenure(code, c[2], c[3], "")?],
                    members: Vec::new(),
                    source: c[4].to_string(),
                });
                for n in names {
                    self.index(n, Target::Name(id));
                }
            }
            FileKind::Metonyms => {
                check_code(c[1], 6)?;
                let id = self.push(Entity {
                    kind: EntityKind::Metonym,
                    name: c[0].to_string(),
                    tenures: vec![tenure(c[1], c[2], c[3], "")?],
                    members: Vec::new(),
                    source: c[4].to_string(),
                });
                self.index(c[0], Target::Name(id));
            }
            FileKind::Agents => {
                let (phrase, plural, role) = (c[0], c[1], c[2]);
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
                let (name, code) = (c[0], c[2]);
                check_code(code, 6)?;
                let t = tenure(code, c[3], c[4], c[5])?;
                // Rows of one person share an entity.
                let existing = self
                    .entities
                    .iter()
                    .rposition(|e| e.kind == EntityKind::Person && e.name == name)
                    .map(|i| EntityId(i as u32));
                let id = match existing {
                    Some(id) => {
                        self.entities[id.0 as usize].tenures.push(t);
                        id
                    }
                    None => self.push(Entity {
                        kind: EntityKind::Person,
                        name: name.to_string(),
                        tenures: vec![t],
                        members: Vec::new(),
                        source: c[6].to_string(),
                    }),
                };
                if existing.is_none() {
                    self.index(name, Target::Name(id));
                }
                for a in list(c[1]) {
                    if !self.trie_has(a, id) {
                        self.index(a, Target::Name(id));
                    }
                }
            }
            FileKind::Groups => {
                let members: Vec<String> = list(c[1]).into_iter().map(str::to_string).collect();
                if members.is_empty() {
                    return Err("expected |-separated member codes in column 2".into());
                }
                for m in &members {
                    check_code(m, 3)?;
                }
                let id = self.push(Entity {
                    kind: EntityKind::Group,
                    name: c[0].to_string(),
                    tenures: vec![tenure(&members.join("|"), c[2], c[3], "")?],
                    members,
                    source: c[4].to_string(),
                });
                self.index(c[0], Target::Name(id));
            }
        }
        Ok(())
    }

    fn trie_has(&self, phrase: &str, id: EntityId) -> bool {
        let toks = tokenize_phrase(phrase);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        self.trie.exact(&norms).is_some_and(|ts| ts.iter().any(|t| t.value == Target::Name(id)))
    }
}

/// Required case per phrase token: capitals in the file must be capitals in the text.
fn phrase_cases(phrase: &str, toks: &[crate::tokens::Token]) -> Vec<Case> {
    toks.iter()
        .map(|t| {
            let raw = t.span.slice(phrase);
            match case_of(raw) {
                Case::Upper if raw.chars().filter(|c| c.is_alphabetic()).count() <= 5 => Case::Upper,
                Case::Upper | Case::Capitalized => Case::Capitalized,
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
}

impl FileKind {
    const ALL: [FileKind; 6] =
        [FileKind::Countries, FileKind::Organizations, FileKind::Metonyms, FileKind::Agents, FileKind::People, FileKind::Groups];

    fn header(self) -> &'static [&'static str] {
        match self {
            FileKind::Countries => &["code", "iso3", "name", "names", "adjectives", "capitals", "from", "to", "source"],
            FileKind::Organizations => &["code", "names", "from", "to", "source"],
            FileKind::Metonyms => &["phrase", "code", "from", "to", "source"],
            FileKind::Agents => &["phrase", "plural", "role", "source"],
            FileKind::People => &["name", "aliases", "code", "from", "to", "office", "source"],
            FileKind::Groups => &["phrase", "members", "from", "to", "source"],
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

fn date(s: &str, what: &str) -> Result<Option<NaiveDate>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    parse_date(s).map(Some).ok_or_else(|| format!("expected the {what} date as YYYY-MM-DD or empty, found {s:?}"))
}

fn tenure(code: &str, from: &str, to: &str, office: &str) -> Result<Tenure, String> {
    let t = Tenure { code: code.to_string(), from: date(from, "from")?, to: date(to, "to")?, office: office.to_string() };
    if let (Some(f), Some(e)) = (t.from, t.to) {
        if e < f {
            return Err(format!("the to date {e} is before the from date {f}"));
        }
    }
    Ok(t)
}

/// Regular English plurals of a phrase's last word.
pub(crate) fn plurals(phrase: &str) -> Vec<String> {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => (&phrase[..=i], &phrase[i + 1..]),
        None => ("", phrase),
    };
    if last.chars().all(|c| c.is_uppercase()) {
        return vec![format!("{head}{last}s")];
    }
    let lower = last.to_lowercase();
    let form = if lower.ends_with("man") && !lower.ends_with("german") {
        format!("{}men", &last[..last.len() - 3])
    } else if lower.ends_with('y') && !lower.ends_with("ey") && !lower.ends_with("ay") && !lower.ends_with("oy") {
        format!("{}ies", &last[..last.len() - 1])
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
        assert_eq!(kb.files(), 6);
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
        let e = kb
            .add_tsv("p.tsv", "name\taliases\tcode\tfrom\tto\toffice\tsource\nA B\t\tRUSGOV\t2020-13-01\t\tx\ty\n")
            .expect_err("date");
        assert!(e.to_string().contains("from date as YYYY-MM-DD"), "{e}");
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
