//! One module per subcommand; `run` dispatches.

mod segment;

use crate::args::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Segment(a) => segment::run(&a),
    }
}

/// Exit code for a batch: 0 when every input was read, 1 when some were not.
pub fn batch_exit(failed: usize, total_ok: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else if total_ok == 0 {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}
