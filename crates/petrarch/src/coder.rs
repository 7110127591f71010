//! The pattern coder: verbs, patterns, sources and targets, events.
//!
//! For each verb of the dictionary found in the sentence (left to right, skipping verbs inside
//! the reach of a verb already coded — one event per clause, as in TABARI), every pattern of
//! its block is tried: the words before `*` are matched backwards from the verb, the words after
//! it forwards; `_` demands adjacency, a space allows words in between; synsets try each member;
//! `$`, `+` and `%` take the nearest actor group, `^` skips a noun phrase. The pattern matching
//! the most words wins (ties: the earlier pattern); without one, the verb's own or its block's
//! default code applies, and `[---]` codes nothing.
//!
//! The source is the `$` actor, else the verb's subject (climbing to the enclosing clause when
//! the subject is a pronoun, absent, or already the pattern's target); the target is the `+`
//! actor, else the first actor group the verb governs. A passive verb with a `by` agent swaps
//! them. `%` codes the members of a compound with each other. Symmetric codes give the reverse
//! event too. Compound groups multiply out; identical events are emitted once.

use crate::analysis::{Analysis, Frame, Tag};
use crate::verbs::{Code, Elem, Pattern, Step, Transformation, VerbDictionary, VerbForm};
use crate::{CodedEvent, Dictionaries, Options};

/// A continuation: the steps left to match after a synset member.
enum Cont<'a> {
    End,
    More(&'a [Step], &'a Cont<'a>),
}

#[derive(Debug, Clone, Copy, Default)]
struct Binds {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
    weight: usize,
}

const MAX_MATCHES: usize = 256;

struct Matcher<'a> {
    a: &'a Analysis,
    dict: &'a VerbDictionary,
    forward: bool,
    limit: isize,
    out: Vec<Binds>,
}

impl<'a> Matcher<'a> {
    fn active(&self, p: isize) -> bool {
        p >= 0 && (p as usize) < self.a.tokens.len() && self.a.active[p as usize]
    }

    /// The next active position from `p` in the matching direction, within the limit.
    fn next_active(&self, mut p: isize) -> Option<isize> {
        loop {
            if self.forward && p >= self.limit || !self.forward && p < self.limit {
                return None;
            }
            if self.active(p) {
                return Some(p);
            }
            p += if self.forward { 1 } else { -1 };
        }
    }

    fn step_by(&self) -> isize {
        if self.forward {
            1
        } else {
            -1
        }
    }

    fn run(&mut self, steps: &[Step], k: usize, pos: isize, joined_override: Option<bool>, cont: &Cont, b: Binds) {
        if self.out.len() >= MAX_MATCHES {
            return;
        }
        if k == steps.len() {
            match cont {
                Cont::End => self.out.push(b),
                Cont::More(rest, next) => self.run(rest, 0, pos, None, next, b),
            }
            return;
        }
        let step = &steps[k];
        let joined = joined_override.unwrap_or(step.joined);
        let Some(first) = self.next_active(pos) else { return };
        match &step.elem {
            Elem::Word(w) => {
                let mut c = first;
                loop {
                    if self.active(c) && self.a.tokens[c as usize].id == *w {
                        self.run(steps, k + 1, c + self.step_by(), None, cont, Binds { weight: b.weight + 1, ..b });
                    }
                    if joined {
                        break;
                    }
                    match self.next_active(c + self.step_by()) {
                        Some(n) => c = n,
                        None => break,
                    }
                }
            }
            Elem::Synset(name) => {
                if let Some(members) = self.dict.members.get(name) {
                    let rest = Cont::More(&steps[k + 1..], cont);
                    for m in members {
                        if !m.required.iter().all(|&w| self.a.has(w)) {
                            continue;
                        }
                        let steps = if self.forward { &m.forward } else { &m.backward };
                        self.run(steps, 0, pos, Some(joined), &rest, b);
                    }
                }
            }
            Elem::Source | Elem::Target | Elem::Compound => {
                let found = self.nearest_group(first, joined);
                if let Some((g, next)) = found {
                    if step.elem == Elem::Compound && self.a.groups[g].codes.len() < 2 {
                        return;
                    }
                    let mut nb = Binds { weight: b.weight + 1, ..b };
                    match step.elem {
                        Elem::Source => nb.source = Some(g),
                        Elem::Target => nb.target = Some(g),
                        _ => nb.compound = Some(g),
                    }
                    self.run(steps, k + 1, next, None, cont, nb);
                }
            }
            Elem::Skip => {
                let next = if self.forward {
                    self.a.skip_np_forward(first as usize, (pos - 1).max(0) as usize, self.limit as usize).map(|e| e as isize)
                } else {
                    self.a.skip_np_backward(first as usize).map(|s| s as isize - 1)
                };
                if let Some(next) = next {
                    self.run(steps, k + 1, next, None, cont, b);
                }
            }
            Elem::Verb => self.run(steps, k + 1, pos, None, cont, b),
        }
    }

