//! One sentence made ready for coding, in either mode.
//!
//! Both modes produce the same thing: tokens with coarse tags, the comma-delimited clauses
//! removed, actor/agent mentions, actor *groups* (a noun phrase's actors with their agents,
//! coordinated members listed together), and per verb a *frame* — the subject candidates, the
//! words the verb governs, and whether it is passive with a `by` agent. In `tree` mode the frame
//! comes from the Penn Treebank parse; in `text` mode from demarche's own shallow analysis of the
//! words (a closed-class lexicon, the verb dictionary's forms, capitalisation). The coder
//! ([`crate::coder`]) only sees this structure, so one matcher serves both modes.

use crate::actors::{ActorDictionary, AgentPlacement, Named};
use crate::tree::{NodeKind, Tree};
use crate::verbs::VerbDictionary;
use crate::Options;

/// Coarse word classes shared by both modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Noun,
    Proper,
    Verb,
    Modal,
    Det,
    PossPron,
    Pron,
    Prep,
    To,
    Conj,
    Adj,
    Adv,
    Num,
    Pos,
    Comma,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Upper case, as matched against dictionaries.
    pub word: String,
    /// Its id in the verb dictionary's vocabulary.
    pub id: u32,
    /// Its id in the actor dictionary's vocabulary.
    pub actor_id: u32,
    /// Tagged VBN (a past participle) by the parse; always false in text mode.
    pub participle: bool,
    /// An auxiliary or modal (`is`, `has`, `did`, `will` ...).
    pub aux: bool,
    /// A form of BE.
    pub be: bool,
    pub tag: Tag,
}

#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub named: Named,
}

/// Actors acting together: `Gondor and Osgiliath`, `the ambassadors of Arnor, Osgiliath and
/// Gondor` (ARNGOV, OSGGOV, GONGOV).
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub start: usize,
    pub end: usize,
    pub codes: Vec<String>,
}

/// What the structure says about one verb.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frame {
    /// Subject noun phrases from the verb's own clause outwards; `true` marks a pronoun.
    pub subjects: Vec<(usize, usize, bool)>,
    /// Tokens the verb governs (after it); once it is coded, no other verb is coded in them
    /// (one event per clause).
    pub scope: (usize, usize),
    /// Passive (`was opposed`).
    pub passive: bool,
}

impl Token {
    /// A token with its dictionary ids and auxiliary flags.
    pub fn new(word: String, tag: Tag, participle: bool, dict: &VerbDictionary, actors: &ActorDictionary) -> Token {
        let w = word.as_str();
        let be = matches!(w, "IS" | "ARE" | "WAS" | "WERE" | "BE" | "BEEN" | "BEING" | "AM" | "'S" | "'RE");
        let aux = be
            || matches!(
                w,
                "HAS"
                    | "HAVE"
                    | "HAD"
                    | "HAVING"
                    | "DO"
                    | "DOES"
                    | "DID"
                    | "WILL"
                    | "WOULD"
                    | "CAN"
                    | "COULD"
                    | "MAY"
                    | "MIGHT"
                    | "MUST"
                    | "SHOULD"
                    | "SHALL"
                    | "WO"
                    | "CA"
            );
        Token { id: dict.vocab.id(w), actor_id: actors.word_id(w), aux, be, participle, tag, word }
    }
}

pub(crate) struct Analysis {
    pub tokens: Vec<Token>,
    /// The vocabulary ids present in the sentence, as a bit set.
    present: Vec<u64>,
    pub tree: Option<Tree>,
    /// Not removed as part of a comma-delimited clause.
    pub active: Vec<bool>,
    pub mentions: Vec<Mention>,
    pub groups: Vec<Group>,
    /// Group starting at each token.
    pub group_starting: Vec<Option<usize>>,
    /// Group ending (last token) at each token.
    pub group_ending: Vec<Option<usize>>,
}

