//! Step 5 of the pipeline, and the only writer: files go into a staging folder next to the
//! output folder, which is swapped into place only once the whole site is written. A build
//! that fails, or is killed, leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::render::Sink;

/// Marks a folder as written by Portolan, so it may be replaced.
pub const MARKER: &str = ".portolan";
const MARKER_TEXT: &str = "This folder is written by Portolan and replaced on every build.\n";

/// Why the output folder cannot be used.
#[derive(Debug)]
pub enum OutputError {
    /// The folder is one Portolan must never replace.
    Refused(String),
    /// The file system failed.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Refused(why) => f.write_str(why),
            Self::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

/// A site being written aside.
#[derive(Debug)]
pub struct Stage {
    staging: PathBuf,
    target: PathBuf,
    minify: bool,
    committed: bool,
    bytes: AtomicU64,
}

/// Refuses output folders that would destroy the atlas or files Portolan did not write.
pub fn check_target(root: &Path, target: &Path) -> Result<(), OutputError> {
    let root = fs::canonicalize(root).map_err(|e| OutputError::Io(root.to_path_buf(), e))?;
    let target = absolute(target)?;
    let shown = target.display();
    if target.parent().is_none() {
        return Err(OutputError::Refused(format!(
            "refusing to write the site to {shown}: it is the file system root"
        )));
    }
    if root.starts_with(&target) {
        return Err(OutputError::Refused(format!(
            "refusing to write the site to {shown}: it contains the atlas itself; use a folder such as public/"
        )));
    }
    for protected in ["content", "themes", "templates", "assets"] {
        if target.starts_with(root.join(protected)) {
            return Err(OutputError::Refused(format!(
                "refusing to write the site to {shown}: it is inside the atlas's {protected}/ folder"
            )));
        }
    }
    if target.is_file() {
        return Err(OutputError::Refused(format!(
            "refusing to write the site to {shown}: it is a file"
        )));
    }
    if target.is_dir() && !target.join(MARKER).is_file() {
        let empty = fs::read_dir(&target)
            .map_err(|e| OutputError::Io(target.clone(), e))?
            .next()
            .is_none();
        if !empty {
            return Err(OutputError::Refused(format!(
                "refusing to replace {shown}: it is not empty and was not written by Portolan (it has no {MARKER} file); \
                 choose another output folder, or empty this one yourself"
            )));
        }
    }
    Ok(())
}

/// The absolute, symlink-free form of a path that may not exist yet.
fn absolute(path: &Path) -> Result<PathBuf, OutputError> {
    if let Ok(p) = fs::canonicalize(path) {
        return Ok(p);
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| OutputError::Refused(format!("{} is not a folder name", path.display())))?;
    let parent = fs::canonicalize(parent).map_err(|e| OutputError::Io(parent.to_path_buf(), e))?;
    Ok(parent.join(name))
}

/// Removes a folder Portolan wrote, its marker last: a removal interrupted half-way still
/// leaves a folder that is recognisably Portolan's.
fn remove_owned(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

fn staging_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.portolan-staging"))
}

impl Stage {
    /// Starts writing a site that will replace `target`.
    pub fn begin(root: &Path, target: &Path, minify: bool) -> Result<Stage, OutputError> {
        check_target(root, target)?;
        let target = absolute(target)?;
        let staging = staging_path(&target);
        let io_err = |e| OutputError::Io(staging.clone(), e);
        if staging.exists() {
            // Left over from a build that was killed; only ever remove our own.
            if !staging.join(MARKER).is_file() {
                return Err(OutputError::Refused(format!(
                    "{} exists and was not made by Portolan; remove it to build",
                    staging.display()
                )));
            }
            remove_owned(&staging).map_err(io_err)?;
        }
        fs::create_dir_all(&staging).map_err(io_err)?;
        fs::write(staging.join(MARKER), MARKER_TEXT).map_err(io_err)?;
        Ok(Stage {
            staging,
            target,
            minify,
            committed: false,
            bytes: AtomicU64::new(0),
        })
    }

