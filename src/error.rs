//! Errors: one [`Error`] type that carries where it happened (file, line,
//! column), what is wrong and how to fix it, and [`Errors`], the list a build
//! collects so that it can report every problem at once.
//!
//! This module formats nothing but errors and knows nothing of the site.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::i18n::catalogue::common as msg;
use crate::i18n::{Lang, Text};

/// Where an error happened: a file, and a line and column when known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, as the user knows it (relative to the site root when inside it).
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    /// A line and column in a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// What sort of failure an error is; decides the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Something in the site's files is wrong (exit status 1).
    Site,
    /// The command line was wrong (exit status 2).
    Usage,
}

/// One problem, with its place, its message and a hint on how to fix it,
/// and, for a failed file operation, the operating system's error as its
/// [`source`](std::error::Error::source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    location: Option<Location>,
    message: Text,
    hint: Option<Text>,
    cause: Option<IoCause>,
}

/// The `std::io::Error` behind an [`Error`], shared so that errors stay
/// `Clone`. Made from the error itself, which it keeps, or from a
/// reference to one, of which it keeps a copy with the same kind, OS error
/// code and text (an `io::Error` cannot be cloned).
#[derive(Debug, Clone)]
pub struct IoCause(Arc<std::io::Error>);

impl IoCause {
    /// The underlying error.
    pub fn get(&self) -> &std::io::Error {
        &self.0
    }
}

impl From<std::io::Error> for IoCause {
    fn from(err: std::io::Error) -> Self {
        IoCause(Arc::new(err))
    }
}

impl From<&std::io::Error> for IoCause {
    fn from(err: &std::io::Error) -> Self {
        let copy = match err.raw_os_error() {
            Some(code) => std::io::Error::from_raw_os_error(code),
            None => std::io::Error::new(err.kind(), err.to_string()),
        };
        IoCause(Arc::new(copy))
    }
}

impl PartialEq for IoCause {
    /// The same error: one shared error, or two of one kind, code and text.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.get(), other.get());
        Arc::ptr_eq(&self.0, &other.0)
            || (a.kind() == b.kind()
                && a.raw_os_error() == b.raw_os_error()
                && a.to_string() == b.to_string())
    }
}

impl Eq for IoCause {}

impl Error {
    /// A problem in the site's files.
    pub fn site(location: Option<Location>, message: impl Into<Text>) -> Self {
        Error {
            kind: ErrorKind::Site,
            location,
            message: message.into(),
            hint: None,
            cause: None,
        }
    }

    /// A problem at a place in a file.
    pub fn at(location: Location, message: impl Into<Text>) -> Self {
        Self::site(Some(location), message)
    }

    /// A problem with a whole file.
    pub fn in_file(path: impl Into<PathBuf>, message: impl Into<Text>) -> Self {
        Self::site(Some(Location::file(path)), message)
    }

    /// A problem with the command line.
    pub fn usage(message: impl Into<Text>) -> Self {
        Error {
            kind: ErrorKind::Usage,
            location: None,
            message: message.into(),
            hint: None,
            cause: None,
        }
    }

    /// A failed file-system operation on `path`; `err` (the error, or a
    /// reference to it) becomes the error's source.
    pub fn io(path: &Path, action: impl Into<Text>, err: impl Into<IoCause>) -> Self {
        use std::io::ErrorKind as Io;
        let cause = err.into();
        let err = cause.get();
        let hint = match err.kind() {
            Io::PermissionDenied | Io::ReadOnlyFilesystem => msg::io_hint_permission(),
            Io::NotFound => msg::io_hint_not_found(),
            Io::StorageFull | Io::QuotaExceeded => msg::io_hint_full(),
            Io::NotADirectory | Io::IsADirectory | Io::AlreadyExists => {
                msg::io_hint_file_or_folder()
            }
            _ => msg::io_hint_other(),
        };
        let mut error = Self::in_file(path, msg::io_failed(action.into(), err)).with_hint(hint);
        error.cause = Some(cause);
        error
    }

