//! The line-level cues segmentation relies on: speaker labels, boilerplate, separators,
//! greetings, transcript-end markers and reader-comment chrome.

use regex::Regex;
use std::sync::OnceLock;

/// A speaker label found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Turn {
    /// The label as written, without the colon (`"MR. MILLER"`).
    pub label: String,
    /// Byte offset in the line where the turn's words start.
    pub content_offset: usize,
}

/// What a label says about its turn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LabelKind {
    /// A question, with the questioner's name when the label gives one.
    Question(Option<String>),
    /// `A:` / `Answer:` — the official answers.
    Answer,
    /// A named speaker.
    Official(String),
    /// Someone in the audience who does not ask ("AUDIENCE MEMBER: Thank you, Joe!"): no
    /// official's word, and no question that would make the official's next turn an answer.
    Interjection,
}

pub(crate) struct Patterns {
    /// Subscription pleas, donation links, site chrome; "Subscribe" as an imperative (opening
    /// the line or a sentence).
    boilerplate: Regex,
    separator: Regex,
    thanks: Regex,
    comments_header: Regex,
    comment_chrome: Regex,
    greeting: Regex,
    end_marker: Regex,
    name: Regex,
    q_label: Regex,
}

/// Words that may stand lower-case inside a speaker label.
const LABEL_CONNECTORS: &[&str] =
    &["of", "the", "de", "da", "van", "von", "der", "al", "bin", "ibn", "and", "for", "on", "to", "del", "la", "le"];

/// Labels that introduce something other than a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "note",
    "notes",
    "update",
    "updated",
    "source",
    "sources",
    "photo",
    "photos",
    "related",
    "read more",
    "editor's note",
    "editors note",
    "tags",
    "tag",
    "watch",
    "correction",
    "ps",
    "p.s",
    "translation",
    "see also",
    "also read",
    "video",
    "image",
    "caption",
    "credit",
    "file",
    "subject",
    "date",
    "time",
    "location",
    "venue",
    "topic",
    "topics",
    "summary",
    "background",
    "context",
    "warning",
    "disclaimer",
    "example",
    "result",
    "results",
    "quote",
    "listen",
    "posted",
    "published",
    "by",
    "filed under",
    "category",
    "categories",
    "headline",
    "dateline",
    "reply",
    "share",
    "email",
];

/// Words that open a clause, never a speaker label.
const CLAUSE_OPENERS: &[&str] = &[
    "and",
    "but",
    "or",
    "so",
    "to",
    "for",
    "in",
    "on",
    "at",
    "as",
    "with",
    "from",
    "then",
    "now",
    "also",
    "finally",
    "first",
    "second",
    "third",
    "lastly",
    "again",
    "because",
    "if",
    "when",
    "while",
    "here",
    "there",
    "this",
    "that",
    "these",
    "those",
    "my",
    "our",
    "your",
    "his",
    "her",
    "their",
    "its",
    "dear",
    "re",
    "about",
    "regarding",
    "by",
];

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "president",
    "prime",
    "minister",
    "foreign",
    "secretary",
    "general",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "deputy",
    "ambassador",
    "chancellor",
    "senator",
    "sir",
    "madam",
    "his",
    "her",
    "excellency",
    "state",
    "of",
    "the",
    "acting",
    "assistant",
    "under",
    "director",
    "ministry",
    "spokesperson's",
    "chair",
    "chairman",
    "chairwoman",
    "vice",
    "special",
    "envoy",
    "representative",
    "permanent",
    "affairs",
    "external",
    "defence",
    "defense",
    "king",
    "queen",
    "sheikh",
    "h.e.",
    "he",
];

