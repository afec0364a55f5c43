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

    pub fn http(status: u16, status_text: &str) -> LoadError {
        LoadError {
            kind: ErrorKind::Http,
            status,
            message: format!("HTTP {status} {status_text}").trim_end().to_owned(),
        }
    }
}

impl From<DecodeError> for LoadError {
    fn from(error: DecodeError) -> LoadError {
        LoadError::new(ErrorKind::Schema, error.message)
    }
}
