//! Command-line arguments: the raw flags of every subcommand, parsed by clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// demarche turns what governments say and do into political event data.
#[derive(Parser, Debug)]
#[command(name = "demarche", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Split documents into sentences with section (headline, narrative, statement, question,
    /// answer, boilerplate, comment) and speaker.
    #[command(
        after_help = "Example:\n  demarche segment examples/press-conference.txt --date 2025-01-22\n  demarche segment page.html --format text"
    )]
    Segment(SegmentArgs),
    /// Recognise actors (countries, organisations, people, agents, pronouns) as CAMEO codes
    /// valid on the document's date.
    #[command(
        after_help = "Example:\n  demarche actors examples/press-conference.txt --date 2025-01-22\n  demarche actors news.jsonl --actors my-actors/ --format table"
    )]
    Actors(ActorsArgs),
    /// Code events: who did what to whom and when, as CAMEO codes with Goldstein, QuadClass,
    /// PLOVER and an explanation.
    #[command(
        after_help = "Example:\n  demarche code examples/press-conference.txt --date 2025-01-22\n  demarche code examples/press-conference.txt --date 2025-01-22 --explain\n  demarche code news.jsonl --format csv > events.csv\n  demarche code gigaword.sample.xml --dictionaries petrarch/dictionaries --format petrarch"
    )]
    Code(CodeArgs),
    /// Places: where each sentence's events would be located (the sentence's place, else the
    /// dateline), from the built-in GeoNames gazetteer.
    #[command(after_help = "Example:\n  demarche places examples/news-story.txt --format table")]
    Places(ActorsArgs),
    /// Evaluate the coder on labelled sentences.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Code documents and store them (documents, sentences, mentions, events) in the database.
    /// Re-ingesting a document changes nothing; an interrupted ingest can be re-run.
    #[command(
        after_help = "Example:\n  demarche ingest examples/ --date 2025-01-22\n  demarche ingest news/ --db relations.db\n  demarche ingest gigaword.sample.xml --dictionaries petrarch/dictionaries\n\nThe database is --db, else $DEMARCHE_DB, else ./demarche.db."
    )]
    Ingest(IngestArgs),
    /// A dyad's relations over time: events, Goldstein sum and mean, QuadClass counts, both
    /// directions and each, official (statement, answer) vs reported (narrative, headline) vs
    /// asked (question).
    #[command(
        after_help = "Example:\n  demarche relations RUS ARM --by month --gap\n  demarche relations RUS ARM --from 2023-01-01 --format csv"
    )]
    Relations(RelationsArgs),
    /// List stored events matching filters.
    #[command(
        after_help = "Example:\n  demarche events --dyad RUS-ARM --code 04 --format table\n  demarche events --actor USA --from 2025-01-01 --section answer"
    )]
    Events(EventsArgs),
    /// Export stored events, one per row, in GDELT-like columns (CSV, JSON Lines, Parquet).
    #[command(
        after_help = "Example:\n  demarche export --format csv --out events.csv\n  demarche export --format parquet --out events.parquet   (needs --features parquet)\n  demarche export --format parquet --partition month -o events/   (year=YYYY/month=MM/part-0.parquet)"
    )]
    Export(ExportArgs),
    /// Serve the JSON API and the web dashboard (loopback only unless --public).
    #[command(
        after_help = "Example:\n  demarche serve --db demarche.db\n  demarche serve --addr 127.0.0.1:8080 --token s3cret   (allows POST /api/documents)\n  demarche serve --dictionaries petrarch/dictionaries   (codes with TABARI/PETRARCH dictionaries)\n\nThen open http://127.0.0.1:8080/ in a browser."
    )]
    Serve(ServeArgs),
    /// Run a PETRARCH validation file: code each record with TABARI/PETRARCH dictionaries and
    /// compare with its expected events. Prints failing records and `N passed, M failed`.
    #[command(
        after_help = "Example:\n  demarche validate ../shared/petrarch/records.dev.xml --dictionaries ../shared/petrarch/dictionaries\n  demarche validate records.xml --dictionaries dicts/ --mode text --report json > report.json\n\nDictionary file names come from the file's <Environment>; <Config> elements change options\nfor the records after them. Exit code 0 when every record passes, 1 when some fail."
    )]
    Validate(ValidateArgs),
    /// Measure load times, segmentation MB/s, recognition and coding sentences/s and peak memory
    /// on a generated corpus whose event count is known (a wrong answer fails the run).
    #[command(
        after_help = "Example:\n  demarche bench\n  demarche bench --sentences 200000 --mb 100 --json\n  demarche bench --dictionaries ../shared/petrarch/dictionaries --records ../shared/petrarch/gigaword.sample.xml"
    )]
    Bench(BenchArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Example:\n  demarche completions bash > /etc/bash_completion.d/demarche\n  demarche completions zsh -o ~/.zfunc/_demarche"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per subcommand into --dir.
    #[command(after_help = "Example:\n  demarche man | man -l -\n  demarche man --dir /usr/local/share/man/man1")]
    Man(ManArgs),
    /// Tag and parse sentences with the embedded part-of-speech tagger and dependency parser
    /// (Universal Dependencies, trained on UD English EWT): CoNLL-U or JSON.
    #[command(
        after_help = "Example:\n  demarche parse examples/press-conference.txt\n  demarche parse news.jsonl --format json --threads 2\n  demarche parse en_ewt-ud-test.conllu --input-format conllu > system.conllu"
    )]
    Parse(ParseArgs),
    /// Train and evaluate the tagger and parser.
    #[command(subcommand)]
    Parser(ParserCommand),
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE", conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// Write demarche.1 and one demarche-SUBCOMMAND.1 page per subcommand into DIR.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// Files or directories to read (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the document.
    #[arg(long)]
    pub lossy: bool,
    /// Read every input as this format instead of guessing; `conllu` re-tags and re-parses the
    /// words of a CoNLL-U file (gold tokenisation), keeping columns 1-2.
    #[arg(long = "input-format", value_enum, value_name = "FORMAT")]
    pub input_format: Option<ParseInputFormat>,
    /// Output format.
    #[arg(long, value_enum, default_value = "conllu")]
    pub format: ParseFormat,
    /// Parsing threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Use the model in FILE instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum ParseInputFormat {
    Text,
    Html,
    Jsonl,
    Xml,
    Conllu,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum ParseFormat {
    Conllu,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum ParserCommand {
    /// Train a tagger and parser on a CoNLL-U treebank (reproducible: the same options give the
    /// same model bytes), reporting dev accuracy after every epoch.
    #[command(
        after_help = "Example:\n  demarche parser train --train ../shared/ud-english-ewt/en_ewt-ud-train.conllu --dev ../shared/ud-english-ewt/en_ewt-ud-dev.conllu --out data/parse/en_ewt.model"
    )]
    Train(ParserTrainArgs),
    /// Score a system CoNLL-U file against a gold one (UPOS, UAS, LAS as in the CoNLL 2018 shared
    /// task); without SYSTEM, parse GOLD's words with the model and score that.
    #[command(
        after_help = "Example:\n  demarche parser eval en_ewt-ud-test.conllu\n  demarche parser eval gold.conllu system.conllu\n  demarche parser eval en_ewt-ud-dev.conllu --min-upos 95 --min-uas 87 --min-las 84"
    )]
    Eval(ParserEvalArgs),
}

