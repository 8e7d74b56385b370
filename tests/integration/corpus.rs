//! The benchmark corpus generator (`examples/gen-atlas.rs`): deterministic, the same pages
//! for both tools, and an atlas that checks clean.

#[path = "../../benches/corpus.rs"]
pub mod generator;

use std::process::Command;

use crate::harness::snapshot;

#[test]
fn the_generated_atlas_checks_without_errors_or_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let atlas = dir.path().join("portolan");
    let records = generator::write_portolan(&atlas, 400).unwrap();
    // The 400 records, then the 5 sources, 11 countries and 5 platforms they link to.
    assert_eq!(records, 400 + 5 + 11 + 5);
    let output = Command::new(env!("CARGO_BIN_EXE_portolan"))
        .arg("--root")
        .arg(&atlas)
        .args(["check", "--deny-warnings"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("Checked 421 records"), "{stderr}");
}

#[test]
fn the_same_size_gives_the_same_bytes_and_both_tools_the_same_pages() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for dir in [&a, &b] {
        generator::write_portolan(&dir.path().join("portolan"), 120).unwrap();
        generator::write_hugo(&dir.path().join("hugo"), 120).unwrap();
    }
    let first = snapshot(a.path());
    assert_eq!(first, snapshot(b.path()), "two runs differ");

    // Every generated record is a page in both sites, under the same path.
    let pages = |tool: &str| -> Vec<String> {
        let root = a.path().join(tool).join("content");
        ["projects", "documents", "events", "organizations"]
            .iter()
            .flat_map(|section| {
                std::fs::read_dir(root.join(section))
                    .unwrap()
                    .map(move |e| format!("{section}/{}", e.unwrap().file_name().to_string_lossy()))
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let portolan = pages("portolan");
    assert_eq!(portolan.len(), 120);
    assert_eq!(portolan, pages("hugo"));
    // The shape: 60% projects, 15% documents, 15% events, 10% organizations.
    let count = |section: &str| portolan.iter().filter(|p| p.starts_with(section)).count();
    assert_eq!(
        [
            count("projects/"),
            count("documents/"),
            count("events/"),
            count("organizations/")
        ],
        [72, 18, 18, 12]
    );
}
