//! Cutting the index into files, so a query downloads only what it needs: a small manifest,
//! the term chunk(s) holding its terms, and the document blocks of the results it shows.
//!
//! - `search/index.json`: the manifest. Kinds, the kind of every document (one letter
//!   each, for the per-kind counts without fetching documents), the first term of each
//!   term chunk, and the file names.
//! - `search/terms/<hash>.json`: `{"term": [doc, weight, doc, weight, ...]}` for a run of
//!   terms in sorted order, cut at about [`Layout::chunk_bytes`]. Document numbers are
//!   delta-coded (each is the gap from the previous one), so common terms stay short.
//! - `search/docs/<hash>.json`: `[[slug, title, chinese title, snippet], ...]` for
//!   [`Layout::docs_per_file`] consecutive documents.
//!
//! File names carry a hash of their content, so a browser never mixes a cached chunk
//! with a newer manifest.

use serde::Serialize;

use super::index::{Doc, Index};
use crate::kinds::Kind;

/// Version of the file format, checked by `search.js`.
pub(crate) const FORMAT: u32 = 1;

/// How big the pieces are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    /// A term chunk is closed once it reaches this many bytes.
    pub(crate) chunk_bytes: usize,
    /// Documents per document file.
    pub(crate) docs_per_file: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            chunk_bytes: 6 * 1024,
            docs_per_file: 8,
        }
    }
}

/// The manifest, `search/index.json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Manifest {
    version: u32,
    /// `[section, label, plural label]` per kind, in [`Kind::ALL`] order.
    kinds: Vec<[&'static str; 3]>,
    /// One letter per document: `a` for the first kind, `b` for the second, ...
    doc_kinds: String,
    /// First term of each term chunk, in UTF-16 order (how JavaScript compares strings).
    term_starts: Vec<String>,
    /// Term chunk files, relative to the manifest.
    term_files: Vec<String>,
    /// Documents per document file.
    docs_per_file: usize,
    /// Document files, relative to the manifest.
    doc_files: Vec<String>,
}

/// Every file of the index: the manifest's bytes, and the other files by path relative
/// to it.
#[derive(Debug)]
pub(crate) struct Files {
    /// `index.json`.
    pub(crate) manifest: Vec<u8>,
    /// `terms/...` and `docs/...`, in a fixed order.
    pub(crate) files: Vec<(String, Vec<u8>)>,
}

/// Cuts `index` into files.
pub(crate) fn split(index: &Index, layout: Layout) -> Files {
    let mut files = Vec::new();
    let mut term_starts = Vec::new();
    let mut term_files = Vec::new();
    for (first, body) in term_chunks(index, layout.chunk_bytes) {
        let name = format!("terms/{}.json", content_hash(body.as_bytes()));
        term_starts.push(first);
        term_files.push(name.clone());
        files.push((name, body.into_bytes()));
    }
    let mut doc_files = Vec::new();
    for block in index.docs.chunks(layout.docs_per_file.max(1)) {
        let body = doc_block(block);
        let name = format!("docs/{}.json", content_hash(&body));
        doc_files.push(name.clone());
        files.push((name, body));
    }
    let manifest = Manifest {
        version: FORMAT,
        kinds: Kind::ALL
            .iter()
            .map(|k| [k.section(), k.label(), k.plural_label()])
            .collect(),
        doc_kinds: index.docs.iter().map(|d| kind_letter(d.kind)).collect(),
        term_starts,
        term_files,
        docs_per_file: layout.docs_per_file.max(1),
        doc_files,
    };
    Files {
        manifest: to_json(&manifest),
        files,
    }
}

/// The letter standing for `kind` in [`Manifest::doc_kinds`].
pub(crate) fn kind_letter(kind: Kind) -> char {
    let n = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    char::from(b'a' + u8::try_from(n).unwrap_or(0))
}

/// Term chunks as (first term, JSON text), terms in UTF-16 order.
fn term_chunks(index: &Index, chunk_bytes: usize) -> Vec<(String, String)> {
    let mut terms: Vec<&String> = index.postings.keys().collect();
    terms.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    let mut chunks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for term in terms {
        let entry = posting_entry(term, &index.postings[term]);
        let (_, body) = current.get_or_insert_with(|| (term.clone(), String::from("{")));
        if body.len() > 1 {
            body.push(',');
        }
        body.push_str(&entry);
        if body.len() >= chunk_bytes
            && let Some((first, mut body)) = current.take()
        {
            body.push('}');
            chunks.push((first, body));
        }
    }
    if let Some((first, mut body)) = current {
        body.push('}');
        chunks.push((first, body));
    }
    chunks
}