#[derive(Args, Debug)]
pub struct ParserTrainArgs {
    /// Training treebank (CoNLL-U).
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development treebank (CoNLL-U): scored after every epoch; the best epoch is kept.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Seed of the shuffles and exploration.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Tagger epochs.
    #[arg(long = "tagger-epochs", default_value_t = 8)]
    pub tagger_epochs: usize,
    /// Parser epochs.
    #[arg(long = "parser-epochs", default_value_t = 10)]
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags (0: gold tags).
    #[arg(long, default_value_t = 4)]
    pub jackknife: usize,
    /// First parser epoch (0-based) that follows its own predictions.
    #[arg(long = "explore-from", default_value_t = 1)]
    pub explore_from: usize,
    /// Probability in per mille of following the model's prediction when exploring.
    #[arg(long, default_value_t = 900)]
    pub explore: u32,
    /// Drop quantised weights below this magnitude (smaller model, lower accuracy).
    #[arg(long = "min-weight", default_value_t = 2)]
    pub min_weight: i16,
    /// Size budget of the model in MB: the parser's smallest weights are dropped until the
    /// model fits (0: no budget).
    #[arg(long = "max-mb", default_value_t = 19.5)]
    pub max_mb: f64,
}

#[derive(Args, Debug)]
pub struct ParserEvalArgs {
    /// Gold CoNLL-U.
    pub gold: PathBuf,
    /// System CoNLL-U with the same words (default: parse GOLD with the model).
    pub system: Option<PathBuf>,
    /// Use the model in FILE instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Fail (exit 1) when UPOS is below this percentage.
    #[arg(long = "min-upos", value_name = "PCT")]
    pub min_upos: Option<f64>,
    /// Fail (exit 1) when UAS is below this percentage.
    #[arg(long = "min-uas", value_name = "PCT")]
    pub min_uas: Option<f64>,
    /// Fail (exit 1) when LAS is below this percentage.
    #[arg(long = "min-las", value_name = "PCT")]
    pub min_las: Option<f64>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The validation records (PETRARCH XML with <Environment> and <EventCoding>s).
    pub records: PathBuf,
    /// Folder of the dictionaries the <Environment> names.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: PathBuf,
    /// tree: phrase structure from each record's <Parse>; text: demarche's own analysis.
    #[arg(long, value_enum, default_value = "tree")]
    pub mode: PetrarchMode,
    /// Print per-record results as JSON (id, category, expected, got, pass) instead of lines.
    #[arg(long, value_enum)]
    pub report: Option<ReportFormat>,
    /// Print every record, not only the failing ones.
    #[arg(long)]
    pub all: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum PetrarchMode {
    Tree,
    Text,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum ReportFormat {
    Json,
}

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Sentences to code.
    #[arg(long, default_value_t = 100_000)]
    pub sentences: usize,
    /// Megabytes of text to segment.
    #[arg(long, default_value_t = 50)]
    pub mb: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also ingest N generated documents into a temporary database and time `relations` on it
    /// (0: skip). 130000 documents give over a million events.
    #[arg(long = "store-docs", default_value_t = 0)]
    pub store_docs: usize,
    /// Benchmark the TABARI/PETRARCH dictionaries in DIR instead (load time, tree and text
    /// sentences/s, peak memory), coding the records of --records repeatedly up to --sentences.
    #[arg(long, value_name = "DIR", requires = "records")]
    pub dictionaries: Option<PathBuf>,
    /// PETRARCH XML records (with parses) for --dictionaries.
    #[arg(long, value_name = "FILE")]
    pub records: Option<PathBuf>,
    /// Coding threads for the PETRARCH benchmark's parallel figure (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Measure only the embedded parser: model load time, raw-text sentences/s (segment,
    /// tokenise, tag, parse; one thread) and peak memory, on --sentences generated sentences.
    #[arg(long = "parse-only")]
    pub parse_only: bool,
    /// The scaling benchmark instead: double the input from --scaling-docs documents,
    /// --scaling-steps times in all, timing code, ingest, re-ingest and the store queries at
    /// each size, with peak memory and each curve's growth exponent.
    #[arg(long)]
    pub scaling: bool,
    /// Documents of the scaling benchmark's first step (about 8 events each).
    #[arg(long = "scaling-docs", default_value_t = 2000)]
    pub scaling_docs: usize,
    /// Steps of the scaling benchmark (each doubles the input).
    #[arg(long = "scaling-steps", default_value_t = 5)]
    pub scaling_steps: u32,
}

#[derive(Args, Debug, Clone)]
pub struct CoderArgs {
    #[command(flatten)]
    pub kb: KbArgs,
    /// Add the verb patterns in FILE (format of data/verbs/patterns.txt) to the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// Use only the verb patterns in FILE.
    #[arg(long = "verbs-only", value_name = "FILE")]
    pub verbs_only: Vec<PathBuf>,
    /// Keep events with no target (PETRARCH's require_dyad = false).
    #[arg(long = "allow-one-sided")]
    pub allow_one_sided: bool,
    /// Keep negated and hypothetical events, marked `negated: true`.
    #[arg(long = "include-negated")]
    pub include_negated: bool,
    /// Keep events even when no actor is found (implies --allow-one-sided).
    #[arg(long = "allow-actorless")]
    pub allow_actorless: bool,
}

#[derive(Args, Debug)]
pub struct CodeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub coder: CoderArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: EventFormat,
    /// Print each sentence with its events and why, for people.
    #[arg(long)]
    pub explain: bool,
    /// Write to FILE instead of standard output; with `--partition`, the folder to make.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With `--format parquet`: one Hive-style folder per year or month of the event date
    /// (`year=2024/month=05/part-0.parquet`; undated events in `_undated/`), under `-o DIR`.
    #[arg(long, value_enum, value_name = "BY")]
    pub partition: Option<PartitionBy>,
    /// Coding threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub petrarch: PetrarchArgs,
}

