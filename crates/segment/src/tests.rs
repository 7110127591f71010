//! Segmentation tests on small illustrative documents written for this project.

use super::*;

fn labelled(text: &str) -> Vec<(usize, &'static str, Option<String>, String)> {
    segment(text, None).into_iter().map(|s| (s.line, s.section.as_str(), s.speaker.clone(), s.span.slice(text).to_string())).collect()
}

#[test]
fn press_conference_with_unlabelled_opening_statement() {
    let text = "\
Ministers Meet in Vienna
Yesterday the foreign minister of Ruritania, Anna Berg, met her counterpart. Berg then spoke to the press:
Good afternoon,
We held productive talks. We agreed to meet again.
Question: Will you visit the capital?
Anna Berg: Yes. I accepted the invitation.
This continues my answer.
Question: And the border?
Anna Berg: We discussed it. [End]
Berg's remarks suggest a thaw, in my view.
";
    let got = labelled(text);
    let sections: Vec<&str> = got.iter().map(|g| g.1).collect();
    assert_eq!(
        sections,
        [
            "headline",
            "narrative",
            "narrative",
            "statement",
            "statement",
            "statement",
            "question",
            "answer",
            "answer",
            "answer",
            "question",
            "answer",
            "narrative",
            "narrative"
        ]
    );
    // The greeting and the unlabelled statement belong to the official who answers later.
    assert_eq!(got[3].2.as_deref(), Some("Anna Berg"));
    assert_eq!(got[4].2.as_deref(), Some("Anna Berg"));
    assert_eq!(got[6].2, None);
    assert_eq!(got[7].3, "Yes.");
    assert_eq!(got[9].2.as_deref(), Some("Anna Berg"));
    assert_eq!(got[12].3, "[End]");
}

#[test]
fn briefing_with_several_reporters() {
    let text = "\
MR. MILLER: Good afternoon. I have one announcement today.
QUESTION: Matt, on the sanctions, is there a date?
MR. MILLER: Not yet.
Dana Lee (Reuters): Can you confirm the meeting?
MR. MILLER: I can confirm it.
";
    let got = labelled(text);
    assert_eq!(got[0].1, "statement");
    assert_eq!(got[0].2.as_deref(), Some("Mr. Miller"));
    assert_eq!(got[2].1, "question");
    assert_eq!(got[3].1, "answer");
    assert_eq!(got[4].1, "question");
    assert_eq!(got[4].2.as_deref(), Some("Dana Lee"));
    assert_eq!(got[5].1, "answer");
}

#[test]
fn speech_with_audience_interjections() {
    // A speech whose audience calls out: the interjections are no official's words and no
    // questions, so the speaker's next turn is still his statement; an audience member who asks
    // starts the questions.
    let text = "\
THE PRESIDENT: Thank you all. Please have a seat.
AUDIENCE MEMBER: We love you!
THE PRESIDENT: I love you back. We signed the treaty with Ruritania last week.
AUDIENCE MEMBER: When will you visit Ruritania?
THE PRESIDENT: Next month.
";
    let got = labelled(text);
    let sections: Vec<&str> = got.iter().map(|g| g.1).collect();
    assert_eq!(sections, ["statement", "statement", "boilerplate", "statement", "statement", "question", "answer"]);
    assert_eq!(got[2].2, None);
}

#[test]
fn briefing_official_named_by_the_title_who_asks_back() {
    // The second official of a briefing ("... and National Security Advisor Dana Reyes") asking
    // back ("What?") is still answering, not a reporter.
    let text = "\
MS. ORTIZ: Good afternoon. I will turn it over to Dana.
MS. REYES: Thank you. We imposed sanctions on Ruritania today.
Q On the sanctions, will there be more?
MS. REYES: What?
Q Will there be more sanctions?
MS. REYES: We will see.
";
    let title = "Press Briefing by Press Secretary Maria Ortiz and National Security Advisor Dana Reyes";
    let got: Vec<&str> = segment(text, Some(title)).iter().map(|s| s.section.as_str()).collect();
    assert_eq!(got, ["statement", "statement", "statement", "statement", "question", "answer", "question", "answer"]);
}

