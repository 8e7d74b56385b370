//! `book.toml`: the atlas's configuration, read strictly (unknown keys are errors).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Files};
use crate::tomlfile;

/// The configuration file's name, at the atlas root.
pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    authors: Vec<String>,
    base_url: toml::Spanned<String>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_output")]
    output_dir: String,
    #[serde(default)]
    build: RawBuild,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    quality: RawQuality,
    #[serde(default)]
    home: RawHome,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuality {
    #[serde(default = "default_review_after_days")]
    review_after_days: u32,
}

impl Default for RawQuality {
    fn default() -> Self {
        Self {
            review_after_days: default_review_after_days(),
        }
    }
}

fn default_review_after_days() -> u32 {
    365
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> String {
    "harbor".into()
}

fn default_output() -> String {
    "public".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBuild {
    #[serde(default = "yes")]
    minify: bool,
    #[serde(default)]
    drafts: bool,
    #[serde(default)]
    allowed_hosts: Vec<String>,
    #[serde(default = "default_page_size")]
    page_size: std::num::NonZeroUsize,
}

impl Default for RawBuild {
    fn default() -> Self {
        Self {
            minify: true,
            drafts: false,
            allowed_hosts: Vec::new(),
            page_size: default_page_size(),
        }
    }
}

/// Items on a page of a long list (a kind's index, the timeline, linked records): long
/// enough that an atlas the size of CAIH's has no second pages, short enough that no page
/// grows with the atlas.
fn default_page_size() -> std::num::NonZeroUsize {
    std::num::NonZeroUsize::new(500).unwrap_or(std::num::NonZeroUsize::MIN)
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    raw_html: crate::markdown::RawHtml,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHome {
    figures: Option<Vec<String>>,
}

/// The resolved configuration of one atlas.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// The atlas's root folder (holds `book.toml`).
    #[serde(skip)]
    pub root: PathBuf,
    /// Site title.
    pub title: String,
    /// One-paragraph description, used on the home page and in metadata.
    pub description: String,
    /// Who edits the atlas, for citations (the title when empty).
    pub authors: Vec<String>,
    /// Absolute URL the site is published at, always ending in `/`.
    pub base_url: String,
    /// Path part of `base_url`, always starting and ending in `/`.
    pub base_path: String,
    /// Language tag of the content (`en`).
    pub language: String,
    /// Theme name: a folder under `themes/`, or the built-in `harbor`.
    pub theme: String,
    /// Output folder, relative to the root unless absolute.
    #[serde(skip)]
    pub output_dir: PathBuf,
    /// Minify HTML output.
    pub minify: bool,
    /// Include records marked `draft = true`.
    pub drafts: bool,
    /// What to do with raw HTML in Markdown.
    pub raw_html: crate::markdown::RawHtml,
    /// Other origins pages may load resources from (`https://cdn.example.org`); none by default.
    pub allowed_hosts: Vec<String>,
    /// Items on a page of a long list; longer lists go on to `page/2/` and so on.
    pub page_size: usize,
    /// A review older than this many days (before the atlas's latest update) is stale.
    pub review_after_days: u32,
    /// The figures the home page shows, in order: a section (`platforms`, for the chart
    /// of its records) or a record id (`indicators/first-batch-progress`). `None`: the
    /// default choice (see `render::figures::home`).
    pub home_figures: Option<Vec<String>>,
}

/// Settings given on the command line, which win over `book.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Publish URL.
    pub base_url: Option<String>,
    /// Output folder.
    pub output_dir: Option<PathBuf>,
    /// Build drafts.
    pub drafts: bool,
}

/// Why the configuration could not be read.
#[derive(Debug)]
pub enum ConfigError {
    /// There is no `book.toml` (a usage error: wrong folder).
    Missing(PathBuf),
    /// `book.toml` exists but cannot be read.
    Unreadable(PathBuf, std::io::Error),
    /// `book.toml` has mistakes.
    Invalid(Vec<Diagnostic>, Files),
}

impl Config {
    /// Reads `book.toml` from `root` and applies the command-line overrides.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ConfigError::Missing(path));
            }
            Err(e) => return Err(ConfigError::Unreadable(path, e)),
        };
        let text = crate::load::normalize_text(text);
        let mut files = Files::default();
        let rel = Path::new(CONFIG_FILE);
        files.insert(rel, Arc::from(text.as_str()));
        let invalid = |d: Diagnostic| ConfigError::Invalid(vec![d.in_file(rel)], files.clone());
        let raw: RawConfig = tomlfile::parse(&text)
            .map_err(|e| invalid(tomlfile::diagnostic(&e, 0, "book.toml")))?;
        let base_url_text = overrides
            .base_url
            .clone()
            .unwrap_or_else(|| raw.base_url.get_ref().clone());
        let (base_url, base_path) = match parse_base_url(&base_url_text) {
            Ok(parts) => parts,
            Err(message) => {
                let d = Diagnostic::error("invalid-value", message)
                    .with_help("write the full address the site is published at, e.g. \"https://example.org/atlas/\"");
                let d = if overrides.base_url.is_some() {
                    d
                } else {
                    d.at(raw.base_url.span())
                };
                return Err(invalid(d));
            }
        };
        let output_dir = overrides
            .output_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(&raw.output_dir));
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            description: raw.description,
            authors: raw.authors,
            base_url,
            base_path,
            language: raw.language,
            theme: raw.theme,
            output_dir: if output_dir.is_absolute() {
                output_dir
            } else {
                root.join(output_dir)
            },
            minify: raw.build.minify,
            drafts: raw.build.drafts || overrides.drafts,
            raw_html: raw.markdown.raw_html,
            allowed_hosts: raw.build.allowed_hosts,
            page_size: raw.build.page_size.get(),
            review_after_days: raw.quality.review_after_days,
            home_figures: raw.home.figures,
        })
    }

    /// The folder holding the records.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// Splits `https://host/sub/` into the normalized URL and its path (`/sub/`).
fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` must start with https:// or http://"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
        return Err(format!("base_url `{url}` has no host name"));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "base_url `{url}` must not have a query or fragment"
        ));
    }
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let path = if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    let url = if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    };
    Ok((url, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_always_ends_with_slash_and_gives_its_path() {
        assert_eq!(
            parse_base_url("https://example.org/atlas").unwrap(),
            ("https://example.org/atlas/".into(), "/atlas/".into())
        );
        assert_eq!(parse_base_url("http://localhost:1111").unwrap().1, "/");
        assert!(parse_base_url("example.org").is_err());
        assert!(parse_base_url("https:///x").is_err());
    }
}
