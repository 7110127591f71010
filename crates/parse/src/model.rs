//! The model file: a versioned binary with a magic header and a checksum.
//!
//! ```text
//! "DMRCPARS"            8 bytes, magic
//! version               u32 LE (FORMAT_VERSION)
//! payload length        u64 LE
//! checksum              u64 LE (FNV-1a of the payload, avalanched)
//! payload:
//!   info                string (u32 length + UTF-8): how the model was trained, its scores
//!   tags                u32 count, then (UPOS, XPOS) string pairs
//!   labels              u32 count, then strings (label 0 is `root`)
//!   lemma exceptions    u32 count, then (lowercase form, tag u16, lemma)
//!   lexicon             u32 count, then (word hash u64, ambiguity class hash u64), sorted
//!   tagger weights      see `Weights::write`
//!   parser weights      see `Weights::write`
//! ```
//!
//! Feature keys are the crate's own stable hashes (`hash`), so a change to a feature template or
//! to hashing needs a new version; a file of another version is refused with a clear error.

use crate::lemma::Lemmatizer;
use crate::perceptron::Weights;
use crate::ParseError;

pub(crate) const MAGIC: &[u8; 8] = b"DMRCPARS";
/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A trained tagger, lemmatiser and parser.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) info: String,
    pub(crate) upos: Vec<String>,
    pub(crate) xpos: Vec<String>,
    pub(crate) labels: Vec<String>,
    pub(crate) lemmas: Lemmatizer,
    pub(crate) lexicon: crate::tagger::Lexicon,
    pub(crate) tagger: Weights,
    pub(crate) parser: Weights,
}

pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn err(&self, what: &str) -> ParseError {
        ParseError::model(format!("{what} at byte {} of the payload", self.pos))
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], ParseError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len()).ok_or_else(|| self.err("unexpected end"))?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, ParseError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, ParseError> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    pub(crate) fn u16(&mut self) -> Result<u16, ParseError> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub(crate) fn string(&mut self) -> Result<String, ParseError> {
        let n = self.u32()? as usize;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.err("invalid UTF-8"))
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

impl Model {
    /// Serialise to the model file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        put_str(&mut p, &self.info);
        p.extend_from_slice(&(self.upos.len() as u32).to_le_bytes());
        for (u, x) in self.upos.iter().zip(&self.xpos) {
            put_str(&mut p, u);
            put_str(&mut p, x);
        }
        p.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            put_str(&mut p, l);
        }
        let ex = self.lemmas.exceptions();
        p.extend_from_slice(&(ex.len() as u32).to_le_bytes());
        for (form, tag, lemma) in ex {
            put_str(&mut p, form);
            p.extend_from_slice(&tag.to_le_bytes());
            put_str(&mut p, lemma);
        }
        let mut lex: Vec<(u64, u64)> = self.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        p.extend_from_slice(&(lex.len() as u32).to_le_bytes());
        for (k, v) in lex {
            p.extend_from_slice(&k.to_le_bytes());
            p.extend_from_slice(&v.to_le_bytes());
        }
        self.tagger.write(&mut p);
        self.parser.write(&mut p);
        let mut out = Vec::with_capacity(p.len() + 28);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
        out.extend_from_slice(&crate::hash::checksum(&p).to_le_bytes());
        out.extend_from_slice(&p);
        out
    }

    /// Read a model file. Truncated or corrupted files, files that are not models and models of
    /// another format version are refused with an error that says which.
    pub fn from_bytes(data: &[u8]) -> Result<Model, ParseError> {
        if data.len() < 8 || &data[..8] != MAGIC {
            return Err(ParseError::model("not a demarche parser model (bad magic header)".into()));
        }
        if data.len() < 28 {
            return Err(ParseError::model(format!("truncated model: {} bytes, the header alone is 28", data.len())));
        }
        let version = u32::from_le_bytes([data[8], data[9], data[10], data[11]]);
        if version != FORMAT_VERSION {
            return Err(ParseError::model(format!(
                "model format version {version}, this build reads version {FORMAT_VERSION}: retrain it with `demarche parser train`"
            )));
        }
        let mut b8 = [0u8; 8];
        b8.copy_from_slice(&data[12..20]);
        let len = u64::from_le_bytes(b8);
        b8.copy_from_slice(&data[20..28]);
        let sum = u64::from_le_bytes(b8);
        let payload = &data[28..];
        if (payload.len() as u64) < len {
            return Err(ParseError::model(format!("truncated model: payload of {} bytes, header says {len}", payload.len())));
        }
        if (payload.len() as u64) > len {
            return Err(ParseError::model(format!(
                "trailing bytes after the model: payload of {} bytes, header says {len}",
                payload.len()
            )));
        }
        if crate::hash::checksum(payload) != sum {
            return Err(ParseError::model("checksum mismatch: the model file is corrupted".into()));
        }
        let mut r = Reader { data: payload, pos: 0 };
        let info = r.string()?;
        let n = r.u32()? as usize;
        let (mut upos, mut xpos) = (Vec::new(), Vec::new());
        for _ in 0..n {
            upos.push(r.string()?);
            xpos.push(r.string()?);
        }
        let n = r.u32()? as usize;
        let mut labels = Vec::new();
        for _ in 0..n {
            labels.push(r.string()?);
        }
        let n = r.u32()? as usize;
        let mut ex = Vec::new();
        for _ in 0..n {
            let form = r.string()?;
            let tag = r.u16()?;
            let lemma = r.string()?;
            ex.push((form, tag, lemma));
        }
        let n = r.u32()? as usize;
        let mut lexicon = crate::tagger::Lexicon::default();
        for _ in 0..n {
            let k = r.u64()?;
            let v = r.u64()?;
            lexicon.insert(k, v);
        }
        let tagger = Weights::read(&mut r)?;
        let parser = Weights::read(&mut r)?;
        if tagger.n_classes != upos.len() || parser.n_classes != 1 + 2 * labels.len() || labels.first().map(String::as_str) != Some("root")
        {
            return Err(r.err("class counts do not match the tag and label tables"));
        }
        if r.pos != payload.len() {
            return Err(r.err("unread bytes"));
        }
        let lemmas = Lemmatizer::new(&xpos, ex);
        Ok(Model { info, upos, xpos, labels, lemmas, lexicon, tagger, parser })
    }

    /// How the model was trained (options, seed, data, scores), as written by `train`.
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Tag classes, relations, and the tagger's and parser's (features, weights).
    pub fn sizes(&self) -> (usize, usize, (usize, usize), (usize, usize)) {
        (self.upos.len(), self.labels.len(), self.tagger.sizes(), self.parser.sizes())
    }
}