#[test]
fn reporter_q_with_a_topic_and_stage_directions() {
    // "Q On Ruritania: ..." is a reporter's question with a topic, not a speaker named "Q On
    // Ruritania"; a stage direction alone on its line, indented or not, is boilerplate and the
    // turn goes on after it.
    let text = "\
MS. ORTIZ: Good afternoon.
Q\u{a0}\u{a0} On Ruritania: Will the sanctions stay?
MS. ORTIZ: They will stay.
\u{a0}\u{a0}(Cross-talk.)
We imposed them for a reason.
";
    let got = labelled(text);
    let sections: Vec<&str> = got.iter().map(|g| g.1).collect();
    assert_eq!(sections, ["statement", "question", "answer", "boilerplate", "answer"]);
    assert_eq!(got[1].2, None);
    assert_eq!(got[4].2.as_deref(), Some("Ms. Ortiz"));
}

#[test]
fn blog_post_with_plea_and_comments() {
    let text = "\
A Post About Talks
The talks went well, the author thinks.
More thoughts of the author follow here.
Another paragraph by the author.
Yet another paragraph.
***
Like this post? Please subscribe to support my work!
Thank you!
Great post, as always.
Reply
";
    let got = labelled(text);
    let sections: Vec<&str> = got.iter().map(|g| g.1).collect();
    assert_eq!(
        sections,
        [
            "headline",
            "narrative",
            "narrative",
            "narrative",
            "narrative",
            "boilerplate",
            "boilerplate",
            "boilerplate",
            "boilerplate",
            "comment",
            "boilerplate"
        ]
    );
}

#[test]
fn every_nonblank_line_is_covered() {
    let text = "Title\n\nSome words here. More words.\n  \n* * *\nEnd of it.\n";
    let got = segment(text, None);
    let lines: std::collections::BTreeSet<usize> = got.iter().map(|s| s.line).collect();
    assert_eq!(lines.into_iter().collect::<Vec<_>>(), [1, 3, 5, 6]);
}

#[test]
fn huge_single_line_does_not_panic() {
    let line = "The minister spoke. ".repeat(50_000);
    let got = segment(&line, None);
    assert_eq!(got.len(), 50_000);
}

#[test]
fn dateline_is_not_part_of_the_first_sentence() {
    let text = "\
Ruritania and Arnor sign a border treaty

ARNOR CITY, May 3 (Wire) - Ruritania and Arnor signed a border treaty on Friday. Talks began in 2019.

NORTHPORT - Officials in Northport welcomed it.
";
    let got = labelled(text);
    assert_eq!(got[0].1, "headline");
    assert_eq!(got[1], (3, "narrative", None, "Ruritania and Arnor signed a border treaty on Friday.".to_string()));
    assert_eq!(got[2].3, "Talks began in 2019.");
    // Only the first dateline: a later paragraph keeps its words.
    assert_eq!(got[3].3, "NORTHPORT - Officials in Northport welcomed it.");
    // A transcript line with a label is a turn, not a dateline.
    let text = "Question: Will you visit?\nMR. BERG: Yes.\n";
    assert_eq!(labelled(text)[1].3, "Yes.");
}

/// A long speech that speaks of its state in the third person ("The Republic of Ruritania
/// supports ...") and says "I" and "we" seldom is still a speech when it names its rostrum or its
/// delegation (`address` in data/segment/layout.tsv): a paragraph of it that ends with a colon
/// and quotes someone opens no transcript, and no one else becomes its speaker.
#[test]
fn a_speech_that_says_we_seldom_but_names_its_rostrum() {
    let mut text = String::from("Speaking from this rostrum today, I should like first of all to recall the purposes of the Charter.\n");
    for i in 0..40 {
        // "we" in one paragraph of four: under 2% of the words.
        let who = if i % 4 == 0 { "we believe" } else { "it believes" };
        text.push_str(&format!(
            "{i}. The Republic of Ruritania supports the efforts of the Organization to strengthen peace and security in every region of \
             the world, and {who} that disarmament, development and the rights of peoples are closely linked.\n"
        ));
        if i == 10 {
            text.push_str("It will be recalled that the leaders of the States Parties to the Treaty made the following statement:\n");
            text.push_str("\"Peace is the common good of all peoples.\"\n");
        }
    }
    text.push_str("We remain convinced that the Organization will rise to these tasks.\n");
    let got = labelled(&text);
    assert!(got.iter().all(|g| g.1 == "statement" && g.2.is_none()), "{got:?}");
}

