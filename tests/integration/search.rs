//! The search page and its index files.

use serde_json::Value;

use crate::harness::Atlas;

fn built() -> Atlas {
    let atlas = Atlas::base();
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    atlas
}

fn json(atlas: &Atlas, rel: &str) -> Value {
    serde_json::from_str(&atlas.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The records a term is indexed under, looked up the way `search.js` does: the last
/// chunk starting at or before the term, then the delta-coded postings.
fn lookup(atlas: &Atlas, manifest: &Value, term: &str) -> Vec<(String, u64)> {
    let starts = strings(&manifest["termStarts"]);
    let utf16 = |s: &str| s.encode_utf16().collect::<Vec<_>>();
    let chunk = starts
        .iter()
        .rposition(|s| utf16(s) <= utf16(term))
        .unwrap_or(0);
    let file = manifest["termFiles"][chunk].as_str().unwrap();
    let postings = json(atlas, &format!("public/search/{file}"));
    let Some(list) = postings[term].as_array() else {
        return Vec::new();
    };
    let per = manifest["docsPerFile"].as_u64().unwrap();
    let mut doc = 0;
    list.chunks(2)
        .map(|pair| {
            doc += pair[0].as_u64().unwrap();
            let block = manifest["docFiles"][(doc / per) as usize].as_str().unwrap();
            let docs = json(atlas, &format!("public/search/{block}"));
            let kind = manifest["docKinds"].as_str().unwrap().as_bytes()[doc as usize] - b'a';
            let section = manifest["kinds"][kind as usize][0].as_str().unwrap();
            let slug = docs[(doc % per) as usize][0].as_str().unwrap();
            (format!("{section}/{slug}"), pair[1].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn every_index_file_the_manifest_names_exists() {
    let atlas = built();
    let manifest = json(&atlas, "public/search/index.json");
    assert_eq!(manifest["version"], 1);
    assert_eq!(manifest["docKinds"].as_str().unwrap().len(), 18);
    let files: Vec<String> = strings(&manifest["termFiles"])
        .into_iter()
        .chain(strings(&manifest["docFiles"]))
        .collect();
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        json(&atlas, &format!("public/search/{file}"));
    }
    assert!(atlas.path().join("public/search.js").is_file());
}

#[test]
fn a_chinese_title_token_maps_to_its_record() {
    let atlas = built();
    let manifest = json(&atlas, "public/search/index.json");
    let hits = lookup(&atlas, &manifest, "通道");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].0, "tasks/task-01");
    let (_, title_weight) = lookup(&atlas, &manifest, "channel")
        .into_iter()
        .find(|(id, _)| id == "tasks/task-01")
        .unwrap();
    assert!(
        title_weight >= 12,
        "a title word weighs as a title: {title_weight}"
    );
    assert_eq!(
        lookup(&atlas, &manifest, "数字")[0].0,
        "business-fields/digital-industry"
    );
    assert!(lookup(&atlas, &manifest, "the").is_empty(), "stop words");
}

#[test]
fn the_search_page_lists_every_record_for_readers_without_javascript() {
    let atlas = built();
    let page = atlas.read("public/search/index.html");
    assert!(page.contains("Search needs JavaScript"), "{page}");
    assert!(page.contains("href=../tasks/task-01/"), "{page}");
    assert!(page.contains("全面优化国际互联网数据专用通道"), "{page}");
    assert!(
        page.contains(r#"<script defer src=../search.js></script>"#),
        "{page}"
    );
    let home = atlas.read("public/index.html");
    assert!(
        home.contains(r#"action=./search/"#),
        "header search box: {home}"
    );
    assert!(
        !home.contains("search.js"),
        "the script only loads on the search page"
    );
    let record = atlas.read("public/countries/laos/index.html");
    assert!(record.contains(r#"action=../../search/"#), "{record}");
}

#[test]
fn the_index_is_the_same_on_every_build() {
    let first = built();
    let second = built();
    assert_eq!(
        first.snapshot("public/search"),
        second.snapshot("public/search")
    );
}
