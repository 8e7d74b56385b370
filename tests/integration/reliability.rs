//! Never half a site, and the same bytes whatever order the files come in.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Atlas, snapshot};

/// A copy of the shipped atlas (big enough that a build takes a while).
fn shipped_atlas(into: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
    {
        let rel = entry.path().strip_prefix(root).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(into.join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), into.join(rel)).unwrap();
        }
    }
    std::fs::copy(root.join("book.toml"), into.join("book.toml")).unwrap();
}

fn build(root: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_portolan"))
        .arg("--root")
        .arg(root)
        .arg("build")
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    shipped_atlas(root);
    let record = root.join("content/countries/laos.md");
    let original = std::fs::read_to_string(&record).unwrap();
    let versions = [
        original.clone(),
        original.replace("title = \"Laos\"", "title = \"Lao PDR\""),
    ];
    assert_ne!(versions[0], versions[1]);

    // The two complete sites, and how long a build takes.
    let mut sites = Vec::new();
    let mut took = Duration::ZERO;
    for version in &versions {
        std::fs::write(&record, version).unwrap();
        let started = Instant::now();
        assert!(build(root).wait().unwrap().success());
        took = took.max(started.elapsed());
        sites.push(snapshot(&root.join("public")));
    }
    assert_ne!(sites[0], sites[1]);

    // Kill builds at points spread over a whole build, alternating the content.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..24 {
        std::fs::write(&record, &versions[round % 2]).unwrap();
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay = took.mul_f64((seed >> 33) as f64 / (1u64 << 31) as f64 * 1.2);
        let mut child = build(root);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no chance to clean up
        let _ = child.wait();
        let now = snapshot(&root.join("public"));
        assert!(
            now == sites[0] || now == sites[1],
            "round {round}: public/ is neither the old site nor the new one"
        );
    }
    // The next build cleans up what the killed ones left and succeeds.
    assert!(build(root).wait().unwrap().success());
    let leftovers: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .contains("portolan-")
        })
        .filter(|p| !p.ends_with(".public.portolan-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The staging tree kept for the next build is true to its manifest: the next builds
    // would otherwise skip files they believe unchanged.
    let rebuilt = snapshot(&root.join("public"));
    assert!(build(root).wait().unwrap().success());
    assert!(build(root).wait().unwrap().success());
    assert_eq!(snapshot(&root.join("public")), rebuilt);
}

/// Copies the base fixture's content, creating files in the given order. On tmpfs a
/// folder lists its entries in reverse order of creation, so the order is observable.
fn copy_in_order(into: &Path, reverse: bool) -> Vec<String> {
    let from = crate::harness::fixtures().join("base");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&from)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&from).unwrap().to_path_buf())
        .collect();
    files.sort();
    if reverse {
        files.reverse();
    }
    for rel in &files {
        std::fs::create_dir_all(into.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(from.join(rel), into.join(rel)).unwrap();
    }
    let listing = std::fs::read_dir(into.join("content/countries")).unwrap();
    listing
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn builds_are_identical_whatever_order_the_files_are_listed_in() {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let (a, b) = (
        tempfile::tempdir_in(&base).unwrap(),
        tempfile::tempdir_in(&base).unwrap(),
    );
    let order_a = copy_in_order(a.path(), false);
    let order_b = copy_in_order(b.path(), true);
    if shm.is_dir() {
        assert_ne!(
            order_a, order_b,
            "the two copies list their files in the same order"
        );
    }
    for dir in [a.path(), b.path()] {
        assert!(build(dir).wait().unwrap().success());
    }
    assert_eq!(
        snapshot(&a.path().join("public")),
        snapshot(&b.path().join("public"))
    );
    // And a rebuild in place is identical too.
    let first = snapshot(&a.path().join("public"));
    assert!(build(a.path()).wait().unwrap().success());
    assert_eq!(first, snapshot(&a.path().join("public")));
}

#[test]
fn refuses_output_folders_that_would_destroy_the_atlas() {
    let atlas = Atlas::base();
    let path = atlas.path().to_string_lossy().into_owned();
    for output in [
        path.clone(),
        format!("{path}/content"),
        format!("{path}/content/countries"),
        "/".into(),
    ] {
        let run = atlas.run(&["build", "--output", &output]);
        assert_eq!(run.code, 2, "{output}: {}", run.stderr);
        assert!(run.stderr.contains("refusing"), "{output}: {}", run.stderr);
    }
    assert!(atlas.path().join("content/countries/laos.md").is_file());
}
