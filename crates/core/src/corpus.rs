//! Synthetic corpora for benchmarks: deterministic documents whose event count is known in
//! advance, so a fast wrong answer fails the benchmark.
//!
//! Each document is a small press-conference transcript: a headline, an introduction, labelled
//! question and answer turns, and news-style sentences. Exactly one sentence kind codes an event
//! ("Russia praised Armenia on Monday."): [`Corpus::expected_events`] counts them.

/// A generated corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The documents.
    pub documents: Vec<String>,
    /// Number of sentences written.
    pub sentences: usize,
    /// Number of sentences that code exactly one event.
    pub expected_events: usize,
}

impl Corpus {
    /// Total size in bytes.
    pub fn bytes(&self) -> usize {
        self.documents.iter().map(String::len).sum()
    }

    /// All documents as one text, separated by blank lines.
    pub fn joined(&self) -> String {
        self.documents.join("\n\n")
    }
}

const STATES: &[&str] = &[
    "Russia",
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Iran",
    "Turkey",
    "France",
    "Germany",
    "China",
    "Japan",
    "India",
    "Brazil",
    "Egypt",
    "Israel",
    "Kazakhstan",
    "Uzbekistan",
    "Poland",
    "Italy",
    "Canada",
    "Mexico",
];
/// Verbs that code one directed event each.
const VERBS: &[&str] =
    &["praised", "criticized", "accused", "condemned", "urged", "threatened", "thanked", "blamed", "denounced", "congratulated"];
const WHEN: &[&str] = &["on Monday", "yesterday", "last week", "in December 2024", "on January 17", ""];
const FILLER: &[&str] = &[
    "The weather in the capital was mild for the season.",
    "Journalists gathered in the hall well before noon.",
    "The programme included a cultural evening and a dinner.",
    "Statistics show that the economy grew by 3.5 percent (1.2 points more than expected).",
    "Mr. Smith of the U.S. delegation arrived at 9 a.m. and left by noon.",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Generate documents until at least `min_sentences` sentences are written.
pub fn generate(min_sentences: usize, seed: u64) -> Corpus {
    let mut rng = Rng(seed.max(1));
    let mut documents = Vec::new();
    let (mut sentences, mut expected_events) = (0, 0);
    while sentences < min_sentences {
        let mut doc = String::new();
        let a = rng.pick(STATES);
        let mut b = rng.pick(STATES);
        while b == a {
            b = rng.pick(STATES);
        }
        doc.push_str("Press Day in the Capital\n");
        doc.push_str(&format!("The foreign ministers of {a} and {b} answered questions:\n"));
        doc.push_str("Good afternoon, ladies and gentlemen.\n");
        sentences += 3;
        for _ in 0..4 {
            let mut line = String::new();
            for _ in 0..3 {
                let x = rng.pick(STATES);
                let mut y = rng.pick(STATES);
                while y == x {
                    y = rng.pick(STATES);
                }
                let when = rng.pick(WHEN);
                let verb = rng.pick(VERBS);
                if rng.next().is_multiple_of(3) {
                    line.push_str(rng.pick(FILLER));
                } else {
                    let sep = if when.is_empty() { "" } else { " " };
                    line.push_str(&format!("{x} {verb} {y}{sep}{when}."));
                    expected_events += 1;
                }
                line.push(' ');
                sentences += 1;
            }
            doc.push_str(line.trim_end());
            doc.push('\n');
        }
        doc.push_str("Question: What did the ministers discuss today?\n");
        doc.push_str("Minister: We discussed the whole agenda of the day.\n");
        sentences += 2;
        documents.push(doc);
    }
    Corpus { documents, sentences, expected_events }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_counted() {
        let a = generate(1000, 7);
        let b = generate(1000, 7);
        assert_eq!(a.documents, b.documents);
        assert!(a.sentences >= 1000);
        assert!(a.expected_events > 300 && a.expected_events < a.sentences);
    }
}