/// `"term":[doc gap, weight, ...]`.
fn posting_entry(term: &str, postings: &[(u32, u32)]) -> String {
    let mut out = to_string(term);
    out.push_str(":[");
    let mut previous = 0;
    for (i, (doc, weight)) in postings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("{},{weight}", doc - previous));
        previous = *doc;
    }
    out.push(']');
    out
}

fn doc_block(docs: &[Doc]) -> Vec<u8> {
    let rows: Vec<[&str; 4]> = docs
        .iter()
        .map(|d| {
            [
                d.slug.as_str(),
                d.title.as_str(),
                d.title_zh.as_deref().unwrap_or(""),
                d.snippet.as_str(),
            ]
        })
        .collect();
    to_json(&rows)
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    // Plain structs of strings and numbers always serialize.
    serde_json::to_vec(value).unwrap_or_default()
}

fn to_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// FNV-1a, 32 bits, as 8 hex digits: stable across builds and platforms, enough to tell
/// versions of a small file apart.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for &b in bytes {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn index(terms: &[(&str, &[(u32, u32)])], docs: usize) -> Index {
        Index {
            docs: (0..docs)
                .map(|i| Doc {
                    kind: if i % 2 == 0 {
                        Kind::Project
                    } else {
                        Kind::Task
                    },
                    slug: format!("d{i}"),
                    title: format!("Doc {i}"),
                    title_zh: None,
                    snippet: String::new(),
                })
                .collect(),
            postings: terms
                .iter()
                .map(|(t, p)| (t.to_string(), p.to_vec()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    fn manifest(files: &Files) -> serde_json::Value {
        serde_json::from_slice(&files.manifest).unwrap()
    }

    #[test]
    fn postings_are_delta_coded() {
        assert_eq!(
            posting_entry("cloud", &[(3, 20), (10, 1), (11, 4)]),
            r#""cloud":[3,20,7,1,1,4]"#
        );
    }

    #[test]
    fn chunks_hold_sorted_runs_of_terms_and_the_manifest_says_where_each_starts() {
        let idx = index(
            &[
                ("asean", &[(0, 1)]),
                ("cloud", &[(1, 2)]),
                ("laos", &[(0, 3)]),
                ("信息", &[(1, 12)]),
                ("港", &[(1, 12)]),
            ],
            3,
        );
        let files = split(
            &idx,
            Layout {
                chunk_bytes: 1,
                docs_per_file: 2,
            },
        );
        let m = manifest(&files);
        let starts: Vec<&str> = m["termStarts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(starts, ["asean", "cloud", "laos", "信息", "港"]);
        let chunk = &files.files[3];
        assert_eq!(chunk.0, m["termFiles"][3].as_str().unwrap());
        assert_eq!(
            String::from_utf8(chunk.1.clone()).unwrap(),
            r#"{"信息":[1,12]}"#
        );
        assert_eq!(m["docKinds"], "ded", "one letter per document");
        assert_eq!(m["docFiles"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn a_chunk_is_closed_once_it_reaches_its_size() {
        let postings: Vec<(String, Vec<(u32, u32)>)> = (0..200)
            .map(|i| (format!("term{i:03}"), vec![(i, 1)]))
            .collect();
        let idx = Index {
            docs: Vec::new(),
            postings: postings.into_iter().collect(),
        };
        let chunks = term_chunks(&idx, 256);
        assert!(chunks.len() > 5);
        for (first, body) in &chunks {
            assert!(body.len() < 256 + 30, "{} bytes", body.len());
            assert!(body.starts_with(&format!("{{\"{first}\"")));
            serde_json::from_str::<serde_json::Value>(body).unwrap();
        }
    }

    #[test]
    fn terms_are_ordered_as_javascript_compares_strings() {
        // U+20000 is a surrogate pair in UTF-16 and sorts before U+F900 there.
        let idx = index(&[("\u{F900}", &[(0, 1)]), ("\u{20000}", &[(0, 1)])], 1);
        let chunks = term_chunks(&idx, 1);
        assert_eq!(chunks[0].0, "\u{20000}");
    }

    #[test]
    fn documents_are_blocked_in_order_and_names_follow_content() {
        let idx = index(&[], 5);
        let files = split(&idx, Layout::default());
        assert_eq!(files.files.len(), 1);
        let docs: serde_json::Value = serde_json::from_slice(&files.files[0].1).unwrap();
        assert_eq!(docs[4], serde_json::json!(["d4", "Doc 4", "", ""]));
        assert_eq!(content_hash(b""), "811c9dc5");
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(split(&idx, Layout::default()).files[0].0, files.files[0].0);
    }
}
