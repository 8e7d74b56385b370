//! The one user-facing problem type: where (file, byte span), what, and how to fix it.
//!
//! Positions are kept as byte offsets into the text that was read and turned into
//! line:column only when reported, against the [`Files`] that hold those texts.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; stops the build only with `--deny-warnings`.
    Warning,
}

/// A problem with the input, located in a file when possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable, short identifier of the kind of problem: `unknown-reference`.
    pub code: &'static str,
    /// The file, relative to the atlas root when inside it.
    pub file: Option<PathBuf>,
    /// The byte range in that file's text.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we can tell.
    pub help: Option<String>,
    /// Further context ("first defined here", the list of valid fields).
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A new error with no location yet.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            file: None,
            span: None,
            message: message.into(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// A new warning with no location yet.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// Changes the problem's code.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = code;
        self
    }

    /// Places the problem in a file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Places the problem at a byte range of its file.
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// Says how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Suggests a fix when there is one.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Adds context.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
}

/// The texts that diagnostics point into, by path.
#[derive(Debug, Default, Clone)]
pub struct Files {
    texts: BTreeMap<PathBuf, Arc<str>>,
}

impl Files {
    /// Remembers the text read from `path` (as it was parsed: BOM removed, CRLF normalized).
    pub fn insert(&mut self, path: &Path, text: Arc<str>) {
        self.texts.insert(path.to_path_buf(), text);
    }

    /// Adds all texts of `other`.
    pub fn extend(&mut self, other: Files) {
        self.texts.extend(other.texts);
    }

    /// The text of `path`, if it was read.
    pub fn get(&self, path: &Path) -> Option<&Arc<str>> {
        self.texts.get(path)
    }

    /// 1-based line and column (in characters) of a byte offset in `path`.
    pub fn line_col(&self, path: &Path, offset: usize) -> Option<(usize, usize)> {
        let text = self.texts.get(path)?;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..offset].chars().count() + 1;
        Some((line, column))
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A diagnostic with its position resolved, for machines (`--format json`).
#[derive(Debug, Serialize)]
pub struct Located<'a> {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable problem identifier.
    pub code: &'static str,
    /// File, relative to the atlas root.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: &'a str,
    /// How to fix it.
    pub suggestion: Option<&'a str>,
    /// More context.
    pub notes: &'a [String],
}

impl Diagnostic {
    /// Resolves this diagnostic's position against `files`.
    pub fn locate<'a>(&'a self, files: &Files) -> Located<'a> {
        let position = match (&self.file, &self.span) {
            (Some(file), Some(span)) => files.line_col(file, span.start),
            _ => None,
        };
        Located {
            severity: self.severity,
            code: self.code,
            file: self.file.as_ref().map(|f| display_path(f)),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            message: &self.message,
            suggestion: self.help.as_deref(),
            notes: &self.notes,
        }
    }

    /// `file:line:col: severity[code]: message`, one line, for logs and tests.
    pub fn short(&self, files: &Files) -> String {
        let located = self.locate(files);
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = String::new();
        if let Some(file) = &located.file {
            out.push_str(file);
            if let (Some(line), Some(col)) = (located.line, located.column) {
                out.push_str(&format!(":{line}:{col}"));
            }
            out.push_str(": ");
        }
        out.push_str(&format!("{severity}[{}]: {}", self.code, self.message));
        if let Some(help) = &self.help {
            out.push_str(&format!(" (help: {help})"));
        }
        out
    }
}

/// Paths in messages always use forward slashes, whatever the platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Sorts diagnostics by file and position so reports are stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (
            &a.file,
            a.span.as_ref().map(|s| s.start),
            a.severity,
            &a.message,
        )
            .cmp(&(
                &b.file,
                b.span.as_ref().map(|s| s.start),
                b.severity,
                &b.message,
            ))
    });
}

/// Renders diagnostics for people: the offending line with a caret, then help.
pub fn render_human(diagnostics: &[Diagnostic], files: &Files, color: bool) -> String {
    let mut store = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    let config = term::Config::default();
    let mut out = Vec::new();
    for d in diagnostics {
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_code(d.code)
        .with_message(&d.message);
        if let (Some(file), Some(span)) = (&d.file, &d.span) {
            if let Some(text) = files.get(file) {
                let id = *ids
                    .entry(file.clone())
                    .or_insert_with(|| store.add(display_path(file), text.clone()));
                let end = span.end.max(span.start).min(text.len());
                let start = span.start.min(end);
                cs = cs.with_labels(vec![Label::primary(id, start..end)]);
            }
        } else if let Some(file) = &d.file {
            cs = cs.with_notes(vec![format!("in {}", display_path(file))]);
        }
        let mut notes = cs.notes.clone();
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        notes.extend(d.notes.iter().cloned());
        cs = cs.with_notes(notes);
        let written = if color {
            let mut writer = term::termcolor::Ansi::new(&mut out);
            term::emit_to_write_style(&mut writer, &config, &store, &cs)
        } else {
            term::emit_to_io_write(&mut out, &config, &store, &cs)
        };
        if written.is_err() {
            out.extend_from_slice(d.short(files).as_bytes());
            out.push(b'\n');
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The closest candidate to `word`, if any is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, c)| {
            *score >= 0.8 || strsim::levenshtein(&word_lower, &c.to_lowercase()) <= word.len() / 3
        })
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short(&Files::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_word() {
        let ids = ["laos", "cambodia", "malaysia", "myanmar"];
        assert_eq!(closest("loas", ids), Some("laos"));
        assert_eq!(closest("cambodai", ids), Some("cambodia"));
        assert_eq!(closest("brazil", ids), None);
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let mut files = Files::default();
        let path = Path::new("content/x.md");
        files.insert(path, Arc::from("a = 1\ntitle_zh = \"信息港\" x\n"));
        let offset = "a = 1\ntitle_zh = \"信息港\" ".len();
        assert_eq!(files.line_col(path, offset), Some((2, 18)));
        assert_eq!(files.line_col(path, 0), Some((1, 1)));
    }

    #[test]
    fn renders_snippet_with_caret_and_help() {
        let mut files = Files::default();
        let path = Path::new("content/projects/x.md");
        files.insert(path, Arc::from("+++\ncountries = [\"loas\"]\n+++\n"));
        let d = Diagnostic::error("unknown-reference", "unknown country `loas`")
            .in_file(path)
            .at(17..23)
            .with_help("did you mean `laos`?");
        let text = render_human(std::slice::from_ref(&d), &files, false);
        assert!(text.contains("content/projects/x.md:2:14"), "{text}");
        assert!(text.contains("countries = [\"loas\"]"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `laos`?"), "{text}");
        assert_eq!(
            d.short(&files),
            "content/projects/x.md:2:14: error[unknown-reference]: unknown country `loas` (help: did you mean `laos`?)"
        );
    }
}
