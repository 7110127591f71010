//! The word lists of `data/actors/*.txt` that tell the recogniser how text refers to actors
//! (`titles.txt`, `anaphors.txt`, `voice.txt`, `party-nouns.txt`) share one format, read here:
//!
//! ```text
//! # a comment
//! class<TAB>phrase[<TAB>third field]
//! ```
//!
//! Blank lines and `#` comments are skipped; the phrase is lower-cased with its words separated
//! by one space. They are `.txt`, not `.tsv`: the knowledge-base compiler reads every `.tsv`
//! under `data/actors/` as actors.

/// One line of a word list: its class, its phrase, and the third field if any (trimmed).
pub(crate) struct Entry {
    pub class: &'static str,
    pub phrase: String,
    pub extra: Option<&'static str>,
}

/// The entries of a word list's text, in file order.
pub(crate) fn entries(text: &'static str) -> impl Iterator<Item = Entry> {
    text.lines().filter_map(|line| {
        let line = line.split('#').next().unwrap_or("");
        let mut cols = line.split('\t');
        let class = cols.next()?.trim();
        let phrase = cols.next()?.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let extra = cols.next().map(str::trim).filter(|e| !e.is_empty());
        (!class.is_empty() && !phrase.is_empty()).then_some(Entry { class, phrase, extra })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_classes_phrases_and_the_third_field() {
        let text = "# header\n\nanaphor\tThat  Country\tGOV # why\nfinite\thas\n\tno class\nlonely\n";
        let got: Vec<(&str, String, Option<&str>)> = super::entries(text).map(|e| (e.class, e.phrase, e.extra)).collect();
        assert_eq!(got, [("anaphor", "that country".to_string(), Some("GOV")), ("finite", "has".to_string(), None)]);
    }
}
