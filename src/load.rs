//! Step 2 of the pipeline: find every record file under `content/`, read it, split the
//! front matter from the body and parse it into its kind's typed fields. One file at a time,
//! in parallel; nothing here looks at other records.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Files, closest, display_path};
use crate::kinds::{Data, Kind, Meta, is_valid_slug, slugify};
use crate::tomlfile;

/// The name of a folder's introduction page (the home page when directly in `content/`).
pub const INTRO_FILE: &str = "_index.md";

/// A record as read from its file, not yet checked against other records.
#[derive(Debug)]
pub struct RawRecord {
    /// Its kind, from its folder.
    pub kind: Kind,
    /// Its id within the kind, from its file name.
    pub slug: String,
    /// The file, relative to the atlas root.
    pub path: PathBuf,
    /// Fields every record has.
    pub meta: Meta,
    /// Fields of its kind.
    pub data: Data,
    /// Byte offset of the TOML text inside the file (after the opening `+++`).
    pub toml_offset: usize,
    /// The Markdown body and where it starts in the file.
    pub body: Option<Body>,
}

/// Markdown text and the byte offset in its file where it starts. The text is a slice of
/// the file's own text, shared with the diagnostics, never a copy of it.
#[derive(Debug, Clone)]
pub struct Body {
    source: Arc<str>,
    start: usize,
    /// Byte offset of the text in the file.
    pub offset: usize,
}

impl Body {
    /// The body `text`, found at byte `offset` of its file.
    pub fn new(text: &str, offset: usize) -> Self {
        Self {
            source: Arc::from(text),
            start: 0,
            offset,
        }
    }

    /// The rest of a file's `text` from byte `start` on.
    pub fn tail(text: &Arc<str>, start: usize) -> Self {
        Self {
            source: Arc::clone(text),
            start,
            offset: start,
        }
    }

    /// The Markdown.
    pub fn text(&self) -> &str {
        &self.source[self.start..]
    }
}

/// An introduction page: the home page, or the text above a section's index.
#[derive(Debug, Clone)]
pub struct Intro {
    /// The section it introduces; `None` for the home page.
    pub kind: Option<Kind>,
    /// The file, relative to the atlas root.
    pub path: PathBuf,
    /// A heading to use instead of the default.
    pub title: Option<String>,
    /// The Markdown.
    pub body: Body,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIntro {
    title: Option<String>,
}

/// Everything read from `content/`.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Records in path order.
    pub records: Vec<RawRecord>,
    /// The home and section introductions.
    pub intros: Vec<Intro>,
    /// Texts of every file read, for diagnostics.
    pub files: Files,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
    /// Records whose files exist but could not be read; references to them are not
    /// reported again.
    pub broken: BTreeSet<(Kind, String)>,
}

/// Removes a byte-order mark and turns CRLF line ends into LF, so offsets and snippets agree.
pub fn normalize_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// Reads every record under `root/content`.
pub fn load(root: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let content = root.join("content");
    let entries = discover(root, &content, &mut loaded.diagnostics);
    let results: Vec<FileResult> = entries
        .par_iter()
        .map(|entry| {
            let (text, parsed) = match read_text(&entry.abs) {
                Ok(text) => {
                    let text: Arc<str> = Arc::from(text);
                    let parsed = parse_entry(entry, &text);
                    (Some(text), parsed)
                }
                Err((d, lossy)) => (lossy.map(Arc::from), Err(d)),
            };
            (entry, text, parsed)
        })
        .collect();
    for (entry, text, parsed) in results {
        if let Some(text) = text {
            loaded.files.insert(&entry.rel, text);
        }
        match parsed {
            Ok(Parsed::Record(record)) => loaded.records.push(*record),
            Ok(Parsed::Intro(intro)) => loaded.intros.push(intro),
            Err(d) => {
                if let Some(kind) = entry.kind {
                    loaded.broken.insert((kind, entry.stem.clone()));
                }
                loaded.diagnostics.push(d.in_file(&entry.rel));
            }
        }
    }
    loaded
}

/// A file, its text if it could be read, and what it parsed into.
type FileResult<'a> = (&'a Entry, Option<Arc<str>>, Result<Parsed, Diagnostic>);

/// A file found under `content/` and what its place says it is.
#[derive(Debug)]
struct Entry {
    abs: PathBuf,
    rel: PathBuf,
    kind: Option<Kind>,
    stem: String,
    toml: bool,
}

enum Parsed {
    Record(Box<RawRecord>),
    Intro(Intro),
}