    /// The nearest actor group from `p` in the matching direction: (group, position after it).
    fn nearest_group(&self, p: isize, joined: bool) -> Option<(usize, isize)> {
        let mut c = p;
        loop {
            let inside = if self.forward { c < self.limit } else { c >= self.limit };
            if !inside {
                return None;
            }
            let at = c as usize;
            if self.forward {
                if let Some(g) = self.a.group_starting[at] {
                    return Some((g, self.a.groups[g].end as isize));
                }
            } else if let Some(g) = self.a.group_ending[at] {
                return Some((g, self.a.groups[g].start as isize - 1));
            }
            if joined {
                return None;
            }
            c += self.step_by();
        }
    }
}

/// What coding one verb produced.
struct VerbResult {
    block: usize,
    code: Code,
    pattern: Option<String>,
    binds: Binds,
}

impl Transformation {
    /// The event this transformation makes of an outer and an inner event, if they fit.
    fn apply(&self, outer: &CodedEvent, inner: &CodedEvent) -> Option<CodedEvent> {
        let mut env: Vec<(&str, &str)> = vec![(self.outer_source.as_str(), outer.source.as_str())];
        for (var, value) in [(self.inner_source.as_str(), inner.source.as_str()), (self.inner_target.as_str(), inner.target.as_str())] {
            match var {
                "." => {}
                "_" => {
                    if value != "---" {
                        return None;
                    }
                }
                v => match env.iter().find(|(n, _)| *n == v) {
                    Some((_, bound)) if *bound != value => return None,
                    Some(_) => {}
                    None => env.push((v, value)),
                },
            }
        }
        let get = |v: &str| env.iter().find(|(n, _)| *n == v).map(|(_, x)| x.to_string());
        let (rs, rt, rc) = &self.result;
        let code = if rc == &self.inner_verb || rc == "Q" { inner.code.clone() } else { rc.clone() };
        let source = get(rs)?;
        let target = get(rt)?;
        Some(CodedEvent {
            source_text: if source == outer.source { outer.source_text.clone() } else { inner.source_text.clone() },
            target_text: if target == inner.target { inner.target_text.clone() } else { inner.source_text.clone() },
            source,
            target,
            code,
            verb: format!("{} ... {}", outer.verb, inner.verb),
            pattern: Some(format!("transformation at line {}", self.line)),
            issues: Vec::new(),
        })
    }
}

