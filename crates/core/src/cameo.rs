//! The CAMEO event-code table: names, Goldstein weights, QuadClass, PLOVER.
//!
//! The facts live in `data/cameo/events.tsv` (sources in its header) and are embedded at build
//! time; [`CameoTable::from_tsv`] reads a replacement.

use crate::CoreError;
use std::collections::HashMap;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../../data/cameo/events.tsv");

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoEntry {
    /// The code, e.g. `"043"`.
    pub code: String,
    /// Its name in the CAMEO manual.
    pub name: String,
    /// GDELT's Goldstein weight, -10..+10.
    pub goldstein: f64,
    /// GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: u8,
    /// PLOVER event type, empty where PLOVER drops the code (01x, 02x).
    pub plover: String,
    /// PLOVER mode, may be empty.
    pub plover_mode: String,
    /// PLOVER context, may be empty.
    pub plover_context: String,
}

impl CameoEntry {
    /// The two-digit root (`"04"` for `"043"`).
    pub fn root(&self) -> &str {
        self.code.get(..2).unwrap_or(&self.code)
    }

    /// The Phoenix quad class (0..4) used by ConfliBERT and Phoenix:
    /// 0 = 01–02, 1 = 03–05, 2 = 06–08, 3 = 09–13 and 16, 4 = 14, 15, 17–20.
    pub fn phoenix_quad(&self) -> u8 {
        match self.root().parse::<u8>().unwrap_or(0) {
            1 | 2 => 0,
            3..=5 => 1,
            6..=8 => 2,
            9..=13 | 16 => 3,
            _ => 4,
        }
    }
}

/// The CAMEO code table.
#[derive(Debug, Clone)]
pub struct CameoTable {
    entries: HashMap<String, CameoEntry>,
}

impl CameoTable {
    /// The table embedded in the binary.
    pub fn builtin() -> &'static CameoTable {
        static TABLE: OnceLock<CameoTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The embedded table is checked by a unit test; an error here is a build defect.
            CameoTable::from_tsv("<builtin>/data/cameo/events.tsv", BUILTIN)
                .unwrap_or_else(|e| panic!("embedded CAMEO table is invalid: {e}"))
        })
    }

    /// Parse a table in the format of `data/cameo/events.tsv`.
    pub fn from_tsv(file: &str, text: &str) -> Result<CameoTable, CoreError> {
        let mut entries = HashMap::new();
        let mut seen_header = false;
        for (i, line) in text.lines().enumerate() {
            let lineno = i + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !seen_header {
                seen_header = true;
                continue;
            }
            let err = |message: String| CoreError::Table { file: file.to_string(), line: lineno, message };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 7 {
                return Err(err(format!(
                    "expected 8 tab-separated columns (code name goldstein quad_class plover_event plover_mode plover_context source), found {}",
                    cols.len()
                )));
            }
            let code = cols[0].trim();
            if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("expected a CAMEO code of 2 to 4 digits, found {code:?}")));
            }
            let goldstein: f64 = cols[2].trim().parse().map_err(|_| err(format!("expected a Goldstein number, found {:?}", cols[2])))?;
            let quad_class: u8 = cols[3]
                .trim()
                .parse()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| err(format!("expected a quad class 1-4, found {:?}", cols[3])))?;
            entries.insert(
                code.to_string(),
                CameoEntry {
                    code: code.to_string(),
                    name: cols[1].trim().to_string(),
                    goldstein,
                    quad_class,
                    plover: cols[4].trim().to_string(),
                    plover_mode: cols[5].trim().to_string(),
                    plover_context: cols[6].trim().to_string(),
                },
            );
        }
        Ok(CameoTable { entries })
    }

    /// Look a code up.
    pub fn get(&self, code: &str) -> Option<&CameoEntry> {
        self.entries.get(code)
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True for an empty table.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The PLOVER event type of a code, falling back to its parent codes and root.
    pub fn plover_of(&self, code: &str) -> &str {
        let mut c = code;
        while !c.is_empty() {
            if let Some(e) = self.entries.get(c) {
                if !e.plover.is_empty() {
                    return &e.plover;
                }
            }
            c = &c[..c.len() - 1];
        }
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads_every_root() {
        let t = CameoTable::builtin();
        assert!(t.len() > 300);
        for root in 1..=20 {
            let code = format!("{root:02}");
            assert!(t.get(&code).is_some(), "root {code} missing");
        }
    }

    #[test]
    fn quad_classes_follow_gdelt() {
        let t = CameoTable::builtin();
        assert_eq!(t.get("057").map(|e| e.quad_class), Some(1));
        assert_eq!(t.get("071").map(|e| e.quad_class), Some(2));
        assert_eq!(t.get("112").map(|e| e.quad_class), Some(3));
        assert_eq!(t.get("190").map(|e| e.quad_class), Some(4));
        assert_eq!(t.get("112").map(|e| e.goldstein), Some(-2.0));
        assert_eq!(t.get("16").map(|e| e.phoenix_quad()), Some(3));
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let err = CameoTable::from_tsv("x.tsv", "code\tname\n04\tConsult\tnotanumber\t1\t\t\t\n").expect_err("must fail");
        assert_eq!(err.to_string().split(':').take(2).collect::<Vec<_>>(), ["x.tsv", "2"]);
    }
}
