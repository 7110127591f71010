//! The compiled knowledge base: a compact binary form of a loaded [`KnowledgeBase`], written by
//! build.rs from the TSV files of `data/actors/` and read back by [`KnowledgeBase::builtin`], so
//! that start-up does not tokenize and index tens of thousands of names.
//!
//! Layout (little-endian; strings are a u32 byte length then UTF-8): a magic line, the number of
//! files, the entities (kind, name, source, members, tenures), the people index, then the trie
//! (words in id order, edges, node count, terminal phrases). A damaged or foreign blob reads as
//! `None`, never as a panic.

use crate::kb::{Entity, EntityId, EntityKind, KnowledgeBase, Membership, Target, Tenure};
use crate::matcher::{Phrase, PhraseTrie};
use crate::tokens::Case;
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

const MAGIC: &[u8] = b"demarche-kb 2\n";

/// Serialize a knowledge base (used by build.rs and the tests).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn write(kb: &KnowledgeBase) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(8 << 20));
    w.0.extend_from_slice(MAGIC);
    w.u32(kb.files as u32);
    w.u32(kb.entities.len() as u32);
    for e in &kb.entities {
        w.0.push(match e.kind {
            EntityKind::Country => 0,
            EntityKind::Organization => 1,
            EntityKind::Metonym => 2,
            EntityKind::Person => 3,
            EntityKind::Group => 4,
            EntityKind::Region => 5,
        });
        w.str(&e.name);
        w.str(&e.source);
        w.u32(e.members.len() as u32);
        for m in &e.members {
            w.str(m);
        }
        w.u32(e.tenures.len() as u32);
        for t in &e.tenures {
            w.tenure(t);
        }
    }
    w.u32(kb.memberships.len() as u32);
    for m in &kb.memberships {
        w.str(&m.organization);
        w.str(&m.member);
        w.tenure(&m.period);
        w.str(&m.source);
    }
    let mut people: Vec<(&String, &Vec<EntityId>)> = kb.people.iter().collect();
    people.sort();
    w.u32(people.len() as u32);
    for (k, ids) in people {
        w.str(k);
        w.u32(ids.len() as u32);
        for id in ids {
            w.u32(id.0);
        }
    }
    let trie = &kb.trie;
    let mut words: Vec<(&str, u32)> = trie.words.iter().map(|(k, v)| (&**k, *v)).collect();
    words.sort_by_key(|(_, v)| *v);
    w.u32(words.len() as u32);
    for (k, _) in words {
        w.str(k);
    }
    let mut edges: Vec<(&(u32, u32), &u32)> = trie.edges.iter().collect();
    edges.sort();
    w.u32(edges.len() as u32);
    for ((node, word), child) in edges {
        w.u32(*node);
        w.u32(*word);
        w.u32(*child);
    }
    w.u32(trie.nodes);
    let mut terminals: Vec<(&u32, &Vec<Phrase<Target>>)> = trie.terminals.iter().collect();
    terminals.sort_by_key(|(n, _)| **n);
    w.u32(terminals.len() as u32);
    for (node, phrases) in terminals {
        w.u32(*node);
        w.u32(phrases.len() as u32);
        for p in phrases {
            match &p.value {
                Target::Name(id) => w.tag_id(0, *id),
                Target::Adjective(id) => w.tag_id(1, *id),
                Target::Capital(id) => w.tag_id(2, *id),
                Target::Surname(id) => w.tag_id(3, *id),
                Target::Agent(role) => {
                    w.0.push(4);
                    w.str(role);
                }
            }
            w.u32(p.cases.len() as u32);
            for c in &p.cases {
                w.0.push(match c {
                    Case::Lower => 0,
                    Case::Capitalized => 1,
                    Case::Upper => 2,
                    Case::Mixed => 3,
                });
            }
        }
    }
    w.0
}