fn discover(root: &Path, content: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let mut entries = Vec::new();
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("no-content", format!("there is no content folder at {}", content.display()))
                .with_help("create it, with one folder per kind of record (content/projects/, content/countries/, ...)"),
        );
        return entries;
    }
    let sections: Vec<&str> = Kind::ALL.iter().map(|k| k.section()).collect();
    let walker = WalkDir::new(content)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    for item in walker.filter_entry(|e| !is_hidden(e.file_name())) {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                let path = e.path().map(|p| rel_to(root, p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(
                    "io",
                    format!("cannot read {}: {e}", display_path(&path)),
                ));
                continue;
            }
        };
        let rel = rel_to(root, item.path());
        let depth = item.depth();
        let name = item.file_name().to_string_lossy().into_owned();
        if item.file_type().is_dir() {
            if depth == 1 && Kind::from_section(&name).is_none() {
                diagnostics.push(unknown_folder(&rel, &name, &sections));
            } else if depth > 1 {
                diagnostics.push(
                    Diagnostic::error(
                        "unexpected-file",
                        format!(
                            "folders inside a section are not read: {}",
                            display_path(&rel)
                        ),
                    )
                    .in_file(&rel)
                    .with_help("move its records up into the section folder"),
                );
            }
            continue;
        }
        let section = (depth == 2)
            .then(|| rel.iter().nth(1).map(|s| s.to_string_lossy().into_owned()))
            .flatten();
        let kind = section.as_deref().and_then(Kind::from_section);
        if depth == 2 && kind.is_none() {
            continue; // reported once, on its folder
        }
        match classify(&name, depth) {
            Some((stem, toml)) => entries.push(Entry { abs: item.path().to_path_buf(), rel, kind, stem, toml }),
            None => diagnostics.push(
                Diagnostic::error("unexpected-file", format!("{} is not a record", display_path(&rel)))
                    .in_file(&rel)
                    .with_help(if depth == 1 {
                        "records go into a section folder such as content/projects/; only _index.md sits directly in content/"
                    } else {
                        "records are .md or .toml files; put images and downloads in assets/"
                    }),
            ),
        }
    }
    entries
}

/// `(stem, is_toml)` for a file that may be a record or intro; `None` for anything else.
fn classify(name: &str, depth: usize) -> Option<(String, bool)> {
    if name == INTRO_FILE {
        return Some(("_index".into(), false));
    }
    if depth != 2 {
        return None;
    }
    if let Some(stem) = name.strip_suffix(".md") {
        return Some((stem.to_string(), false));
    }
    name.strip_suffix(".toml")
        .map(|stem| (stem.to_string(), true))
}

fn unknown_folder(rel: &Path, name: &str, sections: &[&str]) -> Diagnostic {
    let help = match closest(name, sections.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("record folders are: {}", sections.join(", ")),
    };
    Diagnostic::error(
        "unknown-section",
        format!("`{name}` is not a kind of record"),
    )
    .in_file(rel)
    .with_help(help)
}