impl Patterns {
    pub(crate) fn get() -> &'static Patterns {
        static P: OnceLock<Patterns> = OnceLock::new();
        P.get_or_init(|| {
            let re = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("segment pattern {s:?} is invalid: {e}"));
            Patterns {
                boilerplate: re(concat!(
                    r"(?i)\b(subscribers?\b|thanks? (?:you )?for subscribing|",
                    r"subscribe\s+(?:now|today|here|for|to (?:my|our|the) (?:newsletter|substack|channel|blog|podcast))\b|",
                    r"unsubscribe|newsletter|sign up (?:now|today|here|for free|for (?:our|my|the) (?:newsletter|mailing list|updates))|log ?in to|patreon|paypal|buy me a coffee|tip jar|",
                    r"(?:please|consider|kindly) (?:\w+ )?(?:donat\w+|subscrib\w+|support\w*|shar\w+)|donate (?:now|today|here)|",
                    r"make a (?:monthly|yearly|one-time|monthly/yearly|recurring)?\s?(?:donation|pledge)|",
                    r"become a (?:paid )?(?:subscriber|member|patron|supporter)|",
                    r"support (?:my|our) (?:work|efforts|journalism|writing)|",
                    // Social chrome, not "share on what we are doing" or "we share this view".
                    r"share this (?:post|article|story|page)|share on (?:twitter|facebook|linkedin|whatsapp|reddit|telegram|x|email)|follow us|follow me on|like what you|click here|read more|",
                    r"all rights reserved|cookie policy|privacy policy|terms of (?:use|service)|",
                    r"leave a (?:comment|reply)|skip to (?:content|main)|back to top|paid subscriber|",
                    r"this post is public|forward this|upgrade to paid)\b|©|\(c\) \d{4}|",
                    // "Subscribe" opening the line or a sentence of it: one pattern with the
                    // above, so each line is scanned once (this runs on every line).
                    r"(?:^|[.!?]\s+)\W*subscribe\b"
                )),
                separator: re(r"^[\s*\-_=~#•·.+|/\\]+$"),
                thanks: re(r"(?i)^\W*(thank\s*you|thanks)\W*$"),
                comments_header: re(r"(?i)^\s*(\d+\s+)?(comments?|responses?|replies|reader comments|discussion(?: about this post)?|leave a (?:comment|reply)|join the discussion)\s*:?\s*$"),
                comment_chrome: re(r"(?i)^\s*(reply|like|liked by|\d+\s+(?:likes?|replies)|share|report|expand full comment|collapse)\s*$"),
                greeting: re(r"(?i)^\s*(good (?:morning|afternoon|evening)|ladies and gentlemen|dear (?:colleagues|friends|ladies)|colleagues|friends|excellenc(?:y|ies)|mr\.? (?:president|chairman|secretary.general)|madam (?:president|chair))\b[^.?!]{0,60}[,!.]?\s*$"),
                end_marker: re(r"(?i)\[\s*(?:my emphasis|emphasis (?:mine|added)|end(?: of (?:transcript|quote))?|ends|transcript ends)\s*\]|\(\s*end of transcript\s*\)"),
                name: re(r"\b(\p{Lu}[\p{Ll}'’\-]+(?:\s+\p{Lu}[\p{Ll}'’\-]+){0,2})\b"),
                // The reporter's `Q` of White House and State Department transcripts, with or
                // without a colon or dot, alone or before the question.
                q_label: re(r"^Q(?:\s*[:.])?(?:\s+(\S)|$)"),
            }
        })
    }

    /// A speaker label at the start of `line`.
    pub(crate) fn speaker_label(&self, line: &str) -> Option<Turn> {
        // Up to ~90 characters of label opening with a capital or a bracket, on one line, then
        // a colon, white space and the turn's first word (read without a regex: this runs on
        // every line).
        if !line.starts_with(|c: char| c.is_uppercase() || c == '[') {
            return None;
        }
        let colon = memchr::memchr(b':', &line.as_bytes()[..line.len().min(400)])?;
        let label = line[..colon].trim_end();
        if label.contains('\n') || label.chars().nth(91).is_some() {
            return None;
        }
        let after = &line[colon + 1..];
        let turn = after.trim_start();
        if turn.is_empty() || turn.len() == after.len() {
            return None;
        }
        let rest_start = line.len() - turn.len();
        self.label_words(label)?;
        Some(Turn { label: label.to_string(), content_offset: rest_start })
    }

    /// The checks a label's words pass: a name or role, not a clause or a note.
    fn label_words(&self, label: &str) -> Option<()> {
        let label = label.trim();
        // The label itself: a name or role, not a clause.
        // (Read without allocating: this runs on every line that opens with a capital and has
        // a colon.)
        let base = strip_parenthetical(label);
        let words = base.split_whitespace().count();
        if words == 0 || words > 8 {
            return None;
        }
        if in_lower_list(base.trim_end_matches('.'), NOT_SPEAKERS) {
            return None;
        }
        // A clause that opens with a conjunction or preposition ("And to the President of
        // Romania: ...") addresses someone; it is not a label.
        let first = base.split_whitespace().next().unwrap_or("");
        if in_lower_list(first, CLAUSE_OPENERS) {
            return None;
        }
        for w in base.split_whitespace() {
            let w = w.trim_matches(|c: char| c == ',' || c == '.');
            if w.is_empty() {
                continue;
            }
            let first = w.chars().next().unwrap_or(' ');
            let connector = || in_lower_list(w, LABEL_CONNECTORS) || w.starts_with("al-");
            if !(first.is_uppercase() || first == '[' || connector()) {
                return None;
            }
        }
        // A clause ending in a colon ("At the end of the session, Lavrov said:") is not a label.
        if base.contains(", ") && !base.contains('(') && words > 3 {
            return None;
        }
        if base.ends_with(['.', '?', '!']) && !looks_abbreviated(base) {
            return None;
        }
        Some(())
    }

    /// A speaker label alone on its line (its turn follows on the next lines).
    pub(crate) fn label_only(&self, line: &str) -> Option<Turn> {
        // Up to ~60 characters opening with a capital or a bracket, then a colon that ends the
        // line.
        let bare = line.trim_end_matches(['*', '_']).trim_start_matches(['*', '_']);
        let body = bare.strip_suffix(':')?;
        if !body.starts_with(|c: char| c.is_uppercase() || c == '[') {
            return None;
        }
        let label = body.trim_end();
        if label.contains([':', '\n']) || label.chars().nth(61).is_some() {
            return None;
        }
        let label = label.trim();
        // Checked like a label with words after it.
        self.label_words(label)?;
        let upper = !label.chars().any(char::is_lowercase);
        (upper || label.split_whitespace().nth(4).is_none()).then(|| Turn { label: label.to_string(), content_offset: line.len() })
    }

    /// The reporter's `Q` label.
    pub(crate) fn q_label(&self, line: &str) -> Option<Turn> {
        if !line.starts_with('Q') {
            return None;
        }
        let caps = self.q_label.captures(line)?;
        let offset = caps.get(1).map(|m| m.start()).unwrap_or(line.len());
        Some(Turn { label: "Q".to_string(), content_offset: offset })
    }

    pub(crate) fn is_boilerplate(&self, line: &str) -> bool {
        line.len() < 600 && self.boilerplate.is_match(line)
    }

    pub(crate) fn is_separator(&self, line: &str) -> bool {
        self.separator.is_match(line)
    }

    pub(crate) fn is_thanks(&self, line: &str) -> bool {
        self.thanks.is_match(line)
    }

    pub(crate) fn is_comments_header(&self, line: &str) -> bool {
        self.comments_header.is_match(line)
    }

    pub(crate) fn is_comment_chrome(&self, line: &str) -> bool {
        self.comment_chrome.is_match(line)
    }

    pub(crate) fn is_greeting(&self, line: &str) -> bool {
        // At most 8 words (counting stops at the ninth: this runs on every line).
        // The pattern's words all open with one of these letters (none of them has a
        // non-ASCII case variant), so other lines need not be scanned.
        let opens =
            line.trim_start().chars().next().is_some_and(|c| matches!(c.to_ascii_lowercase(), 'g' | 'l' | 'd' | 'c' | 'f' | 'e' | 'm'));
        line.len() <= 400 && opens && line.split_whitespace().nth(8).is_none() && self.greeting.is_match(line)
    }

    /// A transcript-end marker inside `line`, as a byte range of the line.
    pub(crate) fn end_marker(&self, line: &str) -> Option<std::ops::Range<usize>> {
        // Every marker opens with a bracket: most lines need no search.
        memchr::memchr2(b'[', b'(', line.as_bytes())?;
        self.end_marker.find(line).map(|m| m.range())
    }

    /// True when `line` refers to `speaker` by surname in the third person ("Lavrov's words",
    /// "Lavrov said"): the author, not the speaker, is talking.
    pub(crate) fn names_in_third_person(&self, line: &str, speaker: &str) -> bool {
        let Some(surname) = speaker.split_whitespace().last() else { return false };
        if surname.len() < 3 {
            return false;
        }
        let surname = surname.trim_end_matches(['.', ',']);
        let mut rest = line;
        while let Some(pos) = rest.find(surname) {
            let after = &rest[pos + surname.len()..];
            let boundary_before = rest[..pos].chars().last().is_none_or(|c| !c.is_alphanumeric());
            let possessive = after.starts_with("'s") || after.starts_with("’s");
            let verb = {
                let next = after.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
                matches!(next, "said" | "says" | "stated" | "added" | "noted" | "argued" | "claimed" | "is" | "was" | "has" | "had")
            };
            if boundary_before && (possessive || verb) {
                return true;
            }
            rest = after;
        }
        false
    }

    /// Capitalised name candidates in a line, excluding sentence-initial words and titles.
    pub(crate) fn person_names(&self, line: &str) -> Vec<String> {
        let mut out = Vec::new();
        for m in self.name.find_iter(line) {
            let before = line[..m.start()].trim_end();
            let sentence_initial = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
            let words: Vec<&str> = m.as_str().split_whitespace().collect();
            let words: Vec<&str> = words.into_iter().skip_while(|w| TITLES.contains(&w.to_lowercase().as_str())).collect();
            if words.is_empty() || (sentence_initial && words.len() == 1) {
                continue;
            }
            let last = words[words.len() - 1].trim_end_matches(['\'', '’', 's']);
            let last = if words[words.len() - 1].ends_with("'s") || words[words.len() - 1].ends_with("’s") {
                last.to_string()
            } else {
                words[words.len() - 1].to_string()
            };
            if last.len() > 2 {
                out.push(last);
            }
        }
        out
    }
}

