//! Every internal link and fragment in a built site resolves to a file and an id.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::harness::{Atlas, snapshot};

/// Attribute values of `name=` in (possibly minified, unquoted) HTML.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        out.push(value);
    }
    out
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                assert!(
                    out.pop(),
                    "link climbs above the site root: {}",
                    path.display()
                );
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Checks every href and src of every page; returns how many links were checked.
pub fn assert_internal_links_resolve(public: &Path) -> usize {
    let files = snapshot(public);
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in files.iter() {
        // SVG files too: pages draw maps from `map/region.svg#LA`.
        if path.extension().is_some_and(|e| e == "html" || e == "svg") {
            let html = String::from_utf8_lossy(bytes);
            ids.insert(
                path.clone(),
                attributes(&html, "id")
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    let mut checked = 0;
    for (page, ids_on_page) in &ids {
        let html = String::from_utf8_lossy(&files[page]);
        let dir = page.parent().unwrap_or(Path::new(""));
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(from_root) = path.strip_prefix('/') {
                // Only the 404 page uses root-absolute links (the site is built for "/").
                let mut t = normalize(Path::new(from_root));
                if from_root.is_empty() || from_root.ends_with('/') {
                    t = t.join("index.html");
                }
                t
            } else {
                let mut t = normalize(&dir.join(path));
                if path.ends_with('/') || path == "." || path == "./" {
                    t = t.join("index.html");
                }
                t
            };
            assert!(
                files.contains_key(&target),
                "{}: broken link {link} -> {}",
                page.display(),
                target.display()
            );
            if !fragment.is_empty() {
                let target_ids = ids.get(&target).unwrap_or(ids_on_page);
                assert!(
                    target_ids.contains(fragment),
                    "{}: missing fragment {link}",
                    page.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let atlas = Atlas::base();
    assert_eq!(atlas.build().code, 0);
    let checked = assert_internal_links_resolve(&atlas.path().join("public"));
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn the_link_checker_catches_a_broken_link() {
    let atlas = Atlas::base();
    assert_eq!(atlas.build().code, 0);
    atlas.write("public/broken.html", "<a href=\"nowhere/\">x</a>");
    let result =
        std::panic::catch_unwind(|| assert_internal_links_resolve(&atlas.path().join("public")));
    assert!(result.is_err());
}

#[test]
fn the_shipped_atlas_has_no_broken_internal_links() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_portolan"))
        .args(["--root", env!("CARGO_MANIFEST_DIR"), "build", "--output"])
        .arg(&public)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let checked = assert_internal_links_resolve(&public);
    assert!(checked > 5000, "only {checked} links checked");
}
