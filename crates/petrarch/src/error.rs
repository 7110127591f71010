//! The crate's one error type.

/// Errors reading PETRARCH dictionaries and validation records.
#[derive(Debug, thiserror::Error)]
pub enum PetrarchError {
    /// A dictionary or record line is malformed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read.
    #[error("{path}: cannot read: {message}")]
    Io {
        /// The path.
        path: String,
        /// The OS error.
        message: String,
    },
}

impl PetrarchError {
    pub(crate) fn parse(file: &str, line: usize, message: impl Into<String>) -> Self {
        PetrarchError::Parse { file: file.to_string(), line, message: message.into() }
    }
}

/// Reads a dictionary file as text; PETRARCH files are ASCII but stray Latin-1 bytes are
/// tolerated (replaced) rather than refused.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, PetrarchError> {
    let bytes = std::fs::read(path)
        .map_err(|e| PetrarchError::Io { path: path.display().to_string(), message: e.to_string() })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}