fn tag_of_ptb(tag: &str, word: &str) -> Tag {
    match tag {
        "NN" | "NNS" => Tag::Noun,
        "NNP" | "NNPS" => Tag::Proper,
        "MD" => Tag::Modal,
        "DT" | "PDT" | "WDT" => Tag::Det,
        "PRP$" | "WP$" => Tag::PossPron,
        "PRP" | "WP" | "EX" => Tag::Pron,
        "IN" => Tag::Prep,
        "TO" => Tag::To,
        "CC" => Tag::Conj,
        "CD" => Tag::Num,
        "POS" => Tag::Pos,
        "," => Tag::Comma,
        t if t.starts_with("VB") => Tag::Verb,
        t if t.starts_with("JJ") => Tag::Adj,
        t if t.starts_with("RB") || t == "RP" || t == "WRB" => Tag::Adv,
        _ if word.chars().all(|c| !c.is_alphanumeric()) => Tag::Punct,
        _ => Tag::Noun,
    }
}

impl Analysis {
    /// Tree mode: tokens and structure from the parse.
    pub fn from_tree(tree: Tree, dict: &VerbDictionary, actors: &ActorDictionary, date: u32, opts: &Options) -> Analysis {
        let tokens: Vec<Token> = (0..tree.leaves.len())
            .map(|i| {
                let (w, tag) = (tree.word(i), tree.tag(i));
                Token::new(normalize(w), tag_of_ptb(tag, w), tag == "VBN", dict, actors)
            })
            .collect();
        let mut a = Analysis::empty(tokens, Some(tree));
        a.remove_comma_clauses(opts);
        a.find_mentions(actors, date);
        a.build_groups(actors, date);
        a
    }

    /// Text mode: demarche's own tokens and tags.
    pub fn from_text(text: &str, dict: &VerbDictionary, actors: &ActorDictionary, date: u32, opts: &Options) -> Analysis {
        let words = crate::text::tokenize(text);
        let tokens = crate::text::tag(&words, dict, actors);
        let mut a = Analysis::empty(tokens, None);
        a.find_mentions(actors, date);
        crate::text::settle_verbs(&mut a.tokens, &a.mentions, dict);
        a.remove_comma_clauses(opts);
        // mentions inside removed clauses are dropped
        let active = a.active.clone();
        a.mentions.retain(|m| (m.start..m.end).all(|i| active[i]));
        a.build_groups(actors, date);
        a
    }

    fn empty(tokens: Vec<Token>, tree: Option<Tree>) -> Analysis {
        let n = tokens.len();
        let words = tokens.iter().filter(|t| t.id != crate::verbs::UNKNOWN_WORD).map(|t| t.id as usize).max().map_or(0, |m| m + 1);
        let mut present = vec![0u64; words.div_ceil(64)];
        for t in &tokens {
            if t.id != crate::verbs::UNKNOWN_WORD {
                present[t.id as usize / 64] |= 1 << (t.id % 64);
            }
        }
        Analysis {
            tokens,
            present,
            tree,
            active: vec![true; n],
            mentions: Vec::new(),
            groups: Vec::new(),
            group_starting: vec![None; n],
            group_ending: vec![None; n],
        }
    }

    /// Whether a vocabulary word occurs in the sentence.
    pub fn has(&self, w: u32) -> bool {
        self.present.get(w as usize / 64).is_some_and(|b| b & (1 << (w % 64)) != 0)
    }

