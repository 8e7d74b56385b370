//! `portolan serve`: build, serve on 127.0.0.1, watch the atlas, rebuild on change and reload
//! open pages. Builds go to memory first (pages whose HTML did not change keep their minified
//! bytes), so a change is in the browser as soon as it is rendered; the same files are then
//! written to the output folder through the normal staged writer, byte-identical to `build`.
//! While the atlas has errors, the last good site stays served with an overlay listing them.

mod http;
mod memory;
mod watch;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::config::{Config, Overrides};
use crate::diag::{self, Diagnostic, Files as SourceFiles};
use crate::output::Stage;
use crate::pipeline::{self, Failure, Timer};
use memory::{Files, MemorySink, MinifyCache};

/// Settings of the development server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Port to listen on (a free one is used if it is taken).
    pub port: u16,
    /// Include draft records.
    pub drafts: bool,
}

/// What open pages are told.
#[derive(Debug, Clone)]
pub(crate) enum Status {
    /// The site is good (sent to pages as they connect).
    Ok,
    /// A new good build is out: reload.
    Reload,
    /// The atlas has errors (JSON list of located diagnostics).
    Errors(Arc<str>),
}

/// One state of the served site.
#[derive(Debug)]
pub(crate) struct Snapshot {
    files: Arc<Files>,
    status: Status,
}

/// State shared by the HTTP server and the rebuild loop.
#[derive(Debug)]
pub(crate) struct Shared {
    base_path: String,
    current: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<Status>,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    fn publish(&self, files: Option<Arc<Files>>, status: Status) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let files = files.unwrap_or_else(|| current.files.clone());
        // Pages that connect later only need to know whether the site is good.
        let lasting = if matches!(status, Status::Reload) {
            Status::Ok
        } else {
            status.clone()
        };
        *current = Arc::new(Snapshot {
            files,
            status: lasting,
        });
        drop(current);
        // No open page is not an error.
        let _ = self.events.send(status);
    }
}

/// Why serving could not start or stopped.
#[derive(Debug)]
pub enum ServeError {
    /// The configuration or the environment is wrong (exit code 2).
    Environment(String),
    /// `book.toml` has errors (exit code 1).
    Content(Vec<Diagnostic>, SourceFiles),
}

/// Builds the atlas into memory, reusing the previous build's minified pages.
struct Builder {
    root: PathBuf,
    overrides: Overrides,
    cache: MinifyCache,
}

impl Builder {
    fn build(&mut self) -> Result<(Arc<Files>, Config), Failure> {
        let mut timer = Timer::new();
        let config = pipeline::read_config(&self.root, &self.overrides)?;
        let sink = MemorySink::new(config.minify, &self.cache);
        let rendered = pipeline::render_into(config.clone(), &sink, &mut timer)?;
        if !rendered.warnings.is_empty() {
            eprint!(
                "{}",
                diag::render_human(&rendered.warnings, &rendered.sources, false)
            );
        }
        let (files, cache) = sink.finish();
        self.cache = cache;
        Ok((Arc::new(files), config))
    }
}

/// Runs the server until Ctrl-C.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<(), ServeError> {
    let overrides = Overrides {
        drafts: options.drafts,
        ..Overrides::default()
    };
    let config = pipeline::read_config(root, &overrides).map_err(|f| match f {
        Failure::Content { diagnostics, files } => ServeError::Content(diagnostics, files),
        Failure::Environment(message) => ServeError::Environment(message),
    })?;
    crate::output::check_target(&config.root, &config.output_dir)
        .map_err(|e| ServeError::Environment(e.to_string()))?;
    let mut builder = Builder {
        root: root.to_path_buf(),
        overrides,
        cache: MinifyCache::default(),
    };
    let (writer, written) = mpsc::channel::<(Arc<Files>, Config)>();
    let (events, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        base_path: config.base_path.clone(),
        current: RwLock::new(Arc::new(Snapshot {
            files: Arc::default(),
            status: Status::Ok,
        })),
        events,
    });
    rebuild(&mut builder, &shared, &writer, false);
    std::thread::spawn(move || write_to_disk(written));
    let watched = watch::paths(&config);
    let rebuild_shared = shared.clone();
    let (_watcher, changes) = watch::start(&watched).map_err(ServeError::Environment)?;
    std::thread::spawn(move || {
        for _ in changes {
            rebuild(&mut builder, &rebuild_shared, &writer, true);
        }
    });
    run_http(shared, options.port, &config.title)
}