#[test]
fn carriage_returns_alone_break_lines() {
    // A speech saved with classic Mac OS line breaks: one paragraph a line, no line feed.
    let paragraphs = [
        "Mr. President, on behalf of my Government I congratulate you on your election.",
        "We pledge our full support to the work of this Assembly.",
        "Our region has known peace for many years.",
    ];
    let cr = paragraphs.join("\r");
    let lf = paragraphs.join("\n");
    let ctx = Context { author_country: Some("RUR"), ..Context::default() };
    let a = segment_document(&cr, &ctx);
    let b = segment_document(&lf, &ctx);
    let sections = |s: &Segmented| s.sentences.iter().map(|x| x.section).collect::<Vec<_>>();
    assert_eq!(a.sentences.len(), 3);
    assert_eq!(sections(&a), sections(&b));
    // Lines are counted by line feeds: the whole file is line 1, as grep and awk number it.
    assert!(a.sentences.iter().all(|s| s.line == 1));
    assert_eq!(a.sentences[1].span.slice(&cr), paragraphs[1]);
    // Re-wrapped with line feeds inside the old lines, it reads the same.
    let wrapped = cr.replace(" my Government ", "\nmy Government ").replace(" the work ", " the\nwork ");
    assert_eq!(sections(&segment_document(&wrapped, &ctx)), sections(&b));
    assert_eq!(segment_document(&wrapped, &ctx).sentences.len(), 3);
    // A break inside a sentence joins as a line feed would.
    let broken = cr.replace("known peace for", "known\rpeace for");
    assert_eq!(segment_document(&broken, &ctx).sentences.len(), 3);
}

#[test]
fn a_colon_opens_a_speech_only_after_words_that_introduce_one() {
    // A list introduced by a colon is the narrative going on, with no speaker.
    let list = "\
Ruritania and Freedonia have agreed on a framework for trade.
Key terms of the framework will include:
• Freedonia will remove its duties on Ruritanian goods.
• Ruritania will keep its tariff at ten percent.
";
    let got = labelled(list);
    assert!(got.iter().all(|g| g.1 == "narrative" && g.2.is_none()), "{got:?}");
    // A paragraph that introduces someone's words opens that speaker's statement.
    let intro = "\
Ministers Meet in Vienna
The foreign minister of Ruritania, Anna Berg, met her counterpart. Berg then told reporters:
We held productive talks.
";
    let got = labelled(intro);
    assert_eq!(got.last().map(|g| g.1), Some("statement"), "{got:?}");
}

#[test]
fn a_bold_heading_whose_closing_marker_is_wrapped_alone_is_one_sentence() {
    let text = "\
The leaders met in Brussels and agreed on a common agenda for the coming year.

**Partnering with Developing Countries and Emerging Economies in the Region
**

The leaders agreed to act together.
";
    let got = labelled(text);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[1].3.starts_with("**Partnering") && got[1].3.ends_with("**"), "{got:?}");
}

#[test]
fn speaker_labels_are_reported_as_written() {
    // A label before the turn's words and a label alone on its line are both reported without
    // their colon or emphasis; a continuation paragraph and a question label are not labels of
    // a named speaker.
    let text = "\
Press Gaggle Aboard Air Force One

MS. BERG:  Good afternoon, everybody.  We held talks today.

This continues my answer.

Q    And the border?

**SENATOR HOLM:**

We discussed it.
";
    let seg = segment_document(text, &Context::default());
    let labels: Vec<(usize, &str, &str)> = seg.labels.iter().map(|l| (l.line, l.span.slice(text), l.speaker.as_str())).collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert_eq!((labels[0].0, labels[0].1), (3, "MS. BERG"));
    assert_eq!((labels[1].0, labels[1].1), (9, "SENATOR HOLM"));
}

#[test]
fn a_long_document_read_on_every_core_is_read_as_on_one() {
    // Transcripts, a wrapped story, a blog with comments and an end marker, repeated past the
    // length at which the per-line, per-block and per-unit steps run in parallel.
    let parts = [
        include_str!("../../../examples/press-conference.txt"),
        include_str!("../../../examples/briefing.txt"),
        include_str!("../../../examples/news-story.txt"),
        include_str!("../../../examples/blog-with-comments.txt"),
        include_str!("../../../examples/roles-over-time.txt"),
        "MR. SMITH:\nWe met the minister.\n[END OF TRANSCRIPT]\n",
    ];
    let mut text = String::new();
    while text.len() < 2 * parallel::PARALLEL_BYTES {
        for p in parts {
            text.push_str(p);
            text.push_str("\n\n");
        }
    }
    assert!(parallel::worth_it(&text));
    let ctx = Context::default();
    let (on_all, on_one) = (segment_on(&text, &ctx, true), segment_on(&text, &ctx, false));
    assert!(on_one.sentences.len() > 1000);
    assert_eq!(format!("{on_all:?}"), format!("{on_one:?}"));
}
