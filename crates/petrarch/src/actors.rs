//! Actor and agent dictionaries (`Phoenix.*.actors.txt`, `Phoenix.agents.txt`,
//! `PETR.Validate.actors.txt`), and the phrase index that finds their phrases in a sentence.
//!
//! An actor record is a primary phrase (optionally with `[CODE]`), `+synonym` lines, and
//! date-restriction lines starting with a tab: `[CODE 19950601-19990815]`, `[CODE <950601]`,
//! `[CODE >990816]`, `[CODE]` (the default). Dates are YYMMDD or YYYYMMDD, bounds inclusive; the
//! first restriction in force on the sentence's date wins, else the default. `[A/B/C]` names
//! several actors at once (`THE_SHIRE [FRO/BIL/SAM]`).
//!
//! An agent line is `PHRASE {PLURAL} [~CODE]`: `~CODE` is appended to the actor's code,
//! `CODE~` is prefixed; `{}` means the phrase has no plural, otherwise the regular plural is
//! generated. `!NAME! = A, B, C` defines a substitution set used inside phrases.
//!
//! In phrases `_` joins words that must be adjacent; a space lets other words of the same noun
//! phrase stand in between (`ITHILEN TELEVISION` matches "Ithilen state-run television").

// An input path (issue 17): no panicking unwraps or indexing outside tests.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

use crate::error::PetrarchError;
use crate::words::{plural, strip_comment};
use rustc_hash::FxHashMap as HashMap;

/// A code restricted to a date range (inclusive, YYYYMMDD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// First day in force.
    pub from: u32,
    /// Last day in force.
    pub to: u32,
    /// The codes (`[A/B]` gives two).
    pub codes: Vec<String>,
}

/// An actor: its phrases and codes.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    /// The primary phrase as written.
    pub name: String,
    /// The default codes.
    pub default: Vec<String>,
    /// Date-restricted codes in file order.
    pub dated: Vec<DatedCode>,
    /// 1-based line of the primary phrase.
    pub line: usize,
    /// The file.
    pub file: String,
}

impl Actor {
    /// The codes in force on `date` (YYYYMMDD; 0 = unknown, default codes). Empty: the phrase
    /// names no actor on that date. `---` is the null actor.
    pub fn codes_on(&self, date: u32) -> &[String] {
        if date > 0 {
            if let Some(d) = self.dated.iter().find(|d| d.from <= date && date <= d.to) {
                return &d.codes;
            }
        }
        &self.default
    }
}

/// Where an agent's code goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPlacement {
    /// `~GOV`: appended to the actor's code.
    Suffix,
    /// `NGO~`: put before it.
    Prefix,
}

/// An agent: a role or sector code.
#[derive(Debug, Clone)]
pub struct Agent {
    /// The phrase as written.
    pub name: String,
    /// The code without `~`.
    pub code: String,
    /// Suffix or prefix.
    pub placement: AgentPlacement,
    /// 1-based line.
    pub line: usize,
}

/// What a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named {
    Actor(usize),
    Agent(usize),
}

/// A phrase as words (ids in the actor vocabulary) with their connectors.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub words: Vec<u32>,
    /// `joined[i]`: word i must follow word i-1 directly.
    pub joined: Vec<bool>,
    pub named: Named,
}

/// Actors and agents with the index used to find them.
#[derive(Debug, Default)]
pub struct ActorDictionary {
    /// All actors.
    pub actors: Vec<Actor>,
    /// All agents.
    pub agents: Vec<Agent>,
    /// Phrases by their first word's id.
    pub(crate) index: HashMap<u32, Vec<Phrase>>,
    /// Every word of every phrase, by id.
    pub(crate) vocab: crate::verbs::Vocabulary,
    /// Lines that were skipped as unusable (`file:line: why`), for diagnostics.
    pub warnings: Vec<String>,
}

/// Parses a date bound: YYMMDD (19YY, or 20YY below 30) or YYYYMMDD.
fn parse_bound(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        6 => {
            let v: u32 = s.parse().ok()?;
            let yy = v / 10000;
            Some(if yy < 30 { 20_000_000 + v } else { 19_000_000 + v })
        }
        8 => s.parse().ok(),
        _ => None,
    }
}

