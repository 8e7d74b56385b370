//! A tiny atlas in a temporary folder, built with the real `portolan` binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A copy of a fixture atlas that a test may change freely.
pub struct Atlas {
    dir: tempfile::TempDir,
}

/// What a command printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Atlas {
    /// The base fixture: one or two records of every kind.
    pub fn base() -> Self {
        Self::from_fixture("base")
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn from_fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join(name), dir.path());
        Self { dir }
    }

    /// A generated atlas of `records` records and the ones they link to (benches/corpus.rs).
    pub fn generated(records: usize) -> Self {
        let dir = tempfile::tempdir().unwrap();
        crate::corpus::generator::write_portolan(dir.path(), records).unwrap();
        Self { dir }
    }

    /// Copies every file of `tests/fixtures/<overlay>` over this atlas.
    pub fn overlay(self, overlay: &str) -> Self {
        copy_tree(&fixtures().join(overlay), self.dir.path());
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `portolan --root <atlas> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_portolan"))
            .arg("--root")
            .arg(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Every file under `rel` with its bytes.
    pub fn snapshot(&self, rel: &str) -> Tree {
        snapshot(&self.path().join(rel))
    }

    /// Diagnostics of `check --format json`, one `file:line:col: severity[code]: message (help: ...)` each.
    pub fn diagnostics(&self) -> (i32, Vec<String>) {
        let run = self.run(&["check", "--format", "json"]);
        let lines = run
            .stdout
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let mut out = String::new();
                if let Some(file) = v["file"].as_str() {
                    out.push_str(file);
                    if let (Some(l), Some(c)) = (v["line"].as_u64(), v["column"].as_u64()) {
                        out.push_str(&format!(":{l}:{c}"));
                    }
                    out.push_str(": ");
                }
                out.push_str(&format!(
                    "{}[{}]: {}",
                    v["severity"].as_str().unwrap(),
                    v["code"].as_str().unwrap(),
                    v["message"].as_str().unwrap()
                ));
                if let Some(help) = v["suggestion"].as_str() {
                    out.push_str(&format!(" (help: {help})"));
                }
                out
            })
            .collect();
        (run.code, lines)
    }
}

/// Every file of a folder with its bytes; printed as paths, sizes and digests so a failed
/// comparison shows which files differ.
#[derive(PartialEq, Eq)]
pub struct Tree(pub BTreeMap<PathBuf, Vec<u8>>);

impl std::ops::Deref for Tree {
    type Target = BTreeMap<PathBuf, Vec<u8>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl IntoIterator for Tree {
    type Item = (PathBuf, Vec<u8>);
    type IntoIter = std::collections::btree_map::IntoIter<PathBuf, Vec<u8>>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl std::fmt::Debug for Tree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::hash::{Hash, Hasher};
        for (path, bytes) in &self.0 {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            writeln!(
                f,
                "{} ({} bytes, {:016x})",
                path.display(),
                bytes.len(),
                hasher.finish()
            )?;
        }
        Ok(())
    }
}

pub fn snapshot(dir: &Path) -> Tree {
    Tree(
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect(),
    )
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.as_os_str() == "expected.txt" {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if entry.file_type().is_symlink() {
            // Fixtures may hold deliberately broken links.
            let _ = std::fs::remove_file(&target);
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Where the attribute `attr` (`name=value` as minified, or a bare `name`) stands as a whole
/// attribute of a tag, whatever the order of the others.
pub fn find_attr(page: &str, attr: &str) -> Option<usize> {
    page.match_indices(attr).map(|(at, _)| at).find(|&at| {
        page[..at].ends_with(' ')
            && matches!(
                page.as_bytes().get(at + attr.len()),
                Some(b' ' | b'>' | b'/')
            )
    })
}

/// The whole tag holding the attribute `attr` (see [`find_attr`]).
pub fn tag_with<'a>(page: &'a str, attr: &str) -> &'a str {
    let at = find_attr(page, attr).unwrap_or_else(|| panic!("no {attr} in {page}"));
    let start = page[..at].rfind('<').unwrap();
    let end = at + page[at..].find('>').unwrap();
    &page[start..=end]
}
