//! Templates and static files, looked up in order: the atlas's own `templates/`, then the
//! theme's folder, then the `harbor` theme built into the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Tera;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diag::{Diagnostic, Files, display_path};

/// Embeds files of the harbor theme folder by name.
macro_rules! embed {
    ($macro:ident, $dir:literal, [$($name:literal),* $(,)?]) => {
        &[$(($name, $macro!(concat!("../../themes/harbor/", $dir, "/", $name)))),*]
    };
}

/// The default theme's templates, built in so an atlas needs no theme folder.
#[rustfmt::skip]
const BUILTIN_TEMPLATES: &[(&str, &str)] = embed!(
    include_str,
    "templates",
    [
        "404.html",
        "base.html",
        "components.html",
        "data.html",
        "index.html",
        "listing.html",
        "map.html",
        "quality.html",
        "record.html",
        "search.html",
        "section.html",
        "tables.html",
        "timeline.html",
    ]
);

/// The default theme's static files.
#[rustfmt::skip]
const BUILTIN_STATIC: &[(&str, &[u8])] = embed!(
    include_bytes,
    "static",
    [
        "favicon.svg",
        "harbor.css",
        "search.js",
        "tables.js",
        "timeline.js",
    ]
);

/// A static file to copy into the output.
#[derive(Debug, Clone)]
pub enum StaticSource {
    /// Built into the binary.
    Builtin(&'static [u8]),
    /// A file on disk.
    Disk(PathBuf),
}

/// Templates ready to render, and the static files that go with them.
#[derive(Debug)]
pub struct Theme {
    /// Compiled templates.
    pub tera: Tera,
    /// Static files by output path, theme first, the atlas's `assets/` over them.
    pub statics: BTreeMap<String, StaticSource>,
    /// Template texts, for diagnostics.
    pub files: Files,
    /// Template name to the path it was read from.
    pub origins: BTreeMap<String, PathBuf>,
}

impl Theme {
    /// Turns a Tera error into diagnostics pointing into the template files.
    pub fn diagnostics(&self, error: &tera::Error) -> Vec<Diagnostic> {
        template_diagnostics(error, &self.origins, &self.files)
    }
}

/// Loads the theme named in the configuration.
/// On failure, the diagnostics come with the template texts they point into.
pub fn load(config: &Config) -> Result<Theme, (Vec<Diagnostic>, Files)> {
    let mut sources: BTreeMap<String, (PathBuf, Arc<str>)> = BTreeMap::new();
    for (name, text) in BUILTIN_TEMPLATES {
        sources.insert(
            (*name).into(),
            (
                PathBuf::from(format!("(built-in)/harbor/templates/{name}")),
                Arc::from(*text),
            ),
        );
    }
    let mut statics: BTreeMap<String, StaticSource> = BUILTIN_STATIC
        .iter()
        .map(|(name, bytes)| ((*name).to_string(), StaticSource::Builtin(bytes)))
        .collect();
    let mut diagnostics = Vec::new();
    let theme_dir = config.root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        read_templates(
            &config.root,
            &theme_dir.join("templates"),
            &mut sources,
            &mut diagnostics,
        );
        collect_static(&theme_dir.join("static"), &mut statics);
    } else if config.theme != "harbor" {
        diagnostics.push(
            Diagnostic::error(
                "unknown-theme",
                format!("there is no theme `{}`", config.theme),
            )
            .in_file(crate::config::CONFIG_FILE)
            .with_help(format!(
                "create themes/{}/templates/, or use the built-in theme: theme = \"harbor\"",
                config.theme
            )),
        );
    }
    read_templates(
        &config.root,
        &config.root.join("templates"),
        &mut sources,
        &mut diagnostics,
    );
    collect_static(&config.root.join("assets"), &mut statics);

    let mut files = Files::default();
    let mut origins = BTreeMap::new();
    for (name, (path, text)) in &sources {
        files.insert(path, text.clone());
        origins.insert(name.clone(), path.clone());
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    if let Err(e) = tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_ref())),
    ) {
        diagnostics.extend(template_diagnostics(&e, &origins, &files));
    }
    for required in ["index.html", "section.html", "record.html"] {
        if !tera.contains_template(required) && diagnostics.is_empty() {
            diagnostics.push(Diagnostic::error(
                "missing-template",
                format!("the theme has no `{required}` template"),
            ));
        }
    }
    if diagnostics.is_empty() {
        Ok(Theme {
            tera,
            statics,
            files,
            origins,
        })
    } else {
        Err((diagnostics, files))
    }
}