// Editor backups and system files are not content.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads a text file, refusing anything that is not UTF-8. On an encoding error the text is
/// returned with replacement characters too, so the report can show the offending line.
fn read_text(path: &Path) -> Result<String, (Diagnostic, Option<String>)> {
    let bytes = std::fs::read(path).map_err(|e| {
        let d = Diagnostic::error("io", format!("cannot read this file: {e}"))
            .with_help("check that it exists and that you may read it");
        (d, None)
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize_text(text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::error(
                "encoding",
                format!("this file is not UTF-8 text: byte {at} is not valid UTF-8"),
            )
            .at(at..at + 1)
            .with_help("save the file as UTF-8 in your editor");
            Err((d, Some(lossy)))
        }
    }
}

fn parse_entry(entry: &Entry, text: &Arc<str>) -> Result<Parsed, Diagnostic> {
    if text.trim().is_empty() {
        let help = match entry.kind {
            Some(kind) => format!(
                "write at least a title, or start from `portolan new {} {}`",
                kind.name(),
                entry.stem
            ),
            None => "write a +++ front matter block with a title, then the page's Markdown".into(),
        };
        return Err(Diagnostic::error("empty-file", "this file is empty")
            .at(0..0)
            .with_help(help));
    }
    if entry.stem == "_index" {
        return parse_intro(entry, text).map(Parsed::Intro);
    }
    let kind = entry.kind.ok_or_else(|| {
        Diagnostic::error("unexpected-file", "records go inside a section folder")
    })?;
    if !is_valid_slug(&entry.stem) {
        let suggestion = slugify(&entry.stem);
        return Err(Diagnostic::error("invalid-slug", format!("`{}` is not a valid record id", entry.stem))
            .at(0..0)
            .with_help(format!(
                "rename the file to `{suggestion}.{}`: ids are lowercase letters, digits and single hyphens",
                if entry.toml { "toml" } else { "md" }
            )));
    }
    let (toml_range, body) = if entry.toml {
        (0..text.len(), None)
    } else {
        let (front, body_start) = split_front_matter(text)?;
        (front, Some(Body::tail(text, body_start)))
    };
    let (meta, data) = kind
        .parse(&text[toml_range.clone()])
        .map_err(|e| tomlfile::diagnostic(&e, toml_range.start, &format!("a {}", kind.name())))?;
    let body = match (&meta.body, body) {
        (Some(b), Some(_)) => {
            return Err(Diagnostic::error(
                "unknown-field",
                "a .md record cannot have a `body` field",
            )
            .at(b.span.start + toml_range.start..b.span.end + toml_range.start)
            .with_help("write the Markdown after the closing +++ instead"));
        }
        (Some(b), None) => Some(Body::new(
            &b.value,
            string_content_start(text, b.span.clone()),
        )),
        (None, body) => body.filter(|b| !b.text().trim().is_empty()),
    };
    Ok(Parsed::Record(Box::new(RawRecord {
        kind,
        slug: entry.stem.clone(),
        path: entry.rel.clone(),
        meta,
        data,
        toml_offset: toml_range.start,
        body,
    })))
}

fn parse_intro(entry: &Entry, text: &Arc<str>) -> Result<Intro, Diagnostic> {
    let (front, body_start) = split_front_matter(text)?;
    let raw: RawIntro = tomlfile::parse(&text[front.clone()])
        .map_err(|e| tomlfile::diagnostic(&e, front.start, "an introduction page"))?;
    Ok(Intro {
        kind: entry.kind,
        path: entry.rel.clone(),
        title: raw.title,
        body: Body::tail(text, body_start),
    })
}

/// Finds the TOML between the opening and closing `+++` lines.
/// Returns the TOML's byte range and the offset where the body starts.
pub fn split_front_matter(text: &str) -> Result<(Range<usize>, usize), Diagnostic> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return Err(
            Diagnostic::error("front-matter", "a .md record must start with a line `+++`")
                .at(0..first_end)
                .with_help(
                    "put the record's fields between two lines `+++`, then its Markdown body",
                ),
        );
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut line_start = toml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "+++" {
            return Ok((toml_start..line_start, (line_end + 1).min(text.len())));
        }
        line_start = line_end + 1;
    }
    Err(Diagnostic::error(
        "front-matter",
        "the front matter opened here is never closed",
    )
    .at(0..first_end)
    .with_help("add a line `+++` after the last field, before the Markdown body"))
}

/// Where the characters of a TOML string value start, given the span of the whole value.
fn string_content_start(text: &str, span: Range<usize>) -> usize {
    let raw = &text[span.clone()];
    let quote = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let start = span.start + quote;
    if quote == 3 && text[start..].starts_with('\n') {
        start + 1
    } else {
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_keeps_offsets() {
        let text = "+++\ntitle = \"x\"\n+++\n\nBody\n";
        let (front, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[front], "title = \"x\"\n");
        assert_eq!(&text[body..], "\nBody\n");
    }

    #[test]
    fn accepts_closing_line_at_end_of_file() {
        let text = "+++\ntitle = \"x\"\n+++";
        let (front, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[front], "title = \"x\"\n");
        assert_eq!(body, text.len());
    }

    #[test]
    fn reports_missing_opener_and_closer() {
        assert_eq!(
            split_front_matter("title = 1\n").unwrap_err().code,
            "front-matter"
        );
        let d = split_front_matter("+++\ntitle = \"x\"\nBody").unwrap_err();
        assert!(d.message.contains("never closed"));
    }

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(
            normalize_text("\u{feff}+++\r\na = 1\r\n".into()),
            "+++\na = 1\n"
        );
    }

    #[test]
    fn finds_start_of_multiline_strings() {
        let text = "body = '''\nHello'''";
        assert_eq!(
            &text[string_content_start(text, 7..text.len())..],
            "Hello'''"
        );
        let text = "body = \"Hi\"";
        assert_eq!(&text[string_content_start(text, 7..text.len())..], "Hi\"");
    }
}
