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
/// tolerated (replaced by U+FFFD) rather than refused — with a `file:line` warning pushed on
/// `warnings`, never silently.
pub(crate) fn read_text_noting(path: &std::path::Path, warnings: &mut Vec<String>) -> Result<String, PetrarchError> {
    let bytes = std::fs::read(path).map_err(|e| PetrarchError::Io { path: path.display().to_string(), message: e.to_string() })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes.get(..at).map_or(1, |b| b.iter().filter(|c| **c == b'\n').count() + 1);
            let bad = bytes.iter().filter(|b| **b >= 0x80).count();
            warnings.push(format!(
                "{}:{line}: invalid UTF-8 at byte {at}: file decoded lossily (up to {bad} non-ASCII bytes replaced by U+FFFD)",
                path.display()
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    })
}

/// [`read_text_noting`] where there is nowhere to put a warning (configs, records): invalid
/// UTF-8 there is an error naming the line.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, PetrarchError> {
    let mut warnings = Vec::new();
    let text = read_text_noting(path, &mut warnings)?;
    match warnings.into_iter().next() {
        None => Ok(text),
        Some(w) => Err(PetrarchError::Io { path: path.display().to_string(), message: w }),
    }
}
