//! The pipeline on one screen: config -> load -> model -> render -> output, each step timed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Config, ConfigError, Overrides};
use crate::diag::{Diagnostic, Files, Severity};
use crate::model::Site;
use crate::output::{OutputError, Stage};
use crate::render::{self, RenderError, theme};
use crate::{load, model};

/// How a build or check ended badly.
#[derive(Debug)]
pub enum Failure {
    /// The input has errors (exit code 1); nothing was written.
    Content {
        /// Every problem found, errors and warnings.
        diagnostics: Vec<Diagnostic>,
        /// The texts they point into.
        files: Files,
    },
    /// Wrong folder, refused output, unreadable or unwritable files (exit code 2).
    Environment(String),
}

/// A successful build.
#[derive(Debug)]
pub struct Built {
    /// Records published.
    pub records: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Other files written (data, static files).
    pub files: usize,
    /// Where the site is.
    pub output: PathBuf,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Texts the warnings point into.
    pub sources: Files,
    /// Time of each step.
    pub phases: Vec<(&'static str, Duration)>,
    /// Time of the whole build.
    pub elapsed: Duration,
}

/// A successful check.
#[derive(Debug)]
pub struct Checked {
    /// Records that would be published.
    pub records: usize,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// Texts the warnings point into.
    pub sources: Files,
}

struct Timer {
    start: Instant,
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        let now = Instant::now();
        Self {
            start: now,
            last: now,
            phases: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }
}

fn read_config(root: &Path, overrides: &Overrides) -> Result<Config, Failure> {
    Config::load(root, overrides).map_err(|e| match e {
        ConfigError::Missing(path) => Failure::Environment(format!(
            "no {} at {}: run Portolan in an atlas folder, or pass --root DIR",
            crate::config::CONFIG_FILE,
            path.display()
        )),
        ConfigError::Unreadable(path, e) => {
            Failure::Environment(format!("cannot read {}: {e}", path.display()))
        }
        ConfigError::Invalid(diagnostics, files) => Failure::Content { diagnostics, files },
    })
}

/// Steps 1-3: the checked site, or every content error.
fn model(config: Config, timer: &mut Timer) -> Result<(Site, Vec<Diagnostic>, Files), Failure> {
    let root = config.root.clone();
    let loaded = load::load(&root);
    timer.lap("load");
    let files = loaded.files.clone();
    let (site, mut diagnostics) = model::build(config, loaded);
    timer.lap("model");
    crate::diag::sort(&mut diagnostics);
    match site {
        Some(site) => Ok((site, diagnostics, files)),
        None => Err(Failure::Content { diagnostics, files }),
    }
}

/// Validates the atlas at `root` and writes nothing.
pub fn check(root: &Path, overrides: &Overrides) -> Result<Checked, Failure> {
    let mut timer = Timer::new();
    let config = read_config(root, overrides)?;
    let (site, warnings, mut files) = model(config.clone(), &mut timer)?;
    let theme = theme::load(&config)
        .map_err(|(diagnostics, files)| Failure::Content { diagnostics, files })?;
    // Render every page into nothing, so template errors are caught too.
    render::render(&site, &theme, &Discard).map_err(|e| render_failure(e, &theme))?;
    files.extend(theme.files);
    Ok(Checked {
        records: site.records.len(),
        warnings,
        sources: files,
    })
}

/// Builds the atlas at `root` into its output folder.
pub fn build(root: &Path, overrides: &Overrides) -> Result<Built, Failure> {
    let mut timer = Timer::new();
    let config = read_config(root, overrides)?;
    crate::output::check_target(&config.root, &config.output_dir).map_err(output_failure)?;
    timer.lap("config");
    let (site, warnings, files) = model(config.clone(), &mut timer)?;
    let theme = theme::load(&config)
        .map_err(|(diagnostics, files)| Failure::Content { diagnostics, files })?;
    timer.lap("theme");
    let stage =
        Stage::begin(&config.root, &config.output_dir, config.minify).map_err(output_failure)?;
    let summary = render::render(&site, &theme, &stage).map_err(|e| render_failure(e, &theme))?;
    timer.lap("render");
    let statics = stage
        .copy_statics(&theme.statics)
        .map_err(|e| Failure::Environment(e.to_string()))?;
    let output = stage.commit().map_err(output_failure)?;
    timer.lap("output");
    Ok(Built {
        records: site.records.len(),
        pages: summary.pages,
        files: summary.files + statics,
        output,
        warnings,
        sources: files,
        elapsed: timer.start.elapsed(),
        phases: timer.phases,
    })
}

fn output_failure(e: OutputError) -> Failure {
    Failure::Environment(e.to_string())
}

fn render_failure(e: RenderError, theme: &theme::Theme) -> Failure {
    match e {
        RenderError::Template(diagnostics) => Failure::Content {
            diagnostics,
            files: theme.files.clone(),
        },
        RenderError::Io(e) => Failure::Environment(format!("cannot write the site: {e}")),
    }
}

/// A sink that keeps nothing, for `check`.
struct Discard;

impl render::Sink for Discard {
    fn page(&self, _: &str, _: String) -> std::io::Result<()> {
        Ok(())
    }

    fn file(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
