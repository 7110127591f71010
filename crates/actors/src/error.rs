//! The error of loading a knowledge base.

/// Errors loading a knowledge base.
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    /// A file could not be read.
    #[error("{path}: cannot read: {message}")]
    Io {
        /// The path.
        path: String,
        /// The OS error.
        message: String,
    },
    /// A line is malformed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What was expected.
        message: String,
    },
}
