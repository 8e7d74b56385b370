//! Step 5 of the pipeline, and the only writer: files go into a staging folder next to the
//! output folder, which is swapped into place only once the whole site is written. A build
//! that fails, or is killed, leaves the previous output exactly as it was. The staging folder
//! is the site before last, kept between builds, so a build rewrites only what changed.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};

use crate::render::{Fill, Sink};

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

/// A site being written aside, into the folder that holds the site before last (kept from
/// the previous build): files whose bytes are unchanged are not written again, files no
/// longer produced are removed, and nothing is deleted wholesale. Each tree carries, in its
/// marker, a manifest of its files and their digests; a tree without one is rebuilt from
/// scratch.
#[derive(Debug)]
pub struct Stage {
    staging: PathBuf,
    target: PathBuf,
    minify: bool,
    /// What the staging tree holds, by path, if its manifest could be trusted.
    previous: HashMap<String, Entry>,
    /// What this build produced.
    current: Mutex<Vec<(String, Entry)>>,
    /// Folders known to exist in the staging tree.
    folders: Mutex<HashSet<PathBuf>>,
    /// The staging tree's manifest is dropped before its first change.
    invalidated: Once,
    bytes: AtomicU64,
}

/// One file of a tree: the digest of its bytes, and of what they were made from (the page
/// before minifying; the bytes themselves for other files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    bytes: u128,
    source: u128,
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
        let mut previous = HashMap::new();
        if staging.exists() {
            let marker = fs::read_to_string(staging.join(MARKER)).map_err(|_| {
                OutputError::Refused(format!(
                    "{} exists and was not made by Portolan; remove it to build",
                    staging.display()
                ))
            })?;
            match parse_manifest(&marker) {
                Some(manifest) => previous = manifest,
                // Interrupted or foreign to this scheme: start that tree again.
                None => remove_owned(&staging).map_err(io_err)?,
            }
        }
        if !staging.exists() {
            fs::create_dir_all(&staging).map_err(io_err)?;
            fs::write(staging.join(MARKER), MARKER_TEXT).map_err(io_err)?;
        }
        Ok(Stage {
            staging,
            target,
            minify,
            previous,
            current: Mutex::new(Vec::new()),
            folders: Mutex::new(HashSet::new()),
            invalidated: Once::new(),
            bytes: AtomicU64::new(0),
        })
    }

    /// Bytes handed to the stage so far (written or found unchanged).
    pub fn bytes_written(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Writes `bytes`, made from something whose digest is `source`.
    /// Marks the staging tree as no longer matching its manifest, from its first change on.
    fn invalidate(&self) -> io::Result<()> {
        let mut invalidated = Ok(());
        self.invalidated
            .call_once(|| invalidated = fs::write(self.staging.join(MARKER), MARKER_TEXT));
        invalidated
    }

    /// The path of `rel` in the staging tree, its folder created.
    fn prepare(&self, rel: &str) -> io::Result<PathBuf> {
        self.invalidate()?;
        let path = self.staging.join(rel);
        if let Some(parent) = path.parent()
            && !lock(&self.folders).contains(parent)
        {
            fs::create_dir_all(parent)?;
            lock(&self.folders).insert(parent.to_path_buf());
        }
        Ok(path)
    }

    fn write(&self, rel: &str, bytes: &[u8], source: u128) -> io::Result<()> {
        let entry = Entry {
            bytes: digest(bytes),
            source,
        };
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        lock(&self.current).push((rel.to_string(), entry));
        if self.previous.get(rel).map(|e| e.bytes) == Some(entry.bytes) {
            return Ok(());
        }
        let path = self.prepare(rel)?;
        fs::write(&path, bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    /// Streams what `fill` writes into `rel`, digesting it on the way.
    fn write_stream(&self, rel: &str, fill: &mut Fill<'_>) -> io::Result<()> {
        let path = self.prepare(rel)?;
        let mut out = Digesting {
            file: io::BufWriter::with_capacity(1 << 16, fs::File::create(&path)?),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        };
        fill(&mut out)
            .and_then(|()| out.file.flush())
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let digest = out.hasher.digest128();
        self.bytes.fetch_add(out.len, Ordering::Relaxed);
        let entry = Entry {
            bytes: digest,
            source: digest,
        };
        lock(&self.current).push((rel.to_string(), entry));
        Ok(())
    }

    /// Writes a file already prepared elsewhere (by `serve`, in memory), with the digest of
    /// its source, so the tree and its manifest are exactly what `build` writes.
    pub(crate) fn put(&self, rel: &str, bytes: &[u8], source: u128) -> io::Result<()> {
        self.write(rel, bytes, source)
    }

    /// Removes the files the staging tree held that this build did not produce, then the
    /// folders that became empty.
    fn remove_stale(&self, current: &HashMap<&str, Entry>) -> io::Result<()> {
        let mut folders = BTreeSet::new();
        for path in self
            .previous
            .keys()
            .filter(|p| !current.contains_key(p.as_str()))
        {
            let file = self.staging.join(path);
            match fs::remove_file(&file) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            folders.extend(
                file.ancestors()
                    .skip(1)
                    .take_while(|a| *a != self.staging)
                    .map(Path::to_path_buf),
            );
        }
        // Deepest first; a folder still holding files stays.
        for folder in folders.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
        Ok(())
    }

    /// Puts the finished site in place of the old one, which becomes the next build's
    /// staging tree.
    pub fn commit(self) -> Result<PathBuf, OutputError> {
        let io_err = |p: &Path| {
            let p = p.to_path_buf();
            move |e| OutputError::Io(p, e)
        };
        let mut produced = std::mem::take(&mut *lock(&self.current));
        produced.sort_by(|a, b| a.0.cmp(&b.0));
        produced.dedup_by(|a, b| a.0 == b.0);
        let current: HashMap<&str, Entry> =
            produced.iter().map(|(p, e)| (p.as_str(), *e)).collect();
        self.remove_stale(&current).map_err(io_err(&self.staging))?;
        fs::write(self.staging.join(MARKER), manifest_text(&produced))
            .map_err(io_err(&self.staging))?;
        if self.target.exists() {
            if exchange(&self.staging, &self.target).is_err() {
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
        } else {
            fs::rename(&self.staging, &self.target).map_err(io_err(&self.staging))?;
        }
        Ok(self.target.clone())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A 128-bit digest of a file's bytes (XXH3), so an unchanged file can be recognised
/// without reading the old one.
pub(crate) fn digest(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

const MANIFEST_HEADER: &str = "# manifest: digest of the bytes, digest of their source, path\n";

fn manifest_text(files: &[(String, Entry)]) -> String {
    let mut text = String::from(MARKER_TEXT);
    text.push_str(MANIFEST_HEADER);
    for (path, e) in files {
        text.push_str(&format!("{:032x} {:032x} {path}\n", e.bytes, e.source));
    }
    text
}

/// The files a tree holds, from its marker; `None` when the marker has no manifest.
fn parse_manifest(marker: &str) -> Option<HashMap<String, Entry>> {
    let (_, list) = marker.split_once(MANIFEST_HEADER)?;
    list.lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let bytes = u128::from_str_radix(parts.next()?, 16).ok()?;
            let source = u128::from_str_radix(parts.next()?, 16).ok()?;
            Some((parts.next()?.to_string(), Entry { bytes, source }))
        })
        .collect()
}

/// The digest of a page's HTML before minifying, salted with what minifying depends on.
pub(crate) fn page_source(html: &str, minify: bool) -> u128 {
    let salt = if minify {
        concat!("portolan minify ", env!("CARGO_PKG_VERSION"))
    } else {
        "as is"
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(salt.as_bytes());
    hasher.update(html.as_bytes());
    hasher.digest128()
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

impl Sink for Stage {
    /// A page whose HTML is what it was when the staging tree was written is already there,
    /// minified: neither minified nor written again.
    fn page(&self, path: &str, html: String) -> io::Result<()> {
        let source = page_source(&html, self.minify);
        if let Some(entry) = self.previous.get(path).filter(|e| e.source == source) {
            self.bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
            lock(&self.current).push((path.to_string(), *entry));
            return Ok(());
        }
        if self.minify {
            self.write(path, &crate::minify::minify(html.as_bytes()), source)
        } else {
            self.write(path, html.as_bytes(), source)
        }
    }

    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        match minify_static(self.minify, path, bytes) {
            Some(minified) => self.write(path, &minified, digest(bytes)),
            None => self.write(path, bytes, digest(bytes)),
        }
    }

    fn file_stream(&self, path: &str, fill: &mut Fill<'_>) -> io::Result<()> {
        self.write_stream(path, fill)
    }
}

/// A file writer that digests and counts what passes through it.
struct Digesting {
    file: io::BufWriter<fs::File>,
    hasher: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl io::Write for Digesting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
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
    fn a_streamed_file_is_written_whole_and_recorded_with_its_digest() {
        let root = temp("stream");
        let public = root.join("public");
        let stage = Stage::begin(&root, &public, true).unwrap();
        stage
            .file_stream("data/big.json", &mut |out| {
                (0..1000).try_for_each(|n| write!(out, "{n},"))
            })
            .unwrap();
        stage.commit().unwrap();
        let expected: String = (0..1000).map(|n| format!("{n},")).collect();
        assert_eq!(
            fs::read_to_string(public.join("data/big.json")).unwrap(),
            expected
        );
        let marker = fs::read_to_string(public.join(MARKER)).unwrap();
        let manifest = parse_manifest(&marker).unwrap();
        assert_eq!(manifest["data/big.json"].bytes, digest(expected.as_bytes()));
    }

    #[test]
    fn an_unchanged_page_is_neither_minified_nor_written_again() {
        use std::os::unix::fs::MetadataExt;
        let root = temp("pages");
        let public = root.join("public");
        let build = |html: &str, minify: bool| {
            let stage = Stage::begin(&root, &public, minify).unwrap();
            stage.page("index.html", html.to_string()).unwrap();
            stage.commit().unwrap();
            fs::metadata(public.join("index.html")).unwrap().ino()
        };
        let page = "<p>  one  </p>";
        let first = build(page, true);
        build(page, true);
        assert_eq!(build(page, true), first, "the page was written again");
        assert_eq!(fs::read(public.join("index.html")).unwrap(), b"<p>one</p>");
        // Turning minifying off changes the output even though the HTML is the same.
        build(page, false);
        build(page, false);
        assert_eq!(
            fs::read(public.join("index.html")).unwrap(),
            page.as_bytes()
        );
        fs::remove_dir_all(root).unwrap();
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

        let second = Stage::begin(&root, &public, false).unwrap();
        second.file("b.txt", b"new").unwrap();
        second.commit().unwrap();
        assert!(
            !public.join("a/index.html").exists(),
            "a stale file survived"
        );
        assert!(!public.join("a").exists(), "an emptied folder survived");
        assert!(public.join(MARKER).is_file());
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn rewrites_only_what_changed_and_keeps_manifests_true() {
        use std::os::unix::fs::MetadataExt;
        let root = temp("incremental");
        let public = root.join("public");
        let build = |files: &[(&str, &[u8])]| {
            let stage = Stage::begin(&root, &public, false).unwrap();
            for (path, bytes) in files {
                stage.file(path, bytes).unwrap();
            }
            stage.commit().unwrap();
        };
        let site = [
            ("a/index.html", b"same".as_slice()),
            ("b/index.html", b"one"),
            ("c.txt", b"gone soon"),
        ];
        build(&site);
        build(&site);
        let inode = |p: &str| fs::metadata(public.join(p)).unwrap().ino();
        let (a, b) = (inode("a/index.html"), inode("b/index.html"));
        // The third build writes into the first build's tree: "a" is left alone.
        build(&[("a/index.html", b"same"), ("b/index.html", b"two")]);
        let staging = staging_path(&fs::canonicalize(&public).unwrap());
        assert_ne!(inode("a/index.html"), a, "a comes from the other tree");
        build(&[("a/index.html", b"same"), ("b/index.html", b"three")]);
        assert_eq!(
            inode("a/index.html"),
            a,
            "an unchanged file was written again"
        );
        assert_eq!(
            inode("b/index.html"),
            b,
            "a changed file should be rewritten in place"
        );
        assert_eq!(fs::read(public.join("b/index.html")).unwrap(), b"three");
        assert!(!public.join("c.txt").exists());
        for tree in [&public, &staging] {
            let manifest = parse_manifest(&fs::read_to_string(tree.join(MARKER)).unwrap()).unwrap();
            for (path, entry) in &manifest {
                assert_eq!(
                    digest(&fs::read(tree.join(path)).unwrap()),
                    entry.bytes,
                    "{path} in {}",
                    tree.display()
                );
            }
        }
        fs::remove_dir_all(root).unwrap();
    }
}