/// Coding with TABARI/PETRARCH dictionaries.
#[derive(Args, Debug, Clone)]
pub struct PetrarchArgs {
    /// Code with the TABARI/PETRARCH dictionaries in DIR (a PETR_config.ini there names the
    /// files; else CAMEO.2.0.txt + Phoenix.*; else the *verbs*, *actors*, *agents*, *discards*,
    /// *Issue* files) instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// A PETRARCH config.ini naming each dictionary file (relative to its folder).
    #[arg(long = "dictionary-config", value_name = "FILE", conflicts_with = "dictionaries")]
    pub dictionary_config: Option<PathBuf>,
    /// With --dictionaries: also code with the built-in dictionaries and merge the events.
    #[arg(long = "with-builtin")]
    pub with_builtin: bool,
    /// With --dictionaries: tree uses each record's Penn Treebank <Parse>, text demarche's own
    /// analysis; auto uses the parse when there is one.
    #[arg(long, value_enum, default_value = "auto")]
    pub mode: CodeMode,
    /// A PETRARCH option for --dictionaries, NAME=VALUE (require_dyad, new_actor_length,
    /// comma_min ...); repeatable.
    #[arg(long = "option", value_name = "NAME=VALUE")]
    pub options: Vec<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum CodeMode {
    Auto,
    Tree,
    Text,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum EventFormat {
    /// One JSON object a line (`json` is the old spelling).
    #[value(alias = "json")]
    Jsonl,
    Csv,
    Tsv,
    Table,
    /// The GDELT 2.0 event table: 61 tab-separated columns, no header (docs/formats.md).
    Gdelt,
    /// PLOVER/POLECAT JSON Lines (docs/formats.md, docs/plover.schema.json).
    Plover,
    /// PETRARCH2's tab-separated event file: date, source, target, code, issues, id, source
    /// name, source text, target text, verb text.
    Petrarch,
    /// The columns of `export --format parquet` (zstd, a `Date` column; needs `--features
    /// parquet`), to `-o FILE`, or with `--partition` into Hive folders under `-o DIR`.
    Parquet,
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Accuracy and macro-F1 of the quad class (Phoenix 0-4) of the first event coded in each
    /// sentence of a `sentence<TAB>label` file (no event counts as wrong).
    #[command(
        after_help = "Example:\n  demarche eval quad ../shared/train/cameo_class_train.tsv\n  demarche eval quad labelled.tsv --errors 20"
    )]
    Quad(EvalQuadArgs),
}

