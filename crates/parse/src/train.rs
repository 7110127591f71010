//! Training: the tagger, jackknifed tags for the parser's training data, the parser with the
//! dynamic oracle, the lemma exceptions; dev scores after every epoch. Integer arithmetic, a
//! seeded splitmix64 and sorted outputs make a re-run produce the same model bytes.

use crate::conllu_impl::{GoldSentence, Sentence};
use crate::hash::Rng;
use crate::lemma::Lemmatizer;
use crate::model::Model;
use crate::perceptron::{Trainer, Weights};
use crate::tagger::{self, Lexicon, TokenFeats};
use crate::{parser, ParseError};
use rustc_hash::FxHashMap;
use std::time::Instant;

/// Training options; the defaults are the ones the shipped model was trained with.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Seed of the shuffles and exploration.
    pub seed: u64,
    /// Tagger epochs.
    pub tagger_epochs: usize,
    /// Parser epochs.
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags (0 or 1: train the parser on gold tags).
    pub jackknife: usize,
    /// First parser epoch (0-based) that explores its own predictions.
    pub explore_from: usize,
    /// Probability (per mille) of following the model's prediction when exploring.
    pub explore_per_mille: u32,
    /// Quantised weights below this magnitude are dropped (model size vs accuracy).
    pub min_weight: i16,
    /// Size budget of the model file in bytes: the parser's smallest weights are dropped until
    /// it fits (0: no budget).
    pub max_bytes: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            seed: 1,
            tagger_epochs: 8,
            parser_epochs: 10,
            jackknife: 4,
            explore_from: 1,
            explore_per_mille: 900,
            min_weight: 2,
            max_bytes: 19_500_000,
        }
    }
}

impl std::fmt::Display for TrainOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--seed {} --tagger-epochs {} --parser-epochs {} --jackknife {} --explore-from {} --explore {} --min-weight {} --max-mb {}",
            self.seed,
            self.tagger_epochs,
            self.parser_epochs,
            self.jackknife,
            self.explore_from,
            self.explore_per_mille,
            self.min_weight,
            self.max_bytes as f64 / 1e6
        )
    }
}

struct Data {
    gold: Vec<GoldSentence>,
    toks: Vec<Vec<TokenFeats>>,
    tags: Vec<Vec<u16>>,
    heads: Vec<Vec<u16>>,
    labels: Vec<Vec<u8>>,
}

fn token_feats(forms: &[String], lexicon: &Lexicon) -> Vec<TokenFeats> {
    let (mut l, mut s) = (String::new(), String::new());
    forms.iter().map(|f| TokenFeats::new(f, lexicon, &mut l, &mut s)).collect()
}

/// Words seen at least twice, with the hash of the sorted tag classes that make up at least 5%
/// of their occurrences.
fn lexicon(sents: &[Sentence], tag_ids: &FxHashMap<(String, String), u16>) -> Lexicon {
    let mut counts: FxHashMap<String, FxHashMap<u16, u32>> = FxHashMap::default();
    for s in sents {
        for w in s.words() {
            if let Some(&t) = tag_ids.get(&(w[3].clone(), w[4].clone())) {
                *counts.entry(w[1].to_lowercase()).or_default().entry(t).or_default() += 1;
            }
        }
    }
    let mut lex = Lexicon::default();
    for (word, tags) in counts {
        let total: u32 = tags.values().sum();
        if total < 2 {
            continue;
        }
        let mut set: Vec<u16> = tags.iter().filter(|(_, &c)| c * 20 >= total).map(|(&t, _)| t).collect();
        set.sort_unstable();
        let mut h = 0x5eed_u64;
        for t in set {
            h = crate::hash::mix(h, t as u64 + 1);
        }
        lex.insert(crate::hash::str(&word), crate::hash::finish(h));
    }
    lex
}