/// Rebuilds and tells open pages; on success queues the files for the output folder.
fn rebuild(
    builder: &mut Builder,
    shared: &Shared,
    writer: &mpsc::Sender<(Arc<Files>, Config)>,
    reload: bool,
) {
    let started = Instant::now();
    match builder.build() {
        Ok((files, config)) => {
            shared.publish(
                Some(files.clone()),
                if reload { Status::Reload } else { Status::Ok },
            );
            eprintln!(
                "Built {} files in {} ms",
                files.len(),
                started.elapsed().as_millis()
            );
            let _ = writer.send((files, config));
        }
        Err(Failure::Content { diagnostics, files }) => {
            eprint!("{}", diag::render_human(&diagnostics, &files, false));
            let located: Vec<_> = diagnostics.iter().map(|d| d.locate(&files)).collect();
            let json = serde_json::to_string(&located).unwrap_or_else(|_| "[]".into());
            shared.publish(None, Status::Errors(Arc::from(json)));
            let n = diagnostics.len();
            eprintln!(
                "{n} problem{}; still serving the last good build",
                if n == 1 { "" } else { "s" }
            );
        }
        Err(Failure::Environment(message)) => {
            let json = serde_json::json!([{ "severity": "error", "code": "environment", "message": message }]);
            shared.publish(None, Status::Errors(Arc::from(json.to_string())));
            eprintln!("error: {message}");
        }
    }
}

/// Writes each good build to the output folder, skipping builds already superseded.
fn write_to_disk(builds: mpsc::Receiver<(Arc<Files>, Config)>) {
    while let Ok(mut latest) = builds.recv() {
        while let Ok(newer) = builds.try_recv() {
            latest = newer;
        }
        let (files, config) = latest;
        let result = Stage::begin(&config.root, &config.output_dir, false)
            .map_err(|e| e.to_string())
            .and_then(|stage| {
                let mut paths: Vec<&String> = files.keys().collect();
                paths.sort();
                for path in paths {
                    let file = &files[path];
                    stage
                        .put(path, &file.bytes, file.source)
                        .map_err(|e| e.to_string())?;
                }
                stage.commit().map_err(|e| e.to_string())
            });
        if let Err(e) = result {
            eprintln!("error: cannot write the site to disk: {e}");
        }
    }
}

/// Listens on 127.0.0.1 only, with room for a burst of connections (a browser opening many
/// pages, a link checker) before they are accepted.
fn listen(port: u16) -> std::io::Result<tokio::net::TcpListener> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    socket.listen(4096)
}

fn run_http(shared: Arc<Shared>, port: u16, title: &str) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| ServeError::Environment(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = match listen(port) {
            Ok(listener) => listener,
            Err(_) => {
                let listener = listen(0).map_err(|e| {
                    ServeError::Environment(format!("cannot listen on 127.0.0.1: {e}"))
                })?;
                eprintln!("Port {port} is taken; using a free one.");
                listener
            }
        };
        let address = listener
            .local_addr()
            .map_err(|e| ServeError::Environment(e.to_string()))?;
        eprintln!(
            "Serving {title} at http://{address}{} (Ctrl-C to stop)",
            shared.base_path
        );
        let app = http::router(shared);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| ServeError::Environment(format!("server stopped: {e}")))
    })
}