#[derive(Args, Debug)]
pub struct EvalQuadArgs {
    /// The labelled file: `sentence<TAB>label`, labels 0-4; `#` lines are skipped.
    pub file: PathBuf,
    #[command(flatten)]
    pub coder: CoderArgs,
    /// Print up to N misclassified sentences to stderr.
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Judge only events with at least one recognised actor (by default an event's type is
    /// judged even when its actors are unknown).
    #[arg(long = "require-actors")]
    pub require_actors: bool,
}

/// Which actor knowledge base to use.
#[derive(Args, Debug, Clone)]
pub struct KbArgs {
    /// Add the actor records in PATH (a .tsv file or a folder of them) to the built-in ones.
    #[arg(long, value_name = "PATH")]
    pub actors: Vec<PathBuf>,
    /// Use only the actor records in PATH, not the built-in ones.
    #[arg(long = "actors-only", value_name = "PATH")]
    pub actors_only: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ActorsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub kb: KbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: TableFormat,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum TableFormat {
    #[value(alias = "json")]
    Jsonl,
    Table,
}

/// Where documents come from and how to read them.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories to read (`-` for standard input; none: standard input when it is not
    /// a terminal).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The documents' date (YYYY-MM-DD) where their metadata has none. A year (YYYY) or a month
    /// (YYYY-MM) stands for its middle day (July 1, the 15th) in knowledge lookups.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_document_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the document.
    #[arg(long)]
    pub lossy: bool,
    /// Read every input as this format instead of guessing from extension and content.
    #[arg(long = "input-format", value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Who wrote or delivered documents whose metadata names no author (free text, e.g.
    /// "Minister for Foreign Affairs of Armenia"): unlabelled text is their statement.
    #[arg(long, value_name = "TEXT")]
    pub author: Option<String>,
    /// The author's state as a CAMEO code (e.g. ARM): "I", "we" and "our" of unlabelled text.
    #[arg(long = "author-country", value_name = "CODE")]
    pub author_country: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum InputFormat {
    Text,
    Html,
    Jsonl,
    Xml,
}

#[derive(Args, Debug)]
pub struct SegmentArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: SegmentFormat,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum SegmentFormat {
    #[value(alias = "json")]
    Jsonl,
    Text,
    Table,
}

pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    demarche_core::dates::parse_date(s).ok_or_else(|| format!("{s:?} is not a date in YYYY-MM-DD form between 0001-01-01 and 9999-12-31"))
}

/// `--date`: a day, or a year or month known only to that precision, which stands for its middle
/// day (a year for July 1, a month for the 15th): the day least far from any day of the period.
pub fn parse_document_date(s: &str) -> Result<chrono::NaiveDate, String> {
    let t = s.trim();
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let partial = match b.len() {
        4 if digits(0..4) => t.parse().ok().and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 7, 1)),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => {
            t[..4].parse().ok().and_then(|y| chrono::NaiveDate::from_ymd_opt(y, t[5..].parse().ok()?, 15))
        }
        _ => None,
    };
    match partial {
        Some(d) if t != "0000" && !t.starts_with("0000-") => Ok(d),
        _ => demarche_core::dates::parse_date(t)
            .ok_or_else(|| format!("{s:?} is not a date in YYYY-MM-DD, YYYY-MM or YYYY form between 0001-01-01 and 9999-12-31")),
    }
}