/// Read a knowledge base written by [`write`]; `None` if the bytes are not one.
pub(crate) fn read(bytes: &[u8]) -> Option<KnowledgeBase> {
    let mut r = Reader { b: bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let files = r.u32()? as usize;
    let n = r.u32()? as usize;
    let mut entities = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        let kind = match r.u8()? {
            0 => EntityKind::Country,
            1 => EntityKind::Organization,
            2 => EntityKind::Metonym,
            3 => EntityKind::Person,
            4 => EntityKind::Group,
            5 => EntityKind::Region,
            _ => return None,
        };
        let name = r.string()?;
        let source = r.string()?;
        let members = (0..r.u32()?).map(|_| r.string()).collect::<Option<Vec<_>>>()?;
        let nt = r.u32()? as usize;
        let mut tenures = Vec::with_capacity(nt.min(1024));
        for _ in 0..nt {
            tenures.push(r.tenure()?);
        }
        entities.push(Entity { kind, name, tenures, members, source });
    }
    let nm = r.u32()? as usize;
    let mut memberships = Vec::with_capacity(nm.min(bytes.len()));
    for _ in 0..nm {
        let (organization, member, period, source) = (r.string()?, r.string()?, r.tenure()?, r.string()?);
        memberships.push(Membership { organization, member, period, source });
    }
    let np = r.u32()? as usize;
    let mut people = std::collections::HashMap::with_capacity(np.min(bytes.len()));
    for _ in 0..np {
        let k = r.string()?;
        let ids = (0..r.u32()?).map(|_| r.id(n)).collect::<Option<Vec<_>>>()?;
        people.insert(k, ids);
    }
    let nw = r.u32()? as usize;
    let mut words = FxHashMap::default();
    words.reserve(nw.min(bytes.len()));
    for i in 0..nw {
        words.insert(r.str()?.into(), i as u32);
    }
    let ne = r.u32()? as usize;
    let mut edges = FxHashMap::default();
    edges.reserve(ne.min(bytes.len()));
    for _ in 0..ne {
        let (node, word, child) = (r.u32()?, r.u32()?, r.u32()?);
        edges.insert((node, word), child);
    }
    let nodes = r.u32()?;
    let nterm = r.u32()? as usize;
    let mut terminals = FxHashMap::default();
    terminals.reserve(nterm.min(bytes.len()));
    for _ in 0..nterm {
        let node = r.u32()?;
        let k = r.u32()? as usize;
        let mut phrases = Vec::with_capacity(k.min(64));
        for _ in 0..k {
            let value = match r.u8()? {
                0 => Target::Name(r.id(n)?),
                1 => Target::Adjective(r.id(n)?),
                2 => Target::Capital(r.id(n)?),
                3 => Target::Surname(r.id(n)?),
                4 => Target::Agent(r.string()?),
                _ => return None,
            };
            let cases = (0..r.u32()?)
                .map(|_| match r.u8()? {
                    0 => Some(Case::Lower),
                    1 => Some(Case::Capitalized),
                    2 => Some(Case::Upper),
                    3 => Some(Case::Mixed),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?;
            phrases.push(Phrase { value, cases });
        }
        terminals.insert(node, phrases);
    }
    if r.at != bytes.len() {
        return None;
    }
    Some(KnowledgeBase { entities, trie: PhraseTrie { words, edges, nodes, terminals }, files, people, memberships })
}

#[cfg_attr(not(test), allow(dead_code))]
struct Writer(Vec<u8>);

#[cfg_attr(not(test), allow(dead_code))]
impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn date(&mut self, d: Option<NaiveDate>) {
        self.u32(d.map_or(u32::MAX, |d| d.num_days_from_ce() as u32));
    }
    fn tenure(&mut self, t: &Tenure) {
        self.str(&t.code);
        self.date(t.from);
        self.date(t.to);
        self.str(&t.office);
        self.0.push(u8::from(t.approximate) | (u8::from(t.curated) << 1));
    }
    fn tag_id(&mut self, tag: u8, id: EntityId) {
        self.0.push(tag);
        self.u32(id.0);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }
    fn date(&mut self) -> Option<Option<NaiveDate>> {
        match self.u32()? {
            u32::MAX => Some(None),
            d => NaiveDate::from_num_days_from_ce_opt(i32::try_from(d).ok()?).map(Some),
        }
    }
    fn tenure(&mut self) -> Option<Tenure> {
        let code = self.string()?;
        let from = self.date()?;
        let to = self.date()?;
        let office = self.string()?;
        let flags = self.u8()?;
        Some(Tenure { code, from, to, office, approximate: flags & 1 != 0, curated: flags & 2 != 0 })
    }
    fn id(&mut self, entities: usize) -> Option<EntityId> {
        let v = self.u32()?;
        ((v as usize) < entities).then_some(EntityId(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_form_round_trips_and_matches_the_tsv_files() {
        let from_tsv = KnowledgeBase::builtin_from_tsv().expect("tsv");
        let bytes = write(&from_tsv);
        let back = read(&bytes).expect("read");
        assert_eq!(write(&back), bytes);
        let builtin = KnowledgeBase::builtin().expect("builtin");
        assert_eq!(write(&builtin), bytes, "the compiled knowledge base is stale: rebuild");
    }

    #[test]
    fn damaged_bytes_read_as_none() {
        let bytes = write(&KnowledgeBase::builtin_from_tsv().expect("tsv"));
        assert!(read(&bytes[..bytes.len() / 2]).is_none());
        assert!(read(b"not a knowledge base").is_none());
        let mut bad = bytes.clone();
        bad[MAGIC.len() + 5] ^= 0xff;
        let _ = read(&bad); // must not panic
    }
}