impl Dictionaries {
    /// Codes the verbs of an analysed sentence.
    pub(crate) fn code_analysis(&self, a: &Analysis, opts: &Options) -> Vec<CodedEvent> {
        let mut events: Vec<CodedEvent> = Vec::new();
        let mut reach: Vec<(usize, usize)> = Vec::new();
        let n = a.tokens.len();
        let mut i = 0;
        while i < n {
            if !a.active[i] || a.tokens[i].tag != Tag::Verb {
                i += 1;
                continue;
            }
            let Some((start, end, form)) = self.verb_at(a, i) else {
                i += 1;
                continue;
            };
            if reach.iter().any(|&(s, e)| s <= start && start < e) {
                i = end;
                continue;
            }
            let frame = a.frame(start, i, end);
            let mut result = self.match_verb(a, start, end, form);
            let verb_text = (start..end).map(|k| a.tokens[k].word.as_str()).collect::<Vec<_>>().join(" ");
            let transformable = self.verbs.transformations.iter().any(|t| t.outer_block == Some(result.block));
            if result.code.is_null() && !transformable {
                i = end;
                continue;
            }
            // a verb that codes nothing itself (`WANT [---]`) may still report an event a
            // transformation turns into one
            let null = result.code.is_null();
            if null {
                result.code = Code { forward: Some("---".into()), reverse: None };
            }
            let mut coded = self.events_for(a, &frame, &result, &verb_text, opts.new_actor_length);
            match self.transform(a, &frame, result.block, &coded, opts) {
                Some(transformed) => coded = transformed,
                None if null => {
                    i = end;
                    continue;
                }
                None => {}
            }
            reach.push(frame.scope);
            for e in coded {
                if opts.require_dyad && (e.source == "---" || e.target == "---") {
                    continue;
                }
                if !events.iter().any(|x| x.source == e.source && x.target == e.target && x.code == e.code) {
                    events.push(e);
                }
            }
            i = end;
        }
        events
    }

    /// Applies a transformation (`~ a (b . ATTACK) SAY = a b 112`): when this verb reports
    /// (within its reach) an event of the transformation's inner verb, the two become one event.
    fn transform(&self, a: &Analysis, frame: &Frame, outer_block: usize, outer: &[CodedEvent], opts: &Options) -> Option<Vec<CodedEvent>> {
        let candidates: Vec<&Transformation> = self.verbs.transformations.iter().filter(|t| t.outer_block == Some(outer_block)).collect();
        if candidates.is_empty() {
            return None;
        }
        for k in frame.scope.0..frame.scope.1 {
            if !a.active[k] || a.tokens[k].tag != Tag::Verb {
                continue;
            }
            let Some((start, end, form)) = self.verb_at(a, k) else { continue };
            let inner = self.match_verb(a, start, end, form);
            if inner.code.is_null() {
                continue;
            }
            let inner_frame = a.frame(start, k, end);
            let text = (start..end).map(|j| a.tokens[j].word.as_str()).collect::<Vec<_>>().join(" ");
            let inner_events = self.events_for(a, &inner_frame, &inner, &text, opts.new_actor_length);
            for t in &candidates {
                if t.inner_verb != "Q" && t.inner_block != Some(inner.block) {
                    continue;
                }
                let mut out = Vec::new();
                for o in outer {
                    for ie in &inner_events {
                        if let Some(e) = t.apply(o, ie) {
                            if e.source != e.target && !out.contains(&e) {
                                out.push(e);
                            }
                        }
                    }
                }
                if !out.is_empty() {
                    return Some(out);
                }
            }
            // only the first coded verb the outer one reports is considered
            return None;
        }
        None
    }

    /// The dictionary verb at token `i` (multi-word verbs included): its span and form.
    fn verb_at(&self, a: &Analysis, i: usize) -> Option<(usize, usize, &VerbForm)> {
        let forms = self.verbs.forms.get(&a.tokens[i].word)?;
        let mut best: Option<(usize, usize, &VerbForm)> = None;
        for f in forms {
            if i < f.before.len() {
                continue;
            }
            let start = i - f.before.len();
            let end = i + 1 + f.after.len();
            if end > a.tokens.len() {
                continue;
            }
            let ok = f.before.iter().enumerate().all(|(k, w)| a.tokens[start + k].word == *w)
                && f.after.iter().enumerate().all(|(k, w)| a.tokens[i + 1 + k].word == *w);
            if ok && best.is_none_or(|(s, e, _)| end - start > e - s) {
                best = Some((start, end, f));
            }
        }
        best
    }