fn prepare(
    sents: &[Sentence],
    lexicon: &Lexicon,
    tag_ids: &FxHashMap<(String, String), u16>,
    label_ids: &FxHashMap<String, u8>,
    project: bool,
) -> Result<Data, ParseError> {
    let mut d = Data { gold: Vec::new(), toks: Vec::new(), tags: Vec::new(), heads: Vec::new(), labels: Vec::new() };
    for s in sents {
        let g = GoldSentence::from(s)?;
        d.toks.push(token_feats(&g.forms, lexicon));
        d.tags.push(g.upos.iter().zip(&g.xpos).map(|(u, x)| tag_ids.get(&(u.clone(), x.clone())).copied().unwrap_or(u16::MAX)).collect());
        let mut h = g.heads.clone();
        if project {
            parser::projectivize(&mut h);
        }
        d.heads.push(h);
        d.labels.push(g.deprels.iter().map(|r| label_ids.get(r).copied().unwrap_or(u8::MAX)).collect());
        d.gold.push(g);
    }
    Ok(d)
}

#[allow(clippy::too_many_arguments)]
fn train_tagger(
    data: &Data,
    which: &[usize],
    n_tags: usize,
    opts: &TrainOptions,
    rng: &mut Rng,
    dev: Option<&Data>,
    upos: &[String],
    log: &mut dyn FnMut(&str),
) -> Weights {
    let mut t = Trainer::default();
    let mut order = which.to_vec();
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    let mut best: Option<(usize, Weights)> = None;
    for epoch in 0..opts.tagger_epochs {
        let started = Instant::now();
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0, 0);
        for &i in &order {
            correct += tagger::train_sentence(&mut t, n_tags, &data.toks[i], &data.tags[i], &mut feats, &mut scores);
            total += data.toks[i].len();
        }
        if let Some(dev) = dev {
            let w = t.average(n_tags, opts.min_weight, None);
            let (c, u) = tag_accuracy(&w, dev, upos);
            let n = dev.toks.iter().map(Vec::len).sum::<usize>().max(1) as f64;
            log(&format!(
                "tagger epoch {:>2}: train {:.2}%, dev UPOS {:.2}%, UPOS+XPOS {:.2}% ({} features, {:.1?})",
                epoch + 1,
                100.0 * correct as f64 / total.max(1) as f64,
                100.0 * u as f64 / n,
                100.0 * c as f64 / n,
                t.len(),
                started.elapsed()
            ));
            if best.as_ref().map_or(true, |(b, _)| c > *b) {
                best = Some((c, w));
            }
        }
    }
    match best {
        Some((_, w)) => w,
        None => t.average(n_tags, opts.min_weight, None),
    }
}

/// Words with the right tag class, and with the right UPOS.
fn tag_accuracy(w: &Weights, data: &Data, upos: &[String]) -> (usize, usize) {
    let (mut tags, mut feats, mut scores, mut rows) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut c, mut u) = (0, 0);
    let name = |t: u16| upos.get(t as usize).map_or("", String::as_str);
    for (toks, gold) in data.toks.iter().zip(&data.tags) {
        tagger::tag(w, toks, &mut tags, &mut feats, &mut scores, &mut rows);
        c += tags.iter().zip(gold).filter(|(a, b)| a == b).count();
        u += tags.iter().zip(gold).filter(|(a, b)| name(**a) == name(**b)).count();
    }
    (c, u)
}

fn tag_all(w: &Weights, data: &Data, which: impl Iterator<Item = usize>, out: &mut [Vec<u16>]) {
    let (mut feats, mut scores, mut rows) = (Vec::new(), Vec::new(), Vec::new());
    for i in which {
        let mut tags = Vec::new();
        tagger::tag(w, &data.toks[i], &mut tags, &mut feats, &mut scores, &mut rows);
        out[i] = tags;
    }
}

/// (UAS, LAS on universal relations) counts of `w` on `data` with tags `tags`.
fn parse_accuracy(w: &Weights, labels: &[String], data: &Data, tags: &[Vec<u16>]) -> (usize, usize, usize) {
    let mut state = parser::State::default();
    let (mut feats, mut scores, mut rows) = (Vec::new(), Vec::new(), Vec::new());
    let (mut uas, mut las, mut n) = (0, 0, 0);
    for (i, g) in data.gold.iter().enumerate() {
        let words: Vec<u64> = data.toks[i].iter().map(|t| t.lower).collect();
        parser::parse(w, labels.len(), &words, &tags[i], &mut state, &mut feats, &mut scores, &mut rows);
        for k in 0..words.len() {
            n += 1;
            if state.heads[k] == g.heads[k] {
                uas += 1;
                let l = labels.get(state.labels[k] as usize).map_or("", String::as_str);
                las += (crate::universal(l) == crate::universal(&g.deprels[k])) as usize;
            }
        }
    }
    (uas, las, n)
}