/// True when `word` lower-cased is in `list` (lower-case words, as the lists above), as
/// `list.contains(&word.to_lowercase())` without allocating for ASCII words.
fn in_lower_list(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.len() == word.len() && word.eq_ignore_ascii_case(w))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

fn strip_parenthetical(label: &str) -> &str {
    match label.find('(') {
        Some(i) => label[..i].trim(),
        None => label,
    }
}

fn looks_abbreviated(s: &str) -> bool {
    let last = s.split_whitespace().last().unwrap_or("");
    last.len() <= 4 && last.ends_with('.')
}

/// Tidy an all-capitals label (`MR. MILLER` → `Mr. Miller`) and drop a parenthetical.
pub(crate) fn speaker_name(label: &str) -> String {
    let base = strip_parenthetical(label).trim().trim_end_matches(',');
    let has_lower = base.chars().any(|c| c.is_lowercase());
    if has_lower {
        return base.to_string();
    }
    base.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Classify a label given the turn's text and the first official speaker so far.
///
/// A named turn that asks is a reporter's unless the speaker is the first official, holds an
/// office by the label, or is one of the people the document's title names (`cast`: "Press
/// Gaggle by Press Secretary X and National Security Advisor Y" — Y's "What?" is no question).
pub(crate) fn classify_label(label: &str, rest: &str, official: Option<&str>, cast: &[crate::cast::CastMember]) -> LabelKind {
    let base = strip_parenthetical(label).trim().trim_end_matches('.').to_lowercase();
    let v = crate::layout::Vocabulary::get();
    if v.reporters.contains(&base) || base.starts_with("question") {
        return LabelKind::Question(None);
    }
    if v.audience.contains(&base) {
        return if rest.contains('?') { LabelKind::Question(None) } else { LabelKind::Interjection };
    }
    if matches!(base.as_str(), "a" | "answer" | "response" | "reply") {
        return LabelKind::Answer;
    }
    let name = speaker_name(label);
    // A named turn that asks and is not the official: a reporter with a name.
    let asks = rest.trim_end().ends_with('?');
    // Who is an official is asked only of a turn that asks (most turns do not).
    let is_official =
        || official.is_none_or(|o| same_person(o, &name)) || v.has_office(&name) || crate::cast::find_member(cast, &name).is_some();
    if asks && !is_official() {
        return LabelKind::Question(Some(name));
    }
    LabelKind::Official(name)
}

/// Two labels name the same person when their last words agree ("Sergey Lavrov", "Lavrov").
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    let last = |s: &str| s.split_whitespace().last().map(|w| w.to_lowercase());
    last(a) == last(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(line: &str) -> Option<String> {
        Patterns::get().speaker_label(line).map(|t| t.label)
    }

    #[test]
    fn recognises_transcript_labels() {
        assert_eq!(label("Sergey Lavrov: I do not quite understand."), Some("Sergey Lavrov".into()));
        assert_eq!(label("Question: You have often noted this."), Some("Question".into()));
        assert_eq!(label("Q: Will you go?"), Some("Q".into()));
        assert_eq!(label("MR. MILLER: Good afternoon, everyone."), Some("MR. MILLER".into()));
        assert_eq!(label("Foreign Minister Wang Yi: China is ready."), Some("Foreign Minister Wang Yi".into()));
        assert_eq!(
            label("Question (retranslated from Armenian): How would you comment?"),
            Some("Question (retranslated from Armenian)".into())
        );
    }

    #[test]
    fn rejects_clauses_and_notes() {
        assert_eq!(label("At the end of the somewhat short Q&A session, Lavrov is asked: what now?"), None);
        assert_eq!(label("Note: this transcript is unofficial."), None);
        assert_eq!(label("He said: we will see."), None);
        assert_eq!(label("The answer is simple: no."), None);
        assert_eq!(label("And to the President of Romania: I’m curious."), None);
    }

    #[test]
    fn tidies_capitalised_names() {
        assert_eq!(speaker_name("MR. MILLER"), "Mr. Miller");
        assert_eq!(speaker_name("Sergey Lavrov"), "Sergey Lavrov");
        assert_eq!(speaker_name("Maria Zakharova (replying)"), "Maria Zakharova");
    }

    #[test]
    fn third_person_mentions_end_a_turn() {
        let p = Patterns::get();
        assert!(p.names_in_third_person("Lavrov’s words hint at the reduced interactions.", "Sergey Lavrov"));
        assert!(p.names_in_third_person("As Lavrov said, the answer is known.", "Sergey Lavrov"));
        assert!(!p.names_in_third_person("Ararat Mirzoyan and I agree.", "Sergey Lavrov"));
    }

    #[test]
    fn boilerplate_and_markers() {
        let p = Patterns::get();
        assert!(p.is_boilerplate("Like what you’ve been reading? Then please consider subscribing."));
        assert!(p.is_boilerplate("© 2025 The Ministry. All rights reserved."));
        assert!(!p.is_boilerplate("The ministers discussed the peace treaty."));
        // Subscribing to a principle is diplomacy, not a plea.
        assert!(!p.is_boilerplate("In both cases the Members have taken a stand, to which we subscribe. It continues."));
        assert!(!p.is_boilerplate("By subscribing to the Convention, States accept its terms."));
        // Words of a briefing that sound like site chrome are not.
        assert!(!p.is_boilerplate("Do you have anything you can share on what the administration is discussing?"));
        assert!(!p.is_boilerplate("We share this view with our allies."));
        assert!(!p.is_boilerplate("Twenty States sign up to the pledge today."));
        assert!(p.is_boilerplate("Share on Twitter"));
        assert!(p.is_boilerplate("Sign up for our newsletter."));
        assert!(p.is_boilerplate("Subscribe"));
        assert!(p.is_boilerplate("Thanks for reading! Subscribe for free to receive new posts."));
        assert!(p.is_separator("* * *"));
        assert!(p.is_separator("----"));
        assert!(p.end_marker("It has been known for a long time. [My Emphasis]").is_some());
        assert!(p.is_greeting("Ladies and gentlemen,"));
        assert!(p.is_greeting("Good afternoon"));
        assert!(!p.is_greeting("Good afternoon talks were held in Moscow on many issues of the day today."));
    }
}