    fn match_verb(&self, a: &Analysis, start: usize, end: usize, form: &VerbForm) -> VerbResult {
        let block = &self.verbs.blocks[form.block];
        let mut best: Option<(&Pattern, Binds)> = None;
        for p in &block.patterns {
            // a pattern whose literal words are not all in the sentence cannot match
            if !p.required.iter().all(|&w| a.has(w)) {
                continue;
            }
            if let Some(b) = self.match_pattern(a, p, start, end) {
                if best.as_ref().is_none_or(|(_, bb)| b.weight > bb.weight) {
                    best = Some((p, b));
                }
            }
        }
        let negated = negated(a, start);
        match best {
            // a negated verb ("would not help") codes nothing unless a pattern about negation
            // matched (`- WILL NOT * [081]`)
            Some((p, _)) if negated && !p.negative => {
                VerbResult { block: form.block, code: Code::default(), pattern: None, binds: Binds::default() }
            }
            Some((p, b)) => VerbResult { block: form.block, code: p.code.clone(), pattern: Some(p.text.clone()), binds: b },
            None if negated => VerbResult { block: form.block, code: Code::default(), pattern: None, binds: Binds::default() },
            None => VerbResult {
                block: form.block,
                code: form.code.clone().unwrap_or_else(|| block.code.clone()),
                pattern: None,
                binds: Binds::default(),
            },
        }
    }

    fn match_pattern(&self, a: &Analysis, p: &Pattern, start: usize, end: usize) -> Option<Binds> {
        let lower = &p.lower()[1..];
        // upper: backwards from the word before the verb to the start of the sentence
        let mut up = Matcher { a, dict: &self.verbs, forward: false, limit: 0, out: Vec::new() };
        up.run(&p.upper_rev, 0, start as isize - 1, None, &Cont::End, Binds::default());
        let mut best: Option<Binds> = None;
        for ub in up.out {
            let mut low = Matcher { a, dict: &self.verbs, forward: true, limit: a.tokens.len() as isize, out: Vec::new() };
            low.run(lower, 0, end as isize, None, &Cont::End, ub);
            for b in low.out {
                if best.is_none_or(|x| b.weight > x.weight) {
                    best = Some(b);
                }
            }
        }
        best
    }

    /// The events of a coded verb, `---` standing for an absent actor (the caller applies
    /// `require_dyad`).
    fn events_for(&self, a: &Analysis, frame: &Frame, r: &VerbResult, verb_text: &str, new_actor_length: usize) -> Vec<CodedEvent> {
        let b = r.binds;
        let group_codes = |g: usize| a.groups[g].codes.clone();
        let group_text = |g: usize| a.phrase_text(a.groups[g].start, a.groups[g].end).0;
        let mut out = Vec::new();
        let mk = |s: &str, t: &str, code: &str, st: &str, tt: &str| CodedEvent {
            source: s.to_string(),
            target: t.to_string(),
            code: code.to_string(),
            verb: verb_text.to_string(),
            source_text: st.to_string(),
            target_text: tt.to_string(),
            pattern: r.pattern.clone(),
            issues: Vec::new(),
        };
        if let Some(c) = b.compound {
            let codes = group_codes(c);
            let text = group_text(c);
            for x in 0..codes.len() {
                for y in x + 1..codes.len() {
                    if let Some(f) = &r.code.forward {
                        out.push(mk(&codes[x], &codes[y], f, &text, &text));
                    }
                    if let Some(rc) = r.code.reverse.as_ref().or(r.code.forward.as_ref()) {
                        out.push(mk(&codes[y], &codes[x], rc, &text, &text));
                    }
                }
            }
            return out;
        }
        let bound: Vec<usize> = [b.source, b.target].into_iter().flatten().collect();
        let subject = self.subject_group(a, frame, &bound);
        let mut source = b.source;
        let mut target = b.target;
        let mut passive_by = None;
        if frame.passive && b.source.is_none() && b.target.is_none() {
            passive_by = by_agent(a, frame);
        }
        if let Some(by) = passive_by {
            source = Some(by);
            target = subject.and_then(|s| s.0);
        } else {
            if source.is_none() {
                source = subject.and_then(|s| s.0);
            }
            if target.is_none() {
                // the first group the verb governs; failing that, the first after the verb
                let after = |range: std::ops::Range<usize>| {
                    range.filter(|&k| a.active[k]).find_map(|k| a.group_starting[k].filter(|g| Some(*g) != source))
                };
                target = after(frame.scope.0..frame.scope.1).or_else(|| after(frame.scope.1..a.tokens.len()));
            }
        }
        let (src_codes, src_text) = match source {
            Some(g) => (group_codes(g), group_text(g)),
            None => new_actor(a, new_actor_length, subject.map(|s| s.1)),
        };
        let (tgt_codes, tgt_text) = match target {
            Some(g) => (group_codes(g), group_text(g)),
            None => new_actor(a, new_actor_length, first_np(a, frame)),
        };
        for s in &src_codes {
            for t in &tgt_codes {
                if s == t && s != "---" {
                    continue;
                }
                if let Some(f) = &r.code.forward {
                    out.push(mk(s, t, f, &src_text, &tgt_text));
                }
                if let Some(rc) = &r.code.reverse {
                    out.push(mk(t, s, rc, &tgt_text, &src_text));
                }
            }
        }
        out
    }