/// Train a model on `train`, reporting dev scores after every epoch through `log`; the epoch
/// with the best dev score (tags for the tagger, LAS for the parser) is kept. Without dev
/// sentences, the last epoch is kept.
pub fn train(train: &[Sentence], dev: &[Sentence], opts: &TrainOptions, log: &mut dyn FnMut(&str)) -> Result<Model, ParseError> {
    let started = Instant::now();
    if train.is_empty() {
        return Err(ParseError::Train("no training sentences".into()));
    }
    // Tag classes and labels, most frequent first (ties by name): a deterministic order.
    let mut tag_counts: FxHashMap<(String, String), usize> = FxHashMap::default();
    let mut label_counts: FxHashMap<String, usize> = FxHashMap::default();
    for s in train {
        for w in s.words() {
            *tag_counts.entry((w[3].clone(), w[4].clone())).or_default() += 1;
            if w[7] != "root" {
                *label_counts.entry(w[7].clone()).or_default() += 1;
            }
        }
    }
    let mut tag_list: Vec<((String, String), usize)> = tag_counts.into_iter().collect();
    tag_list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if tag_list.len() > 255 {
        return Err(ParseError::Train(format!("{} (UPOS, XPOS) pairs, at most 255", tag_list.len())));
    }
    let mut label_list: Vec<(String, usize)> = label_counts.into_iter().collect();
    label_list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut labels = vec!["root".to_string()];
    labels.extend(label_list.into_iter().map(|(l, _)| l));
    if 1 + 2 * labels.len() > 255 {
        return Err(ParseError::Train(format!("{} relations, at most 127", labels.len())));
    }
    let tag_ids: FxHashMap<(String, String), u16> = tag_list.iter().enumerate().map(|(i, (k, _))| (k.clone(), i as u16)).collect();
    let label_ids: FxHashMap<String, u8> = labels.iter().enumerate().map(|(i, l)| (l.clone(), i as u8)).collect();
    let upos: Vec<String> = tag_list.iter().map(|((u, _), _)| u.clone()).collect();
    let xpos: Vec<String> = tag_list.iter().map(|((_, x), _)| x.clone()).collect();
    let n_tags = upos.len();

    let lexicon = lexicon(train, &tag_ids);
    let data = prepare(train, &lexicon, &tag_ids, &label_ids, true)?;
    let dev_data = prepare(dev, &lexicon, &tag_ids, &label_ids, false)?;
    let dev_words: usize = dev_data.toks.iter().map(Vec::len).sum();
    log(&format!(
        "{} training sentences ({} words), {} dev sentences ({} words); {} tag classes, {} relations; {}",
        data.gold.len(),
        data.toks.iter().map(Vec::len).sum::<usize>(),
        dev_data.gold.len(),
        dev_words,
        n_tags,
        labels.len(),
        opts
    ));
    let mut rng = Rng::new(opts.seed);

    // Jackknifed tags for the parser's training data.
    let all: Vec<usize> = (0..data.gold.len()).collect();
    let mut train_tags = data.tags.clone();
    if opts.jackknife >= 2 && data.gold.len() >= opts.jackknife {
        // Folds are independent (each with its own seeded generator), so two threads train them
        // and the result does not depend on scheduling.
        let t0 = Instant::now();
        let k = opts.jackknife;
        let folds: Vec<Vec<(usize, Vec<u16>)>> = std::thread::scope(|scope| {
            let chunks: Vec<Vec<usize>> = (0..2).map(|t| (0..k).filter(|f| f % 2 == t).collect()).collect();
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|mine| {
                    let (data, all, upos) = (&data, &all, &upos);
                    scope.spawn(move || {
                        let mut out = Vec::new();
                        for fold in mine {
                            let mut rng = Rng::new(opts.seed ^ (0x6a09_e667_f3bc_c908u64.wrapping_mul(fold as u64 + 1)));
                            let rest: Vec<usize> = all.iter().copied().filter(|i| i % k != fold).collect();
                            let w = train_tagger(data, &rest, n_tags, opts, &mut rng, None, upos, &mut |_| {});
                            let mut tags = vec![Vec::new(); data.gold.len()];
                            tag_all(&w, data, all.iter().copied().filter(|i| i % k == fold), &mut tags);
                            out.extend(tags.into_iter().enumerate().filter(|(i, _)| i % k == fold));
                        }
                        out
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        for (i, tags) in folds.into_iter().flatten() {
            train_tags[i] = tags;
        }
        log(&format!("jackknife: {k} folds tagged in {:.1?}", t0.elapsed()));
    }
    let tagger_w = train_tagger(&data, &all, n_tags, opts, &mut rng, if dev.is_empty() { None } else { Some(&dev_data) }, &upos, log);
    let mut dev_tags = vec![Vec::new(); dev_data.gold.len()];
    tag_all(&tagger_w, &dev_data, 0..dev_data.gold.len(), &mut dev_tags);
    let fixed_bytes = 1_000 + tagger_w.bytes() + lexicon.len() * 16 + upos.len() * 16 + labels.len() * 16 + 400_000;
    let parser_budget = if opts.max_bytes > 0 { Some(opts.max_bytes.saturating_sub(fixed_bytes)) } else { None };

    // The parser.
    let n_classes = 1 + 2 * labels.len();
    let mut t = Trainer::default();
    let mut order = all.clone();
    let mut scratch = parser::TrainScratch::default();
    let mut best: Option<(usize, usize, Weights)> = None;
    let mut summary = String::new();
    for epoch in 0..opts.parser_epochs {
        let t0 = Instant::now();
        rng.shuffle(&mut order);
        let (mut steps, mut updates) = (0, 0);
        for &i in &order {
            let words: Vec<u64> = data.toks[i].iter().map(|t| t.lower).collect();
            let explore = epoch >= opts.explore_from && rng.chance_per_mille(opts.explore_per_mille);
            let (s, u) = parser::train_sentence(
                &mut t,
                labels.len(),
                &words,
                &train_tags[i],
                &data.heads[i],
                &data.labels[i],
                explore,
                &mut scratch,
            );
            steps += s;
            updates += u;
        }
        let w = t.average(n_classes, opts.min_weight, parser_budget);
        if dev.is_empty() {
            log(&format!("parser epoch {:>2}: {} updates in {} transitions ({:.1?})", epoch + 1, updates, steps, t0.elapsed()));
            best = Some((epoch, 0, w));
            continue;
        }
        let (uas, las, n) = parse_accuracy(&w, &labels, &dev_data, &dev_tags);
        let line = format!(
            "parser epoch {:>2}: {} updates in {} transitions; dev UAS {:.2} LAS {:.2} ({} features, {:.1?})",
            epoch + 1,
            updates,
            steps,
            100.0 * uas as f64 / n.max(1) as f64,
            100.0 * las as f64 / n.max(1) as f64,
            t.len(),
            t0.elapsed()
        );
        log(&line);
        if best.as_ref().map_or(true, |(_, b, _)| las > *b) {
            best = Some((epoch, las, w));
            summary = format!("dev UAS {:.2} LAS {:.2}", 100.0 * uas as f64 / n.max(1) as f64, 100.0 * las as f64 / n.max(1) as f64);
        }
    }
    let Some((best_epoch, _, parser_w)) = best else {
        return Err(ParseError::Train("no parser epochs".into()));
    };
    let lemmas = Lemmatizer::learn(
        &xpos,
        data.gold
            .iter()
            .zip(&data.tags)
            .flat_map(|(g, tags)| g.forms.iter().zip(tags).zip(&g.lemmas).map(|((f, &t), l)| (f.as_str(), t, l.as_str()))),
    );
    let dev_tag = if dev_words > 0 { 100.0 * tag_accuracy(&tagger_w, &dev_data, &upos).1 as f64 / dev_words as f64 } else { 0.0 };
    let info = format!(
        "trained with `demarche parser train` {opts}; {} training sentences; tagger dev UPOS {dev_tag:.2}%; kept parser epoch {}: {}",
        data.gold.len(),
        best_epoch + 1,
        summary
    );
    log(&format!("trained in {:.1?}", started.elapsed()));
    Ok(Model { info, upos, xpos, labels, lemmas, lexicon, tagger: tagger_w, parser: parser_w })
}
