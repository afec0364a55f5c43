//! The browser layer's one error type.

use crate::formats::DecodeError;
use crate::model::ErrorKind;

/// Why a widget shows its error state; becomes the `detail` of `news-embed:error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub kind: ErrorKind,
    /// The HTTP status for [`ErrorKind::Http`], else 0.
    pub status: u16,
    /// For developers (the event and the console): what exactly went wrong.
    pub message: String,
}

impl LoadError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> LoadError {
        LoadError {
            kind,
            status: 0,
            message: message.into(),
        }
    }
}

impl From<DecodeError> for LoadError {
    fn from(error: DecodeError) -> LoadError {
        LoadError::new(ErrorKind::Schema, error.message)
    }
}