    /// The verb's subject: the first actor group of the nearest subject phrase that is not a
    /// pronoun and not already bound by the pattern; also the phrase itself (for new actors).
    fn subject_group(&self, a: &Analysis, frame: &Frame, bound: &[usize]) -> Option<(Option<usize>, (usize, usize))> {
        for &(s, e, pronoun) in &frame.subjects {
            if pronoun {
                continue;
            }
            let groups: Vec<usize> = (s..e).filter(|&k| a.active[k]).filter_map(|k| a.group_starting[k]).collect();
            match groups.iter().find(|g| !bound.contains(g)) {
                Some(&g) => return Some((Some(g), (s, e))),
                None if !groups.is_empty() => continue,
                None => return Some((None, (s, e))),
            }
        }
        None
    }
}

/// Whether NOT, N'T or NEVER stands in the verb's auxiliary chain (`did not`, `would never`).
fn negated(a: &Analysis, start: usize) -> bool {
    let mut k = start;
    while k > 0 {
        k -= 1;
        if !a.active[k] {
            continue;
        }
        let t = &a.tokens[k];
        if matches!(t.word.as_str(), "NOT" | "N'T" | "NEVER") {
            return true;
        }
        let chain = t.tag == Tag::Modal || t.tag == Tag::Adv || a.is_aux(k) || (t.tag == Tag::To && k > 0);
        if !chain {
            return false;
        }
    }
    false
}

/// The `by` agent of a passive verb: the first group right after `BY` in the verb's reach.
fn by_agent(a: &Analysis, frame: &Frame) -> Option<usize> {
    for k in frame.scope.0..frame.scope.1 {
        if a.active[k] && a.tokens[k].word == "BY" {
            let mut j = k + 1;
            while j < frame.scope.1 && a.group_starting[j].is_none() && matches!(a.tokens[j].tag, Tag::Det | Tag::Adj) {
                j += 1;
            }
            return (j < a.tokens.len()).then(|| a.group_starting[j]).flatten();
        }
    }
    None
}

/// The first noun phrase the verb governs (for new actors).
fn first_np(a: &Analysis, frame: &Frame) -> Option<(usize, usize)> {
    let start = (frame.scope.0..frame.scope.1)
        .find(|&k| a.active[k] && matches!(a.tokens[k].tag, Tag::Det | Tag::Noun | Tag::Proper | Tag::Adj | Tag::PossPron))?;
    let end = a.whole_np_forward(start, frame.scope.1)?;
    Some((start, end))
}

/// An actor not in the dictionaries, named by its phrase when `new_actor_length` allows.
fn new_actor(a: &Analysis, max_words: usize, span: Option<(usize, usize)>) -> (Vec<String>, String) {
    if max_words > 0 {
        if let Some((s, e)) = span {
            let (text, words) = a.phrase_text(s, e);
            if words > 0 && words <= max_words {
                return (vec![format!("\"{text}\"")], text);
            }
        }
    }
    (vec!["---".to_string()], String::new())
}

/// Reverses steps for backward matching: the first reversed step takes `first_joined`.
pub(crate) fn reverse_steps(steps: &[Step], first_joined: bool) -> Vec<Step> {
    let n = steps.len();
    (0..n)
        .map(|j| {
            let orig = n - 1 - j;
            let joined = if j == 0 { first_joined } else { steps[orig + 1].joined };
            Step { elem: steps[orig].elem.clone(), joined }
        })
        .collect()
}
