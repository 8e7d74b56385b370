//! Where a build's time goes: each step of the pipeline on a generated atlas, timed alone.
//!
//! ```sh
//! cargo bench --bench pipeline                                 # 1,000 records
//! PORTOLAN_BENCH_RECORDS=10000 cargo bench --bench pipeline    # 10,000 records
//! ```
//!
//! - `load`: read and parse every file of `content/`.
//! - `model`: resolve references, check links and citations, index back-references.
//! - `render`: every page and data file, kept in memory (templates, Markdown, search, data).
//! - `write`: the rendered site into a fresh output folder, minified (HTML and CSS).
//! - `minify/portolan` and `minify/minify-html`: every rendered page through Portolan's page
//!   minifier and, as the baseline in the same run, through minify-html with the options
//!   Portolan used before (no closing tags or `<html>`/`<head>` dropped).

#[path = "corpus.rs"]
mod corpus;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use portolan::config::{Config, Overrides};
use portolan::output::Stage;
use portolan::render::{self, Sink, theme};
use portolan::{load, model};

/// Everything a build hands to its sink, kept to replay into the output stage.
#[derive(Default)]
struct Memory(Mutex<Vec<(String, Output)>>);

enum Output {
    Page(String),
    File(Vec<u8>),
}

impl Sink for Memory {
    fn page(&self, path: &str, html: String) -> io::Result<()> {
        self.0
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .push((path.to_string(), Output::Page(html)));
        Ok(())
    }

    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.0
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .push((path.to_string(), Output::File(bytes.to_vec())));
        Ok(())
    }
}

/// Keeps nothing: rendering alone.
struct Discard;

impl Sink for Discard {
    fn page(&self, _: &str, _: String) -> io::Result<()> {
        Ok(())
    }

    fn file(&self, _: &str, _: &[u8]) -> io::Result<()> {
        Ok(())
    }
}

fn corpus_dir() -> PathBuf {
    let records: usize = std::env::var("PORTOLAN_BENCH_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let dir = std::env::temp_dir().join(format!("portolan-bench-{records}"));
    if !dir.join("portolan/book.toml").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = corpus::write_portolan(&dir.join("portolan"), records) {
            panic!("cannot write the corpus into {}: {e}", dir.display());
        }
    }
    dir.join("portolan")
}

fn config(root: &Path) -> Config {
    match Config::load(root, &Overrides::default()) {
        Ok(config) => config,
        Err(e) => panic!("the generated book.toml does not load: {e:?}"),
    }
}

fn pipeline(c: &mut Criterion) {
    let root = corpus_dir();
    let config = config(&root);
    let (site, diagnostics) = model::build(config.clone(), load::load(&root));
    let Some(site) = site else {
        panic!("the generated atlas has errors: {diagnostics:?}");
    };
    let theme = match theme::load(&config) {
        Ok(theme) => theme,
        Err((d, _)) => panic!("the theme does not load: {d:?}"),
    };
    let rendered = Memory::default();
    if let Err(e) = render::render(&site, &theme, &rendered) {
        panic!("the generated atlas does not render: {e:?}");
    }
    let rendered = rendered.0.into_inner().unwrap_or_else(|e| e.into_inner());

    let mut group = c.benchmark_group("pipeline");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("load", |b| b.iter(|| load::load(&root)));
    group.bench_function("model", |b| {
        b.iter_batched(
            || load::load(&root),
            |loaded| model::build(config.clone(), loaded),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("render", |b| {
        b.iter(|| render::render(&site, &theme, &Discard))
    });
    let out = root.join("bench-public");
    group.bench_function("write", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&out);
                let _ = std::fs::remove_dir_all(root.join(".bench-public.portolan-staging"));
                match Stage::begin(&root, &out, true) {
                    Ok(stage) => stage,
                    Err(e) => panic!("cannot stage {}: {e}", out.display()),
                }
            },
            |stage| {
                use rayon::prelude::*;
                let written: io::Result<()> =
                    rendered
                        .par_iter()
                        .try_for_each(|(path, output)| match output {
                            Output::Page(html) => stage.page(path, html.clone()),
                            Output::File(bytes) => stage.file(path, bytes),
                        });
                if let Err(e) = written
                    .map_err(|e| e.to_string())
                    .and_then(|()| stage.commit().map(drop).map_err(|e| e.to_string()))
                {
                    panic!("cannot write the site: {e}");
                }
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let pages: Vec<&[u8]> = rendered
        .iter()
        .filter_map(|(_, output)| match output {
            Output::Page(html) => Some(html.as_bytes()),
            Output::File(_) => None,
        })
        .collect();
    let bytes: u64 = pages.iter().map(|page| page.len() as u64).sum();
    let mut group = c.benchmark_group("minify");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(criterion::Throughput::Bytes(bytes));
    group.bench_function("portolan", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|page| portolan::minify::minify(page).len())
                .sum::<usize>()
        })
    });
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    group.bench_function("minify-html", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|page| minify_html::minify(page, &cfg).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