/// A CAMEO actor or agent code: printable ASCII other than brackets and `/` (letters, digits,
/// `-`, `_`, `~`, `!`, and the `+++` of PETRARCH's own validation actors). Codes are sliced by
/// byte position, three letters at a time, so anything non-ASCII is refused at load.
fn is_code(c: &str) -> bool {
    !c.is_empty() && c.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'[' | b']' | b'/'))
}

/// Parses the inside of an actor's `[...]`: codes then an optional date restriction.
/// Codes and an optional inclusive date range.
type CodeSpec = (Vec<String>, Option<(u32, u32)>);

fn parse_code_spec(inner: &str) -> Result<CodeSpec, String> {
    let inner = inner.trim();
    let (codes, rest) = match inner.find(|c: char| c.is_whitespace()) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    // `[950601-990815]` with no code is malformed.
    if codes.is_empty() || codes.starts_with(['<', '>']) || codes.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return Err(format!("expected [CODE date-range], found [{inner}]"));
    }
    let codes: Vec<String> = codes.split('/').filter(|c| !c.is_empty()).map(|c| c.to_ascii_uppercase()).collect();
    if let Some(bad) = codes.iter().find(|c| !is_code(c)) {
        return Err(format!("actor code {bad:?} is not a CAMEO code (printable ASCII only)"));
    }
    if rest.is_empty() {
        return Ok((codes, None));
    }
    let range = if let Some(d) = rest.strip_prefix('<') {
        parse_bound(d).map(|d| (0, d.saturating_sub(1)))
    } else if let Some(d) = rest.strip_prefix('>') {
        parse_bound(d).map(|d| (d + 1, u32::MAX))
    } else if let Some((a, b)) = rest.split_once('-') {
        match (parse_bound(a), parse_bound(b)) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        }
    } else {
        None
    };
    match range {
        Some(r) => Ok((codes, Some(r))),
        None => Err(format!("bad date restriction '{rest}' (YYMMDD or YYYYMMDD, <d, >d or d-d): restriction skipped")),
    }
}

