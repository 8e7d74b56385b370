//! Long lists on pages of their own: a generated atlas built with `[build] page_size = 20`
//! has every kind index, timeline, back-link group and gap list cut into pages that link to
//! each other and together hold every item once.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::harness::Atlas;
use crate::links::assert_internal_links_resolve;

const PAGE_SIZE: usize = 20;

/// A generated atlas of `records` records, with `book.toml` given `[build] page_size`.
fn paged(records: usize, page_size: usize) -> Atlas {
    let atlas = Atlas::generated(records);
    let config = atlas.read("book.toml");
    atlas.write(
        "book.toml",
        &format!("{config}\n[build]\npage_size = {page_size}\n"),
    );
    atlas
}

fn build(records: usize) -> Atlas {
    let atlas = paged(records, PAGE_SIZE);
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    atlas
}

fn read(public: &Path, page: &str) -> String {
    fs::read_to_string(public.join(page).join("index.html"))
        .unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The record pages a page links to under `section/`, as `section/slug/`.
fn record_links(html: &str, section: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("main a[href]").unwrap();
    doc.select(&selector)
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|href| {
            let at = href.find(&format!("{section}/"))?;
            let rest = &href[at..];
            let parts: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
            (parts.len() == 2 && parts[1] != "page").then(|| format!("{}/", parts.join("/")))
        })
        .collect()
}

/// Follows `rel=next` from `first` and returns every page's path.
fn chain(public: &Path, first: &str) -> Vec<String> {
    let mut pages = vec![first.to_string()];
    loop {
        let html = read(public, pages.last().unwrap());
        let doc = scraper::Html::parse_document(&html);
        let next = scraper::Selector::parse("nav.pager a[rel=next]").unwrap();
        let Some(href) = doc
            .select(&next)
            .next()
            .and_then(|a| a.value().attr("href"))
        else {
            return pages;
        };
        let path = format!("{first}page/{}/", pages.len() + 1);
        assert!(href.ends_with(&path), "{href} is not {path}");
        pages.push(path);
    }
}

#[test]
fn long_lists_are_cut_into_linked_pages_that_hold_every_item_once() {
    let atlas = build(150);
    let public = atlas.path().join("public");

    // The projects index: 90 projects, 20 a page.
    let projects: BTreeSet<String> = fs::read_dir(atlas.path().join("content/projects"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            format!("projects/{}/", name.split('.').next().unwrap())
        })
        .collect();
    assert_eq!(projects.len(), 90);
    let pages = chain(&public, "projects/");
    assert_eq!(pages.len(), 90_usize.div_ceil(PAGE_SIZE));
    let mut seen = Vec::new();
    for page in &pages {
        let html = read(&public, page);
        let rows = record_links(&html, "projects");
        assert!(rows.len() <= PAGE_SIZE, "{page} has {} rows", rows.len());
        seen.extend(rows);
    }
    assert_eq!(
        seen.len(),
        projects.len(),
        "a project is listed twice or not at all"
    );
    assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), projects);
    let second = read(&public, "projects/page/2/");
    assert!(second.contains("Projects, page 2 of 5"), "{second}");
    let doc = scraper::Html::parse_document(&second);
    let current = scraper::Selector::parse("nav.pager a[aria-current=page]").unwrap();
    let marked: Vec<String> = doc.select(&current).map(|a| a.text().collect()).collect();
    assert_eq!(marked, ["2"]);

    // The timeline: more dates than a page holds, so the script may not filter in place.
    let timeline = read(&public, "timeline/");
    assert!(!timeline.contains("data-complete"));
    assert!(chain(&public, "timeline/").len() > 1);

    // A source cited by many records: the first 20 of each group, then a link to all.
    let source = read(&public, "sources/source-0/");
    assert!(source.contains("linked/"), "no link to the whole group");
    let doc = scraper::Html::parse_document(&source);
    let more = scraper::Selector::parse("p.more a").unwrap();
    let href = doc
        .select(&more)
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .trim_start_matches("../../")
        .to_string();
    assert_eq!(href, "sources/source-0/linked/cited-by/");
    let listed: usize = chain(&public, &href)
        .iter()
        .map(|p| {
            let html = read(&public, p);
            let doc = scraper::Html::parse_document(&html);
            let items = scraper::Selector::parse("main ul.links li").unwrap();
            doc.select(&items).count()
        })
        .sum();
    let heading = scraper::Selector::parse("section.backlinks:last-of-type h3 .count").unwrap();
    let total: usize = doc
        .select(&heading)
        .next()
        .unwrap()
        .text()
        .collect::<String>()
        .parse()
        .unwrap();
    assert!(total > PAGE_SIZE);
    assert_eq!(listed, total);

    // The search page's A-Z list and the data-quality page's lists go on elsewhere too.
    assert!(read(&public, "search/").contains("search/all/projects/"));
    assert!(chain(&public, "search/all/projects/").len() == 90_usize.div_ceil(PAGE_SIZE));

    assert!(assert_internal_links_resolve(&public) > 0);
}

#[test]
fn a_page_size_of_zero_is_refused() {
    let run = paged(10, 0).run(&["check"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("book.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("page_size"), "{}", run.stderr);
}

#[test]
fn an_atlas_without_a_description_still_describes_its_home_page() {
    // The generated atlas's book.toml has a title and no description.
    let atlas = build(30);
    let home = read(&atlas.path().join("public"), "");
    let doc = scraper::Html::parse_document(&home);
    for selector in [
        "meta[name=description]",
        "meta[property=\"og:description\"]",
    ] {
        let meta = scraper::Selector::parse(selector).unwrap();
        let content = doc
            .select(&meta)
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_default();
        assert!(
            content.starts_with("Synthetic Atlas: an atlas of ")
                && content.ends_with(" linked, sourced records."),
            "{selector}: {content:?}"
        );
    }
}
