//! Section labels: where a sentence stands in the record.

use serde::Serialize;
use std::fmt;

/// The provenance label every sentence carries.
///
/// `statement` and `answer` are the official record (what an official said), `question` is what
/// was asked, `headline` and `narrative` are the reporter's or author's own words, `boilerplate`
/// and `comment` are not part of the article at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// The title of the piece.
    Headline,
    /// The author's or reporter's own words.
    Narrative,
    /// A speaker's prepared remarks.
    Statement,
    /// A question put to a speaker.
    Question,
    /// A speaker's answer to a question.
    Answer,
    /// Subscribe/share/donate pleas, separators, copyright, navigation.
    Boilerplate,
    /// Reader comments after the article.
    Comment,
}

impl Section {
    /// All labels, in a stable order.
    pub const ALL: [Section; 7] = [
        Section::Headline,
        Section::Narrative,
        Section::Statement,
        Section::Question,
        Section::Answer,
        Section::Boilerplate,
        Section::Comment,
    ];

    /// The label as written in output (`"answer"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Headline => "headline",
            Section::Narrative => "narrative",
            Section::Statement => "statement",
            Section::Question => "question",
            Section::Answer => "answer",
            Section::Boilerplate => "boilerplate",
            Section::Comment => "comment",
        }
    }

    /// Parse a label as written in output.
    pub fn parse(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|sec| sec.as_str() == s)
    }

    /// The official record: a speaker's statement or answer.
    pub fn is_official(self) -> bool {
        matches!(self, Section::Statement | Section::Answer)
    }

    /// The reporting: the author's narrative and headline.
    pub fn is_reported(self) -> bool {
        matches!(self, Section::Narrative | Section::Headline)
    }

    /// Text that is not part of the article and is never coded.
    pub fn is_excluded(self) -> bool {
        matches!(self, Section::Boilerplate | Section::Comment)
    }

    /// A spoken turn (someone speaks in it).
    pub fn is_spoken(self) -> bool {
        matches!(self, Section::Statement | Section::Answer | Section::Question)
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