impl ActorDictionary {
    /// Adds the actors in `text`; `file` names it in errors.
    pub fn add_actors(&mut self, file: &str, text: &str) -> Result<(), PetrarchError> {
        let mut current: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let starts_with_tab = raw.starts_with('\t') || (raw.starts_with(' ') && raw.trim_start().starts_with('['));
            let t = strip_comment(raw).trim();
            if t.is_empty() {
                continue;
            }
            if starts_with_tab && t.starts_with('[') {
                let Some(a) = current else {
                    return Err(PetrarchError::parse(file, line, "date restriction before any actor"));
                };
                let close = t.find(']').ok_or_else(|| PetrarchError::parse(file, line, "unclosed ["))?;
                let spec = &t[1..close];
                if let Some(bad) = spec.split_whitespace().next().and_then(|c| c.split('/').find(|c| !c.is_empty() && !is_code(c))) {
                    return Err(PetrarchError::parse(file, line, format!("actor code {bad:?} is not a CAMEO code (printable ASCII only)")));
                }
                match (parse_code_spec(spec), self.actors.get_mut(a)) {
                    (Ok((codes, None)), Some(actor)) => actor.default = codes,
                    (Ok((codes, Some((from, to)))), Some(actor)) => actor.dated.push(DatedCode { from, to, codes }),
                    (Ok(_), None) => {}
                    (Err(m), _) => self.warnings.push(format!("{file}:{line}: {m}")),
                }
                continue;
            }
            if let Some(syn) = t.strip_prefix('+') {
                let Some(a) = current else {
                    return Err(PetrarchError::parse(file, line, "synonym (+phrase) before any actor"));
                };
                let text = syn.split('[').next().unwrap_or(syn);
                self.add_phrase(text, Named::Actor(a));
                continue;
            }
            // A primary phrase, maybe with a code.
            let (phrase, spec) = match t.find('[') {
                Some(open) => {
                    let close = t[open..].find(']').map(|c| open + c).ok_or_else(|| PetrarchError::parse(file, line, "unclosed ["))?;
                    (t[..open].trim(), Some(&t[open + 1..close]))
                }
                None => (t, None),
            };
            if phrase.is_empty() {
                return Err(PetrarchError::parse(file, line, "actor code without a phrase"));
            }
            let mut actor = Actor { name: phrase.to_ascii_uppercase(), line, file: file.to_string(), ..Actor::default() };
            if let Some(spec) = spec {
                match parse_code_spec(spec) {
                    Ok((codes, None)) => actor.default = codes,
                    Ok((codes, Some((from, to)))) => actor.dated.push(DatedCode { from, to, codes }),
                    Err(m) => return Err(PetrarchError::parse(file, line, m)),
                }
            }
            self.actors.push(actor);
            let a = self.actors.len() - 1;
            self.add_phrase(phrase, Named::Actor(a));
            current = Some(a);
        }
        Ok(())
    }

    /// Adds the agents in `text`; `file` names it in errors.
    pub fn add_agents(&mut self, file: &str, text: &str) -> Result<(), PetrarchError> {
        let mut subst: HashMap<String, Vec<String>> = HashMap::default();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let t = strip_comment(raw).trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with('!') {
                if let Some((name, list)) = t.split_once('=') {
                    let name = name.trim().to_ascii_uppercase();
                    let list: Vec<String> = list.split(',').map(|w| w.trim().to_ascii_uppercase()).filter(|w| !w.is_empty()).collect();
                    if list.iter().any(|w| w.contains('!')) {
                        return Err(PetrarchError::parse(
                            file,
                            line,
                            format!("substitution {name} lists a word with '!': substitutions may not nest"),
                        ));
                    }
                    subst.insert(name, list);
                    continue;
                }
            }
            let Some(open) = t.rfind('[') else {
                self.warnings.push(format!("{file}:{line}: agent without [~CODE]: skipped"));
                continue;
            };
            let close = match t[open..].find(']') {
                Some(c) => open + c,
                None => {
                    // `[~ENV}`: a mistyped closing bracket is read as one
                    let c = t[open..].find('}').map(|c| open + c).ok_or_else(|| PetrarchError::parse(file, line, "unclosed ["))?;
                    self.warnings.push(format!("{file}:{line}: '[' closed by '}}': read as ']'"));
                    c
                }
            };
            let spec: String = t[open + 1..close].chars().filter(|c| !c.is_whitespace()).collect();
            let (code, placement) = if let Some(c) = spec.strip_prefix('~') {
                (c.to_string(), AgentPlacement::Suffix)
            } else if let Some(c) = spec.strip_suffix('~') {
                (c.to_string(), AgentPlacement::Prefix)
            } else {
                (spec.clone(), AgentPlacement::Suffix)
            };
            if code.is_empty() {
                return Err(PetrarchError::parse(file, line, "empty agent code"));
            }
            if !is_code(&code) {
                return Err(PetrarchError::parse(file, line, format!("agent code {code:?} is not a CAMEO code (printable ASCII only)")));
            }
            let head = &t[..open];
            let (phrase, plural_spec) = match head.find('{') {
                Some(b) => {
                    let e = head[b..].find('}').map(|c| b + c).ok_or_else(|| PetrarchError::parse(file, line, "unclosed {"))?;
                    (head[..b].trim(), Some(head[b + 1..e].trim()))
                }
                None => (head.trim(), None),
            };
            if phrase.is_empty() {
                return Err(PetrarchError::parse(file, line, "agent code without a phrase"));
            }
            let phrase = phrase.to_ascii_uppercase();
            self.agents.push(Agent { name: phrase.clone(), code: code.to_ascii_uppercase(), placement, line });
            let a = self.agents.len() - 1;
            let expand = |p: &str| expand_substitutions(p, &subst).map_err(|m| PetrarchError::parse(file, line, m));
            let mut forms = expand(&phrase)?;
            match plural_spec {
                Some("") => {}
                Some(p) => forms.extend(expand(&p.to_ascii_uppercase())?),
                None => {
                    let plurals: Vec<String> = forms
                        .iter()
                        .map(|f| {
                            // After the last separator, whatever its width (U+00A0, U+2028 ...).
                            let cut =
                                f.char_indices().rev().find(|(_, c)| *c == '_' || c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
                            format!("{}{}", &f[..cut], plural(&f[cut..]))
                        })
                        .collect();
                    forms.extend(plurals);
                }
            }
            for f in forms {
                self.add_phrase(&f, Named::Agent(a));
            }
        }
        Ok(())
    }

    fn add_phrase(&mut self, text: &str, named: Named) {
        let mut words: Vec<u32> = Vec::new();
        let mut joined: Vec<bool> = Vec::new();
        for chunk in text.split_whitespace() {
            let mut first = true;
            for w in chunk.split('_').filter(|w| !w.is_empty()) {
                let id = if w.bytes().any(|b| b.is_ascii_lowercase()) {
                    self.vocab.intern(&w.to_ascii_uppercase())
                } else {
                    self.vocab.intern(w)
                };
                words.push(id);
                joined.push(!first);
                first = false;
            }
        }
        if let Some(&first) = words.first() {
            self.index.entry(first).or_default().push(Phrase { words, joined, named });
        }
    }

    /// The id of a word in phrases (`UNKNOWN_WORD` if no phrase has it).
    pub(crate) fn word_id(&self, w: &str) -> u32 {
        self.vocab.id(w)
    }

    /// Number of phrases (primary, synonyms, agent forms) indexed.
    pub fn phrase_count(&self) -> usize {
        self.index.values().map(Vec::len).sum()
    }
}