pub fn parse() -> Cli {
    Cli::parse()
}

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// The database file (default: $DEMARCHE_DB, else ./demarche.db).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub coder: CoderArgs,
    #[command(flatten)]
    pub petrarch: PetrarchArgs,
    #[command(flatten)]
    pub db: DbArgs,
    /// Documents per transaction (each document is always written whole).
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Coding threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Args, Debug)]
pub struct RelationsArgs {
    /// First party: a country code (RUS) or an international actor code (IGOEUREEC).
    pub a: String,
    /// Second party.
    pub b: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Time bucket.
    #[arg(long, value_enum, default_value = "month")]
    pub by: By,
    /// First date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// Last date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: RelationsFormat,
    /// Say whether the official record is more cooperative than the reporting, by how much and
    /// on how many events.
    #[arg(long)]
    pub gap: bool,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum By {
    Day,
    Week,
    Month,
    Year,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum RelationsFormat {
    Table,
    Csv,
    /// One pretty-printed JSON document.
    Json,
    /// The same JSON on one line.
    Jsonl,
}

#[derive(Args, Debug, Clone)]
pub struct FilterArgs {
    /// Events between two parties, either direction: A-B (RUS-ARM).
    #[arg(long, value_name = "A-B")]
    pub dyad: Option<String>,
    /// Events with this actor (code or code prefix) on either side.
    #[arg(long)]
    pub actor: Option<String>,
    /// CAMEO code or root prefix (04, 043).
    #[arg(long)]
    pub code: Option<String>,
    /// First date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,
    /// Last date (YYYY-MM-DD), inclusive.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,
    /// Section (statement, answer, question, narrative, headline).
    #[arg(long)]
    pub section: Option<String>,
    /// Events placed within `--km` of this point: LAT,LON in degrees (48.85,2.35).
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true, requires = "km")]
    pub near: Option<String>,
    /// Radius of `--near`, in kilometres.
    #[arg(long, value_name = "N", requires = "near")]
    pub km: Option<f64>,
    /// Events placed in this country (3-letter code: UKR).
    #[arg(long, value_name = "CODE")]
    pub place_country: Option<String>,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: EventsFormat,
    /// At most N events (0: all).
    #[arg(long, default_value_t = 0, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=i64::MAX as u64))]
    pub limit: usize,
    /// Skip the first N events.
    #[arg(long, default_value_t = 0, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=i64::MAX as u64))]
    pub offset: usize,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Start after this event (DATE:ID, as printed on stderr after a full `--limit` page):
    /// keyset pagination, as fast on deep pages as on the first.
    #[arg(long, value_name = "DATE:ID")]
    pub cursor: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum EventsFormat {
    Table,
    #[value(alias = "json")]
    Jsonl,
    Csv,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output (`--out` is the old spelling); with
    /// `--partition`, the folder to make.
    #[arg(short = 'o', long = "output", visible_alias = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With `--format parquet`: one Hive-style folder per year or month of the event date
    /// (`year=2024/month=05/part-0.parquet`; undated events in `_undated/`), under `-o DIR`.
    #[arg(long, value_enum, value_name = "BY")]
    pub partition: Option<PartitionBy>,
}

/// The folders of a partitioned Parquet export.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum PartitionBy {
    /// `year=YYYY/`.
    Year,
    /// `year=YYYY/month=MM/`.
    Month,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum ExportFormat {
    Csv,
    #[value(alias = "json")]
    Jsonl,
    Parquet,
    /// The GDELT 2.0 event table: 61 tab-separated columns, no header (docs/formats.md).
    Gdelt,
    /// PLOVER/POLECAT JSON Lines (docs/formats.md).
    Plover,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub coder: CoderArgs,
    #[command(flatten)]
    pub petrarch: PetrarchArgs,
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Allow a non-loopback address.
    #[arg(long)]
    pub public: bool,
    /// Bearer token that allows POST /api/documents (default: $DEMARCHE_TOKEN; none disables
    /// ingest). A token given on the command line is visible to every user in `ps`: prefer
    /// $DEMARCHE_TOKEN or --token-file.
    #[arg(long, env = "DEMARCHE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Read the bearer token from this file (its first line), instead of --token.
    #[arg(long = "token-file", value_name = "FILE", conflicts_with = "token")]
    pub token_file: Option<std::path::PathBuf>,
    /// Stop by itself after this many seconds (for tests and demos).
    #[arg(long = "exit-after", value_name = "SECONDS")]
    pub exit_after: Option<u64>,
    /// Cancel a read request's query, or stop coding a `POST /api/code` text, after this many
    /// seconds (the client gets a 503).
    #[arg(long = "time-limit", value_name = "SECONDS", default_value_t = 10.0)]
    pub time_limit: f64,
}

#[cfg(test)]
mod tests {
    use super::parse_document_date;

    #[test]
    fn document_dates_may_be_a_year_or_a_month() {
        let d = |s| parse_document_date(s).map(|d| d.to_string());
        assert_eq!(d("1987-09-21").as_deref(), Ok("1987-09-21"));
        assert_eq!(d("1987").as_deref(), Ok("1987-07-01"));
        assert_eq!(d("1987-09").as_deref(), Ok("1987-09-15"));
        assert!(d("1987-13").is_err());
        assert!(d("0000").is_err());
        assert!(d("87").is_err());
        assert!(d("1987-9").is_err());
    }
}
