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
    /// Time of each view inside the render step (they run side by side).
    pub views: Vec<(&'static str, Duration)>,
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

/// Times the pipeline's steps.
#[derive(Debug)]
pub struct Timer {
    start: Instant,
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}

impl Timer {
    /// Starts timing.
    pub fn new() -> Self {
        let now = Instant::now();
        Self {
            start: now,
            last: now,
            phases: Vec::new(),
        }
    }

    /// Ends a step.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }
}

/// Step 1: the configuration, or why it cannot be read.
pub fn read_config(root: &Path, overrides: &Overrides) -> Result<Config, Failure> {
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

/// What steps 1-4 produced.
#[derive(Debug)]
pub struct Rendered {
    /// Records published.
    pub records: usize,
    /// Pages and files handed to the sink.
    pub summary: render::Summary,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Texts the warnings point into.
    pub sources: Files,
}

/// Steps 1-4 into any sink: what `build` writes to disk, `serve` keeps in memory and
/// `check` throws away.
pub fn render_into(
    config: Config,
    sink: &dyn render::Sink,
    timer: &mut Timer,
) -> Result<Rendered, Failure> {
    let (site, warnings, mut files) = model(config.clone(), timer)?;
    let theme = theme::load(&config)
        .map_err(|(diagnostics, files)| Failure::Content { diagnostics, files })?;
    timer.lap("theme");
    files.extend(theme.files.clone());
    let summary = render::render(&site, &theme, sink).map_err(|e| render_failure(e, &files))?;
    timer.lap("render");
    Ok(Rendered {
        records: site.records.len(),
        summary,
        warnings,
        sources: files,
    })
}

/// Validates the atlas at `root` and writes nothing: every page is rendered and dropped,
/// so template errors are caught too.
pub fn check(root: &Path, overrides: &Overrides) -> Result<Checked, Failure> {
    let mut timer = Timer::new();
    let config = read_config(root, overrides)?;
    let rendered = render_into(config, &Discard, &mut timer)?;
    Ok(Checked {
        records: rendered.records,
        warnings: rendered.warnings,
        sources: rendered.sources,
    })
}

/// Builds the atlas at `root` into its output folder.
pub fn build(root: &Path, overrides: &Overrides) -> Result<Built, Failure> {
    let mut timer = Timer::new();
    let config = read_config(root, overrides)?;
    crate::output::check_target(&config.root, &config.output_dir).map_err(output_failure)?;
    timer.lap("config");
    let stage =
        Stage::begin(&config.root, &config.output_dir, config.minify).map_err(output_failure)?;
    let rendered = render_into(config, &stage, &mut timer)?;
    let output = stage.commit().map_err(output_failure)?;
    timer.lap("output");
    Ok(Built {
        records: rendered.records,
        pages: rendered.summary.pages,
        files: rendered.summary.files,
        output,
        warnings: rendered.warnings,
        sources: rendered.sources,
        elapsed: timer.start.elapsed(),
        phases: timer.phases,
        views: rendered.summary.steps,
    })
}

fn output_failure(e: OutputError) -> Failure {
    Failure::Environment(e.to_string())
}

/// `files`: the texts of content and templates, which render errors point into.
fn render_failure(e: RenderError, files: &Files) -> Failure {
    match e {
        RenderError::Template(diagnostics) => Failure::Content {
            diagnostics,
            files: files.clone(),
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

    fn file_stream(&self, _: &str, fill: &mut render::Fill<'_>) -> std::io::Result<()> {
        fill(&mut std::io::sink())
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