/// The most phrases one agent line may expand to through `!NAME!` substitutions.
const MAX_EXPANSIONS: usize = 10_000;

/// The most text (bytes) one agent line may expand to: real lines expand to a few short phrases
/// (the longest expansion of Phoenix.agents.txt is 16 phrases, 1,064 bytes), while 10,000 phrases
/// of a 4 KB line would be 40 MB of text to index. 64 KiB leaves a margin of sixty.
const MAX_EXPANDED_BYTES: usize = 1 << 16;

/// Expands `!NAME!` substitution markers into every listed word. Iterative; lists hold no
/// markers (checked at load), so each step removes one marker and the expansion ends; more
/// than [`MAX_EXPANSIONS`] phrases or [`MAX_EXPANDED_BYTES`] of text is an error.
fn expand_substitutions(phrase: &str, subst: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let mut done = Vec::new();
    let mut todo = vec![phrase.to_string()];
    // Bytes held in `done` and `todo`.
    let mut bytes = phrase.len();
    while let Some(p) = todo.pop() {
        bytes -= p.len();
        let marker = p.find('!').and_then(|start| p.get(start + 1..)?.find('!').map(|len| (start, start + len + 2)));
        let expansion = marker.and_then(|(s, e)| Some((s, e, subst.get(p.get(s..e)?)?)));
        match expansion {
            None => {
                bytes += p.len();
                done.push(p);
            }
            Some((s, e, list)) => {
                for w in list {
                    let q = format!("{}{}{}", p.get(..s).unwrap_or(""), w, p.get(e..).unwrap_or(""));
                    bytes += q.len();
                    todo.push(q);
                    if bytes > MAX_EXPANDED_BYTES {
                        return Err(format!("substitutions expand this phrase to more than {MAX_EXPANDED_BYTES} bytes"));
                    }
                }
            }
        }
        if done.len() + todo.len() > MAX_EXPANSIONS {
            return Err(format!("substitutions expand this phrase to more than {MAX_EXPANSIONS} phrases"));
        }
    }
    done.reverse();
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "ARNOR_  [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\nGOLLUM  # note\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nTHE_SHIRE  [FRO/BIL/SAM]\nPRINCE OF DOL AMROTH\n\t[--- <950630]\n\t[DOL]\n";

    #[test]
    fn date_restrictions() {
        let mut d = ActorDictionary::default();
        d.add_actors("a.txt", ACTORS).unwrap();
        let gollum = d.actors.iter().find(|a| a.name == "GOLLUM").unwrap();
        assert_eq!(gollum.codes_on(19920102), ["HOB"]);
        assert_eq!(gollum.codes_on(19950601), ["HOBGOV"]);
        assert_eq!(gollum.codes_on(19990815), ["HOBGOV"]);
        assert_eq!(gollum.codes_on(20010101), ["HOBREB"]);
        let shire = d.actors.iter().find(|a| a.name == "THE_SHIRE").unwrap();
        assert_eq!(shire.codes_on(0).len(), 3);
        let prince = d.actors.iter().find(|a| a.name.starts_with("PRINCE")).unwrap();
        assert_eq!(prince.codes_on(19950101), ["---"]);
        assert_eq!(prince.codes_on(19990809), ["DOL"]);
        assert!(d.index[&d.word_id("MINAS")][0].joined[1]);
        assert!(!d.index[&d.word_id("PRINCE")][0].joined[1]);
    }

    #[test]
    fn substitutions_are_bounded_in_text_as_in_phrases() {
        // 90 × 90 phrases (under the phrase limit) of 300 bytes each: over the text limit.
        let words: Vec<String> = (0..90).map(|i| format!("{i:0>150}")).collect();
        let text = format!("!A! = {}\n!A!_!A! [~GOV]\n", words.join(", "));
        let err = ActorDictionary::default().add_agents("g.txt", &text).unwrap_err().to_string();
        assert!(err.starts_with("g.txt:2") && err.contains("bytes"), "{err}");
        // 110 × 110 one-letter phrases: 12,100 phrases of ~3 bytes, under the text limit and over
        // the phrase limit.
        let letters: Vec<String> = (0..110).map(|i| format!("{}", char::from(b'a' + (i % 26) as u8))).collect();
        let text = format!("!A! = {}\n!A!_!A! [~GOV]\n", letters.join(", "));
        let err = ActorDictionary::default().add_agents("g.txt", &text).unwrap_err().to_string();
        assert!(err.starts_with("g.txt:2") && err.contains("phrases"), "{err}");
        // A line of ordinary size expands.
        let mut d = ActorDictionary::default();
        d.add_agents("g.txt", "!M! = MINISTER, MINISTRY\nFOREIGN_!M! [~GOV]\n").unwrap();
        assert_eq!(d.phrase_count(), 4);
    }

    #[test]
    fn agents_with_plurals_and_substitutions() {
        let mut d = ActorDictionary::default();
        d.add_agents(
            "g.txt",
            "!PERSON! = MAN, MEN\n!MINST! = MINISTER, MINISTRY\nPOLICE {} [ ~COP]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\nMSF {} [NGO~]\nCONGRESS!PERSON! [~LEG]\n!MINST!_OF_SILLY_WALKS [~GOV]\nOFFICIAL [~GOV]\n",
        )
        .unwrap();
        let forms: Vec<String> =
            d.index.values().flatten().map(|p| p.words.iter().map(|&w| d.vocab.word(w)).collect::<Vec<_>>().join(" ")).collect();
        for f in ["POLICE", "GOLDEN GEESE", "CONGRESSMAN", "CONGRESSMEN", "MINISTRY OF SILLY WALKS", "OFFICIALS"] {
            assert!(forms.contains(&f.to_string()), "{f} in {forms:?}");
        }
        assert!(!forms.contains(&"POLICES".to_string()));
        assert_eq!(d.agents[2].placement, AgentPlacement::Prefix);
        assert_eq!(d.agents[0].code, "COP");
    }

    #[test]
    fn errors_name_the_line() {
        let mut d = ActorDictionary::default();
        let e = d.add_actors("a.txt", "\t[ARN]\n").unwrap_err();
        assert_eq!(e.to_string(), "a.txt:1: date restriction before any actor");
        d.add_agents("g.txt", "OFFICIAL\n").unwrap();
        assert_eq!(d.warnings, ["g.txt:1: agent without [~CODE]: skipped"]);
        d.warnings.clear();
        let e = d.add_agents("g.txt", "OFFICIAL [~GOV\n").unwrap_err();
        assert_eq!(e.to_string(), "g.txt:1: unclosed [");
        d.add_actors("a.txt", "X\n\t[XYZ 2004017-20061201]\n").unwrap();
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].starts_with("a.txt:2:"));
    }
}