    /// Upper-case words of the whole sentence (for discards and issues).
    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.word.as_str()).collect()
    }

    fn is_word(&self, i: usize) -> bool {
        !matches!(self.tokens[i].tag, Tag::Comma | Tag::Punct | Tag::Pos)
    }

    /// A comma that separates clauses rather than items of a noun phrase.
    fn is_clause_comma(&self, i: usize) -> bool {
        match &self.tree {
            Some(t) => {
                let node = t.leaves[i].node;
                !t.nodes[node].parent.is_some_and(|p| t.nodes[p].kind == NodeKind::NounPhrase)
            }
            None => {
                // list commas: between mentions (text mode has no phrase structure)
                let before = self.mentions.iter().any(|m| m.end == i);
                // `Evil Mordor, the awful Fornost, and good Gondor`: articles, conjunctions and
                // up to two modifiers may stand before the next actor
                let mut j = i + 1;
                let mut modifiers = 0;
                while j < self.tokens.len() && matches!(self.tokens[j].tag, Tag::Conj | Tag::Det | Tag::Adj | Tag::Noun) && modifiers <= 2 {
                    if matches!(self.tokens[j].tag, Tag::Adj | Tag::Noun) {
                        modifiers += 1;
                    }
                    j += 1;
                }
                let after = self.mentions.iter().any(|m| m.start == j);
                !(before && after)
            }
        }
    }

    /// Removes comma-delimited clauses whose length in words is inside the configured windows:
    /// internal ones (between consecutive commas), then the initial clause (to the first
    /// remaining comma) and the terminal one (from the last remaining comma).
    fn remove_comma_clauses(&mut self, opts: &Options) {
        let n = self.tokens.len();
        let mut end = n;
        while end > 0 && self.tokens[end - 1].tag == Tag::Punct {
            end -= 1;
        }
        let commas: Vec<usize> = (0..end).filter(|&i| self.tokens[i].tag == Tag::Comma && self.is_clause_comma(i)).collect();
        if commas.is_empty() {
            return;
        }
        let words = |a: usize, b: usize| (a..b).filter(|&i| self.is_word(i)).count();
        let mut remove: Vec<(usize, usize)> = Vec::new();
        // internal clauses first (`Avalon, a spokesman said, condemned Cendre`), so the
        // initial and terminal clauses are measured from the commas that remain
        let mut kept: Vec<usize> = Vec::new();
        if opts.comma_max > 0 {
            let mut k = 0;
            while k < commas.len() {
                if k + 1 < commas.len() {
                    let (a, b) = (commas[k], commas[k + 1]);
                    let w = words(a + 1, b);
                    if opts.comma_min <= w && w <= opts.comma_max {
                        remove.push((a, b + 1));
                        k += 2;
                        continue;
                    }
                }
                kept.push(commas[k]);
                k += 1;
            }
        } else {
            kept = commas.clone();
        }
        if let (Some(&first), Some(&last)) = (kept.first(), kept.last()) {
            if opts.comma_bmax > 0 {
                let w = words(0, first);
                if opts.comma_bmin <= w && w <= opts.comma_bmax {
                    remove.push((0, first + 1));
                }
            }
            if opts.comma_emax > 0 {
                let w = words(last + 1, end);
                if opts.comma_emin <= w && w <= opts.comma_emax {
                    remove.push((last, end));
                }
            }
        }
        for (a, b) in remove {
            for i in a..b {
                self.active[i] = false;
            }
        }
    }

    /// Finds actor and agent phrases, longest first, left to right.
    fn find_mentions(&mut self, dict: &ActorDictionary, date: u32) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            if !self.active[i] {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, usize, Named)> = None; // (end, words, named)
            if let Some(list) = dict.index.get(&self.tokens[i].actor_id) {
                for p in list {
                    let Some(end) = self.match_phrase(i, &p.words, &p.joined) else { continue };
                    let better = match best {
                        None => true,
                        Some((be, bw, bn)) => {
                            end > be
                                || (end == be && p.words.len() > bw)
                                || (end == be && p.words.len() == bw && matches!(p.named, Named::Actor(_)) && matches!(bn, Named::Agent(_)))
                        }
                    };
                    // an actor without a code on this date is not one
                    let in_force = match p.named {
                        Named::Actor(a) => !dict.actors[a].codes_on(date).is_empty(),
                        Named::Agent(_) => true,
                    };
                    if better && in_force {
                        best = Some((end, p.words.len(), p.named));
                    }
                }
            }
            match best {
                Some((end, _, named)) => {
                    self.mentions.push(Mention { start: i, end, named });
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    fn match_phrase(&self, start: usize, words: &[u32], joined: &[bool]) -> Option<usize> {
        let n = self.tokens.len();
        // most candidates fail on their second word: check it first when it must be adjacent
        if words.len() > 1 && joined[1] && !(start + 1 < n && self.tokens[start + 1].actor_id == words[1]) {
            return None;
        }
        let mut pos = start + 1;
        for k in 1..words.len() {
            if joined[k] {
                if pos < n && self.active[pos] && self.tokens[pos].actor_id == words[k] {
                    pos += 1;
                } else {
                    return None;
                }
            } else {
                // a gap of up to two modifiers inside the noun phrase
                let mut found = None;
                let mut j = pos;
                while j < n && j <= pos + 2 && self.active[j] {
                    if self.tokens[j].actor_id == words[k] {
                        found = Some(j);
                        break;
                    }
                    if !matches!(self.tokens[j].tag, Tag::Adj | Tag::Noun | Tag::Proper | Tag::Num) {
                        break;
                    }
                    j += 1;
                }
                pos = found? + 1;
            }
        }
        Some(pos)
    }

    /// Whether two mentions may belong to one noun phrase.
    fn linkable(&self, a_last: usize, b_first: usize) -> bool {
        for i in a_last + 1..b_first {
            if !self.active[i] {
                return false;
            }
            let ok = match self.tokens[i].tag {
                Tag::Det | Tag::Adj | Tag::Noun | Tag::Proper | Tag::Pos | Tag::PossPron | Tag::Num | Tag::Conj | Tag::Comma => true,
                Tag::Prep => matches!(self.tokens[i].word.as_str(), "OF" | "IN" | "FROM"),
                Tag::Punct => matches!(self.tokens[i].word.as_str(), "-LRB-" | "-RRB-" | "(" | ")"),
                _ => false,
            };
            if !ok {
                return false;
            }
        }
        if b_first - a_last > 8 {
            return false;
        }
        match &self.tree {
            Some(t) => {
                let ca = t.common_ancestor(a_last, b_first);
                matches!(t.nodes[ca].kind, NodeKind::NounPhrase | NodeKind::OtherCoordination)
            }
            None => true,
        }
    }

    /// Groups mentions into actors with their agents and coordinated members.
    fn build_groups(&mut self, dict: &ActorDictionary, date: u32) {
        let mut k = 0;
        let ms = self.mentions.clone();
        while k < ms.len() {
            // extend the group while the next mention links to the current one
            let mut last = k;
            while last + 1 < ms.len() && self.linkable(ms[last].end - 1, ms[last + 1].start) {
                // `of/in/from` links only an agent-only part to its actor
                let between: Vec<&str> = (ms[last].end..ms[last + 1].start).map(|i| self.tokens[i].word.as_str()).collect();
                let via_prep = between.iter().any(|w| matches!(*w, "OF" | "IN" | "FROM"));
                if via_prep {
                    let seg_start = self.segment_start(&ms[k..=last]);
                    let has_actor = ms[seg_start + k..=last].iter().any(|m| matches!(m.named, Named::Actor(_)));
                    if has_actor || matches!(ms[last + 1].named, Named::Agent(_)) {
                        break;
                    }
                }
                last += 1;
            }
            let group = self.compose(&ms[k..=last], dict, date);
            if let Some(g) = group {
                let gi = self.groups.len();
                self.group_starting[g.start] = Some(gi);
                self.group_ending[g.end - 1] = Some(gi);
                self.groups.push(g);
            }
            k = last + 1;
        }
    }

    /// Index (within `ms`) where the last coordinated segment starts.
    fn segment_start(&self, ms: &[Mention]) -> usize {
        let mut s = 0;
        for j in 1..ms.len() {
            if (ms[j - 1].end..ms[j].start).any(|i| matches!(self.tokens[i].tag, Tag::Conj | Tag::Comma)) {
                s = j;
            }
        }
        s
    }

    /// Composes the codes of linked mentions. Segments split at `and`/commas; an agent applies
    /// to the actors of its own and later segments, else to earlier ones; an actor naming the
    /// person an agent introduces (`Bree Prime Minister Romendacil`) adds nothing new.
    fn compose(&self, ms: &[Mention], dict: &ActorDictionary, date: u32) -> Option<Group> {
        // segments
        let mut seg_of = vec![0usize; ms.len()];
        let mut seg = 0;
        for j in 1..ms.len() {
            if (ms[j - 1].end..ms[j].start).any(|i| matches!(self.tokens[i].tag, Tag::Conj | Tag::Comma)) {
                seg += 1;
            }
            seg_of[j] = seg;
        }
        let nseg = seg + 1;
        // actors kept (index into ms) and agents
        let mut actors: Vec<usize> = Vec::new();
        let mut any_actor_before = false;
        for j in 0..ms.len() {
            if let Named::Actor(_) = ms[j].named {
                let apposition = j > 0
                    && matches!(ms[j - 1].named, Named::Agent(_))
                    && any_actor_before
                    && !(ms[j - 1].end..ms[j].start).any(|i| matches!(self.tokens[i].tag, Tag::Prep | Tag::Conj | Tag::Comma));
                if !apposition {
                    actors.push(j);
                }
                any_actor_before = true;
            }
        }
        // heads and modifiers per segment
        let mut heads: Vec<Vec<usize>> = vec![Vec::new(); ms.len()];
        let mut mods: Vec<Vec<usize>> = vec![Vec::new(); ms.len()];
        for s in 0..nseg {
            let agents: Vec<usize> = (0..ms.len()).filter(|&j| seg_of[j] == s && matches!(ms[j].named, Named::Agent(_))).collect();
            let Some((&head, modifiers)) = agents.split_last() else { continue };
            let mut targets: Vec<usize> = actors.iter().copied().filter(|&a| seg_of[a] >= s).collect();
            if targets.is_empty() {
                targets = actors.iter().copied().filter(|&a| seg_of[a] < s).collect();
            }
            for a in targets {
                heads[a].push(head);
                mods[a].extend(modifiers.iter().copied());
            }
        }
        let agent_of = |j: usize| match ms[j].named {
            Named::Agent(g) => Some(&dict.agents[g]),
            Named::Actor(_) => None,
        };
        let mut codes: Vec<String> = Vec::new();
        let mut push = |c: String| {
            if !codes.contains(&c) {
                codes.push(c);
            }
        };
        if actors.is_empty() {
            // agents alone: `---GOV`
            for s in 0..nseg {
                let agents: Vec<usize> = (0..ms.len()).filter(|&j| seg_of[j] == s && matches!(ms[j].named, Named::Agent(_))).collect();
                if let Some((&head, modifiers)) = agents.split_last() {
                    let mut code = "---".to_string();
                    for &m in modifiers.iter().chain(std::iter::once(&head)) {
                        if let Some(g) = agent_of(m) {
                            code = apply_agent(&code, &g.code, g.placement);
                        }
                    }
                    push(code);
                }
            }
        } else {
            for &a in &actors {
                let Named::Actor(ai) = ms[a].named else { continue };
                for base in dict.actors[ai].codes_on(date) {
                    if base == "---" {
                        continue;
                    }
                    if heads[a].is_empty() {
                        push(base.clone());
                        continue;
                    }
                    for &h in &heads[a] {
                        let mut code = base.clone();
                        for &m in mods[a].iter().chain(std::iter::once(&h)) {
                            if let Some(g) = agent_of(m) {
                                code = apply_agent(&code, &g.code, g.placement);
                            }
                        }
                        push(code);
                    }
                }
            }
        }
        if codes.is_empty() {
            return None;
        }
        Some(Group { start: ms[0].start, end: ms[ms.len() - 1].end, codes })
    }

    /// The verb's frame.
    pub fn frame(&self, start: usize, verb: usize, verb_end: usize) -> Frame {
        match &self.tree {
            Some(t) => self.tree_frame(t, verb, verb_end),
            None => crate::text::frame(self, start, verb, verb_end),
        }
    }

    fn tree_frame(&self, t: &Tree, verb: usize, verb_end: usize) -> Frame {
        let leaf_node = t.leaves[verb].node;
        let mut frame = Frame { scope: (verb_end, verb_end), ..Frame::default() };
        // scope: the highest VP above the verb before a clause
        let mut child = leaf_node;
        let mut top_vp: Option<usize> = None;
        for anc in t.ancestors(leaf_node) {
            if t.nodes[anc].kind == NodeKind::VerbPhrase {
                // a VP coordinating several VPs is not this verb's: `condemned .. and promised`
                let kids = t.children(anc);
                let coordinating = kids.iter().any(|&c| t.nodes[c].kind == NodeKind::Conjunction)
                    && kids.iter().filter(|&&c| t.nodes[c].kind == NodeKind::VerbPhrase).count() > 1;
                if coordinating {
                    break;
                }
                top_vp = Some(anc);
                // passive: a form of BE among the VP's children before ours
                if t.children(anc).iter().take_while(|&&c| c != child).any(|&c| t.nodes[c].leaf.is_some_and(|l| self.tokens[l].be)) {
                    frame.passive = self.tokens[verb].participle;
                }
                child = anc;
            } else {
                break;
            }
        }
        if let Some(vp) = top_vp {
            frame.scope = (verb_end, t.nodes[vp].end.max(verb_end));
        }
        // subjects: walk up through clauses
        let mut child = leaf_node;
        for anc in t.ancestors(leaf_node) {
            let node = &t.nodes[anc];
            let kids = t.children(anc);
            let before = &kids[..kids.iter().position(|&c| c == child).unwrap_or(kids.len())];
            if node.kind == NodeKind::Clause {
                if let Some(&np) = before.iter().rev().find(|&&c| t.nodes[c].kind == NodeKind::NounPhrase) {
                    let n = &t.nodes[np];
                    let pronoun = (n.start..n.end).all(|i| matches!(self.tokens[i].tag, Tag::Pron | Tag::Det));
                    frame.subjects.push((n.start, n.end, pronoun));
                }
            } else if node.kind == NodeKind::NounPhrase && !before.is_empty() {
                // a relative or reduced clause modifying a noun: the noun is the subject
                if let Some(&np) = before.iter().find(|&&c| t.nodes[c].kind == NodeKind::NounPhrase) {
                    let n = &t.nodes[np];
                    frame.subjects.push((n.start, n.end, false));
                }
            }
            child = anc;
        }
        frame
    }

    /// Forward `^`: the token after the noun phrase at or after `pos` (not reaching back
    /// before `floor`).
    pub fn skip_np_forward(&self, pos: usize, floor: usize, limit: usize) -> Option<usize> {
        let mut p = pos;
        while p < limit
            && (!self.active[p]
                || !matches!(self.tokens[p].tag, Tag::Noun | Tag::Proper | Tag::Det | Tag::Adj | Tag::PossPron | Tag::Num | Tag::Pron))
        {
            p += 1;
        }
        if p >= limit {
            return None;
        }
        match &self.tree {
            Some(t) => {
                // the lowest noun phrase around p that does not reach back before `floor`
                t.ancestors(t.leaves[p].node)
                    .map(|a| &t.nodes[a])
                    .find(|n| n.kind == NodeKind::NounPhrase && n.start >= floor)
                    .map(|n| n.end.min(limit))
            }
            None => {
                if let Some(g) = self.group_starting[p] {
                    return Some(self.groups[g].end);
                }
                let mut q = p;
                while q < limit
                    && matches!(
                        self.tokens[q].tag,
                        Tag::Noun | Tag::Proper | Tag::Det | Tag::Adj | Tag::PossPron | Tag::Num | Tag::Pos | Tag::Pron
                    )
                {
                    q += 1;
                }
                Some(q)
            }
        }
    }

    /// The end of the largest noun phrase starting at `start` (with its prepositional
    /// phrases: "the Ministry of Magic"), for naming a new actor.
    pub fn whole_np_forward(&self, start: usize, limit: usize) -> Option<usize> {
        match &self.tree {
            Some(t) => t
                .ancestors(t.leaves[start].node)
                .map(|a| &t.nodes[a])
                .take_while(|n| n.start == start)
                .filter(|n| n.kind == NodeKind::NounPhrase)
                .last()
                .map(|n| n.end.min(limit)),
            None => self.skip_np_forward(start, start, limit),
        }
    }

    /// Backward `^`: the token before the noun phrase ending at or before `pos`.
    pub fn skip_np_backward(&self, pos: usize) -> Option<usize> {
        let mut p = pos as isize;
        while p >= 0 && (!self.active[p as usize] || !matches!(self.tokens[p as usize].tag, Tag::Noun | Tag::Proper | Tag::Num | Tag::Pron))
        {
            p -= 1;
        }
        if p < 0 {
            return None;
        }
        let p = p as usize;
        let start = match &self.tree {
            Some(t) => {
                let mut best = p;
                for anc in t.ancestors(t.leaves[p].node) {
                    let n = &t.nodes[anc];
                    if n.kind == NodeKind::NounPhrase && n.end == p + 1 {
                        best = n.start;
                    } else {
                        break;
                    }
                }
                best
            }
            None => {
                let mut q = p;
                while q > 0
                    && matches!(self.tokens[q - 1].tag, Tag::Noun | Tag::Proper | Tag::Det | Tag::Adj | Tag::PossPron | Tag::Num | Tag::Pos)
                {
                    q -= 1;
                }
                q
            }
        };
        Some(start)
    }

    /// The words of tokens `a..b` (active, no punctuation or possessive), for new actors.
    pub fn phrase_text(&self, a: usize, b: usize) -> (String, usize) {
        let ws: Vec<&str> = (a..b).filter(|&i| self.active[i] && self.is_word(i)).map(|i| self.tokens[i].word.as_str()).collect();
        (ws.join(" "), ws.len())
    }

    pub fn is_aux(&self, i: usize) -> bool {
        self.tokens[i].aux
    }

    pub fn is_be(&self, i: usize) -> bool {
        self.tokens[i].be
    }
}

/// Appends (`~GOV`) or prefixes (`NGO~`) an agent code unless the code already ends with it.
fn apply_agent(code: &str, agent: &str, placement: AgentPlacement) -> String {
    match placement {
        AgentPlacement::Suffix => {
            // past the three-letter country; `get` so that a code is never sliced inside a character
            if code.get(3..).is_some_and(|rest| !rest.is_empty() && rest.ends_with(agent)) {
                code.to_string()
            } else {
                format!("{code}{agent}")
            }
        }
        AgentPlacement::Prefix => {
            if code.starts_with(agent) {
                code.to_string()
            } else if let Some(rest) = code.strip_prefix("---") {
                format!("{agent}{rest}")
            } else {
                format!("{agent}{code}")
            }
        }
    }
}

/// Upper-cases a word as dictionaries write it (Penn Treebank brackets kept).
pub(crate) fn normalize(w: &str) -> String {
    match w {
        "``" | "''" => "\"".to_string(),
        _ => w.to_ascii_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_compose() {
        assert_eq!(apply_agent("ARN", "GOV", AgentPlacement::Suffix), "ARNGOV");
        assert_eq!(apply_agent("USAGOV", "GOV", AgentPlacement::Suffix), "USAGOV");
        assert_eq!(apply_agent("HGWGOVMED", "GOVMED", AgentPlacement::Suffix), "HGWGOVMED");
        assert_eq!(apply_agent("ARN", "NGO", AgentPlacement::Prefix), "NGOARN");
        assert_eq!(apply_agent("---", "GOV", AgentPlacement::Suffix), "---GOV");
    }

    #[test]
    fn agents_compose_with_codes_that_are_not_ascii() {
        // the loader refuses such codes (tests/bad-input/dicts/nonascii-*); composition must not
        // panic on one either: byte 3 of "ABÉ" is inside the "É"
        assert_eq!(apply_agent("ABÉGOV", "GOV", AgentPlacement::Suffix), "ABÉGOVGOV");
        assert_eq!(apply_agent("ABCÉGOV", "GOV", AgentPlacement::Suffix), "ABCÉGOV");
        assert_eq!(apply_agent("AÉ", "GOV", AgentPlacement::Suffix), "AÉGOV");
    }
}