fn read_templates(
    root: &Path,
    dir: &Path,
    sources: &mut BTreeMap<String, (PathBuf, Arc<str>)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let name = display_path(path.strip_prefix(dir).unwrap_or(path));
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => {
                sources.insert(name, (rel, Arc::from(crate::load::normalize_text(text))));
            }
            Ok(Err(_)) => diagnostics.push(
                Diagnostic::error("encoding", "this template is not UTF-8 text").in_file(rel),
            ),
            Err(e) => diagnostics.push(
                Diagnostic::error("io", format!("cannot read this template: {e}")).in_file(rel),
            ),
        }
    }
}

fn collect_static(dir: &Path, statics: &mut BTreeMap<String, StaticSource>) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let rel = display_path(entry.path().strip_prefix(dir).unwrap_or(entry.path()));
            statics.insert(rel, StaticSource::Disk(entry.path().to_path_buf()));
        }
    }
}

/// Diagnostics for a Tera error, pointing into the template files (`files` holds their
/// texts, to place the errors Tera reports only as text).
fn template_diagnostics(
    error: &tera::Error,
    origins: &BTreeMap<String, PathBuf>,
    files: &Files,
) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let d = Diagnostic::error("template", format!("template error: {}", report.message()));
            vec![match origins.get(report.filename()) {
                Some(path) => d.in_file(path).at(report.span().range.clone()),
                None => d.with_note(format!("in template `{}`", report.filename())),
            }]
        }
        ErrorKind::TemplateNotFound(name) => vec![
            Diagnostic::error("missing-template", format!("template `{name}` not found"))
                .with_help("add it to your templates/ folder or the theme's templates/ folder"),
        ],
        ErrorKind::MissingParent { current, parent } => {
            let d = Diagnostic::error(
                "missing-template",
                format!("`{current}` extends `{parent}`, which does not exist"),
            );
            vec![match origins.get(current) {
                Some(path) => d.in_file(path),
                None => d,
            }]
        }
        ErrorKind::Msg(text) => {
            let reports = reported_errors(text);
            if reports.is_empty() {
                return vec![Diagnostic::error(
                    "template",
                    format!("template error: {text}"),
                )];
            }
            reports
                .into_iter()
                .map(|(message, name, line, column)| {
                    let code = if message.starts_with("Unknown template") {
                        "missing-template"
                    } else {
                        "template"
                    };
                    let d = Diagnostic::error(code, format!("template error: {message}"));
                    match origins.get(&name) {
                        Some(path) => {
                            let offset = files
                                .get(path)
                                .map_or(0, |text| offset_of(text, line, column));
                            d.in_file(path).at(offset..offset + 1)
                        }
                        None => d.with_note(format!("in template `{name}`")),
                    }
                })
                .collect()
        }
        _ => vec![Diagnostic::error(
            "template",
            format!("template error: {error}"),
        )],
    }
}

/// Tera reports some errors (unknown includes, components) as text, one report each:
/// `error: MESSAGE` then ` --> NAME:LINE:COLUMN`.
fn reported_errors(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut found = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let (Some(m), Some(at)) = (&message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = at.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line = parts.next().and_then(|l| l.parse().ok());
            if let (Some(column), Some(line), Some(name)) = (column, line, parts.next()) {
                found.push((m.clone(), name.to_string(), line, column));
            }
            message = None;
        }
    }
    found
}

/// Byte offset of a 1-based line and column (in characters).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let in_line = text[line_start..]
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum::<usize>();
    line_start + in_line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &str) -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/harbor")
            .join(dir);
        let mut names: Vec<String> = WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| display_path(e.path().strip_prefix(&dir).unwrap()))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_stylesheet_closes_every_block() {
        for (name, bytes) in BUILTIN_STATIC.iter().filter(|(n, _)| n.ends_with(".css")) {
            let css = String::from_utf8_lossy(bytes);
            let mut depth = 0i32;
            for (line, text) in css.lines().enumerate() {
                depth += text.matches('{').count() as i32 - text.matches('}').count() as i32;
                assert!(depth >= 0, "{name}:{}: a `}}` closes nothing", line + 1);
                if text.starts_with("/*") {
                    assert_eq!(
                        depth,
                        0,
                        "{name}:{}: a section starts inside an open block",
                        line + 1
                    );
                }
            }
            assert_eq!(depth, 0, "{name}: a block is never closed");
        }
    }

    #[test]
    fn every_theme_file_is_built_in() {
        let templates: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|(n, _)| *n).collect();
        assert_eq!(files_in("templates"), templates);
        let statics: Vec<&str> = BUILTIN_STATIC.iter().map(|(n, _)| *n).collect();
        assert_eq!(files_in("static"), statics);
    }
}