    /// Bytes written so far.
    pub fn bytes_written(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.staging.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Puts the finished site in place of the old one.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let io_err = |p: &Path| {
            let p = p.to_path_buf();
            move |e| OutputError::Io(p, e)
        };
        if self.target.exists() {
            match exchange(&self.staging, &self.target) {
                Ok(()) => {}
                Err(_) => {
                    // No atomic exchange on this system: move the old site aside first.
                    let old = self.target.with_file_name(format!(
                        ".{}.portolan-old",
                        self.target
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    ));
                    fs::rename(&self.target, &old).map_err(io_err(&self.target))?;
                    fs::rename(&self.staging, &self.target).map_err(io_err(&self.staging))?;
                    fs::rename(&old, &self.staging).map_err(io_err(&old))?;
                }
            }
            // The staging path now holds the previous site.
            remove_owned(&self.staging).map_err(io_err(&self.staging))?;
        } else {
            fs::rename(&self.staging, &self.target).map_err(io_err(&self.staging))?;
        }
        self.committed = true;
        Ok(self.target.clone())
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

impl Drop for Stage {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_owned(&self.staging);
        }
    }
}

impl Sink for Stage {
    fn page(&self, path: &str, html: String) -> io::Result<()> {
        if self.minify {
            self.write(path, &minify(html.as_bytes()))
        } else {
            self.write(path, html.as_bytes())
        }
    }

    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        match minify_static(self.minify, path, bytes) {
            Some(minified) => self.write(path, &minified),
            None => self.write(path, bytes),
        }
    }
}

/// The minified form of a static file when it is a stylesheet and minifying is on.
pub fn minify_static(minify: bool, path: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    if !minify || !path.ends_with(".css") {
        return None;
    }
    minify_css(std::str::from_utf8(bytes).ok()?)
}

/// Minifies a stylesheet; `None` when lightningcss rejects it (it is then copied as written).
fn minify_css(css: &str) -> Option<Vec<u8>> {
    use lightningcss::stylesheet::{ParserOptions, PrinterOptions, StyleSheet};
    let sheet = StyleSheet::parse(css, ParserOptions::default()).ok()?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .ok()?;
    Some(printed.code.into_bytes())
}

/// Minifies a page, keeping it valid HTML.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("portolan-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn minifies_stylesheets_only_when_asked() {
        let css = b"a {\n  color: #ff0000;\n}\n";
        assert_eq!(minify_static(true, "x.css", css).unwrap(), b"a{color:red}");
        assert_eq!(minify_static(false, "x.css", css), None);
        assert_eq!(minify_static(true, "x.js", css), None);
        assert_eq!(
            minify_static(true, "x.css", b"a { color: \xff }"),
            None,
            "non-UTF-8 CSS is copied as written"
        );
    }

    #[test]
    fn refuses_the_atlas_and_foreign_folders() {
        let root = temp("refuse");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(matches!(
            check_target(&root, &root),
            Err(OutputError::Refused(_))
        ));
        assert!(matches!(
            check_target(&root, &root.join("content")),
            Err(OutputError::Refused(_))
        ));
        assert!(matches!(
            check_target(&root, Path::new("/")),
            Err(OutputError::Refused(_))
        ));
        fs::create_dir_all(root.join("mine")).unwrap();
        fs::write(root.join("mine/notes.txt"), "keep").unwrap();
        assert!(matches!(
            check_target(&root, &root.join("mine")),
            Err(OutputError::Refused(_))
        ));
        assert!(check_target(&root, &root.join("public")).is_ok());
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn swaps_in_a_complete_site_and_drops_an_unfinished_one() {
        let root = temp("swap");
        let public = root.join("public");
        let stage = Stage::begin(&root, &public, false).unwrap();
        stage.file("a/index.html", b"one").unwrap();
        stage.commit().unwrap();
        assert_eq!(fs::read(public.join("a/index.html")).unwrap(), b"one");

        let unfinished = Stage::begin(&root, &public, false).unwrap();
        unfinished.file("a/index.html", b"two").unwrap();
        drop(unfinished);
        assert_eq!(fs::read(public.join("a/index.html")).unwrap(), b"one");
        assert!(!staging_path(&fs::canonicalize(&public).unwrap()).exists());

        let second = Stage::begin(&root, &public, false).unwrap();
        second.file("b.txt", b"new").unwrap();
        second.commit().unwrap();
        assert!(!public.join("a/index.html").exists());
        assert!(public.join(MARKER).is_file());
        fs::remove_dir_all(root).unwrap();
    }
}
