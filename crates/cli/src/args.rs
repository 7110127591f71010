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
    #[command(after_help = "Example:\n  demarche segment examples/press-conference.txt --date 2025-01-22\n  demarche segment page.html --format text")]
    Segment(SegmentArgs),
    /// Recognise actors (countries, organisations, people, agents, pronouns) as CAMEO codes
    /// valid on the document's date.
    #[command(after_help = "Example:\n  demarche actors examples/press-conference.txt --date 2025-01-22\n  demarche actors news.jsonl --actors my-actors/ --format table")]
    Actors(ActorsArgs),
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
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum TableFormat {
    Jsonl,
    Table,
}

/// Where documents come from and how to read them.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories to read (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The documents' date (YYYY-MM-DD) where their metadata has none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the document.
    #[arg(long)]
    pub lossy: bool,
    /// Read every input as this format instead of guessing from extension and content.
    #[arg(long = "input-format", value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
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
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq)]
pub enum SegmentFormat {
    Jsonl,
    Text,
    Table,
}

pub fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    demarche_core::dates::parse_date(s).ok_or_else(|| format!("{s:?} is not a date in YYYY-MM-DD form"))
}

pub fn parse() -> Cli {
    Cli::parse()
}