    /// Adds how to fix it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Where it happened, if anywhere in particular.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// What is wrong.
    pub fn message(&self) -> &Text {
        &self.message
    }

    /// How to fix it, if known.
    pub fn hint(&self) -> Option<&Text> {
        self.hint.as_ref()
    }

    /// The error as the reader sees it, in `lang`: place, message, and the
    /// hint on a line of its own.
    ///
    /// Control characters and bidi overrides in any part of it (a file
    /// name, a quoted value) are shown escaped: see [`escape_controls`].
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(location) = &self.location {
            out.push_str(&escape_controls(&format!("{location}: ")));
        }
        out.push_str(&escape_controls(self.message.get(lang)));
        if let Some(hint) = &self.hint {
            let (label, colon) = label(msg::hint_label(), lang);
            out.push_str(&format!(
                "\n  {label}{colon}{}",
                escape_controls(hint.get(lang))
            ));
        }
        out
    }

    /// The error as a warning line in `lang` (`warning: …`).
    pub fn render_warning(&self, lang: Lang) -> String {
        let (label, colon) = label(msg::warning_label(), lang);
        format!("{label}{colon}{}", self.render(lang))
    }
}

/// Whether a terminal would act on `c` instead of showing it: a C0 or C1
/// control (ESC among them), DEL, or a bidi embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069), which reorder the rest of the line.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character a terminal would act on written as its
/// escape, `\u{1b}` for ESC, so that what a user wrote cannot recolour,
/// clear or reorder the reader's terminal. Line breaks stay: messages
/// and hints are laid out on lines.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && acts_on_terminal(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && acts_on_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A label in `lang` and the colon that follows it there.
fn label(text: Text, lang: Lang) -> (String, &'static str) {
    let colon = match lang {
        Lang::En => ": ",
        Lang::Zh => "：",
    };
    (text.get(lang).to_string(), colon)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Error {
    /// The operating system's error, for a failed file operation.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_ref()
            .map(|cause| cause.get() as &(dyn std::error::Error + 'static))
    }
}

/// Every error a step found; never empty when returned as an `Err`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors(Vec<Error>);

impl Errors {
    /// No errors yet.
    pub fn new() -> Self {
        Errors(Vec::new())
    }

    /// Records one more error.
    pub fn push(&mut self, error: Error) {
        self.0.push(error);
    }

    /// Records all of `other`.
    pub fn extend(&mut self, other: Errors) {
        self.0.extend(other.0);
    }

    /// The value of a stage that goes as far as it can, recording its
    /// errors: `let docs = errors.keep(content::parse_all(…))`.
    pub fn keep<T>(&mut self, (value, errors): (T, Errors)) -> T {
        self.extend(errors);
        value
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many errors were recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The errors, in the order they were sorted or recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Error> {
        self.0.iter()
    }

    /// `Ok(value)` when nothing was recorded, else the errors sorted by place.
    pub fn into_result<T>(self, value: T) -> Result<T, Errors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }

    /// The errors sorted by place, then message, without duplicates.
    pub fn sorted(mut self) -> Errors {
        self.0
            .sort_by(|a, b| a.location.cmp(&b.location).then(a.message.cmp(&b.message)));
        self.0.dedup();
        self
    }

    /// Every error as the reader sees it in `lang`, one `error: …` each.
    pub fn render(&self, lang: Lang) -> String {
        let (label, colon) = label(msg::error_label(), lang);
        self.0
            .iter()
            .map(|e| format!("{label}{colon}{}", e.render(lang)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The exit status these errors call for: 2 for bad usage, else 1.
    pub fn exit_code(&self) -> i32 {
        if self.0.iter().any(|e| e.kind == ErrorKind::Usage) {
            2
        } else {
            1
        }
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

impl FromIterator<Error> for Errors {
    fn from_iter<I: IntoIterator<Item = Error>>(iter: I) -> Self {
        Errors(iter.into_iter().collect())
    }
}

impl IntoIterator for Errors {
    type Item = Error;
    type IntoIter = std::vec::IntoIter<Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Runs `work`; a panic inside it becomes an error about `path` instead of
/// ending the build, so one strange file cannot take the others down.
pub fn guard<T>(path: &Path, work: impl FnOnce() -> Result<T, Errors>) -> Result<T, Errors> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Err(Error::in_file(path, msg::internal_error(what))
                .with_hint(msg::internal_error_hint())
                .into())
        }
    }
}

/// The closest of `candidates` to `wanted`, if one is close enough to suggest.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(wanted, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A "did you mean" hint for `wanted` among `candidates`, or a list of them.
pub fn suggestion<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> Text {
    match closest(wanted, candidates.clone()) {
        Some(best) => msg::did_you_mean(best),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            if all.is_empty() {
                msg::none_to_choose()
            } else {
                msg::expected_one_of(all.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped() {
        assert_eq!(escape_controls("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(
            escape_controls("\u{7f}\u{9b}\u{202e}\u{2066}\t\r"),
            "\\u{7f}\\u{9b}\\u{202e}\\u{2066}\\u{9}\\u{d}"
        );
        assert_eq!(escape_controls("两行\n文字“引号”"), "两行\n文字“引号”");
    }

    #[test]
    fn every_part_of_an_error_and_a_warning_is_escaped() {
        let error = Error::at(
            Location::at("a\u{1b}.md", 1, 2),
            Text::verbatim("bad \u{1b}[2J"),
        )
        .with_hint(Text::verbatim("fix \u{202e}it"));
        for lang in [Lang::En, Lang::Zh] {
            for shown in [
                error.render(lang),
                error.render_warning(lang),
                Errors::from(error.clone()).render(lang),
            ] {
                assert!(!shown.contains(['\u{1b}', '\u{202e}']), "{shown}");
                assert!(shown.contains("a\\u{1b}.md:1:2: bad \\u{1b}[2J"), "{shown}");
                assert!(shown.contains("fix \\u{202e}it"), "{shown}");
            }
        }
    }

    #[test]
    #[allow(clippy::needless_borrows_for_generic_args)]
    fn a_failed_file_operation_keeps_the_io_error_as_its_source() {
        use std::error::Error as _;
        use std::io;
        let err = io::Error::new(io::ErrorKind::PermissionDenied, "no entry");
        let error = Error::io(Path::new("content/a.md"), Text::verbatim("read"), err);
        let source = error.source().expect("an io error has a source");
        let io_err = source
            .downcast_ref::<io::Error>()
            .expect("the source is the io::Error");
        assert_eq!(io_err.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(io_err.to_string(), "no entry");
        let copy = error.clone();
        assert_eq!(copy, error);
        assert!(copy.source().is_some());
        assert_eq!(
            error.render(Lang::En),
            Error::io(
                Path::new("content/a.md"),
                Text::verbatim("read"),
                &io::Error::new(io::ErrorKind::PermissionDenied, "no entry"),
            )
            .render(Lang::En)
        );
    }

    #[test]
    fn a_borrowed_io_error_is_kept_with_its_kind_and_os_code() {
        use std::error::Error as _;
        use std::io;
        let err = io::Error::from_raw_os_error(2);
        let error = Error::io(Path::new("site.yaml"), Text::verbatim("read"), &err);
        let kept = error
            .source()
            .and_then(|s| s.downcast_ref::<io::Error>())
            .expect("the source is an io::Error");
        assert_eq!(kept.kind(), err.kind());
        assert_eq!(kept.raw_os_error(), Some(2));
        assert_eq!(kept.to_string(), err.to_string());
        assert!(Error::usage(Text::verbatim("x")).source().is_none());
    }
}
