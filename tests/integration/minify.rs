//! The page minifier against real pages: every page of the shipped atlas, the base fixture
//! and a generated corpus keeps the DOM of its unminified HTML (every element and attribute)
//! and shows exactly the text minify-html would leave (every whitespace decision).

use std::path::Path;
use std::sync::Mutex;

use portolan::config::{Config, Overrides};
use portolan::render::{self, Sink, theme};
use portolan::{load, model};

use crate::harness::Atlas;

/// The pages of an atlas as the renderer hands them over, before minifying.
fn rendered_pages(root: &Path) -> Vec<(String, String)> {
    struct Pages(Mutex<Vec<(String, String)>>);
    impl Sink for Pages {
        fn page(&self, path: &str, html: String) -> std::io::Result<()> {
            self.0.lock().unwrap().push((path.to_string(), html));
            Ok(())
        }
        fn file(&self, _: &str, _: &[u8]) -> std::io::Result<()> {
            Ok(())
        }
    }
    let config = Config::load(root, &Overrides::default()).unwrap();
    let (site, diagnostics) = model::build(config.clone(), load::load(root));
    let site = site.unwrap_or_else(|| panic!("{diagnostics:?}"));
    let theme = theme::load(&config).unwrap_or_else(|(d, _)| panic!("{d:?}"));
    let pages = Pages(Mutex::new(Vec::new()));
    render::render(&site, &theme, &pages).unwrap();
    pages.0.into_inner().unwrap()
}

/// A parsed page as two streams: its elements with their attributes, and its text nodes.
fn dom(html: &[u8]) -> (Vec<String>, Vec<String>) {
    let doc = scraper::Html::parse_document(std::str::from_utf8(html).unwrap());
    let (mut elements, mut texts) = (Vec::new(), Vec::new());
    for node in doc.tree.nodes() {
        match node.value() {
            scraper::Node::Element(e) => {
                let mut attrs: Vec<String> = e.attrs().map(|(k, v)| format!("{k}={v:?}")).collect();
                attrs.sort();
                elements.push(format!("<{} {}>", e.name(), attrs.join(" ")));
            }
            scraper::Node::Text(t) => texts.push(t.to_string()),
            _ => {}
        }
    }
    (elements, texts)
}

/// Why the minified page differs from what it must be, if it does.
fn difference(raw: &str, minified: &[u8]) -> Option<String> {
    let oracle = minify_html::minify(
        raw.as_bytes(),
        &minify_html::Cfg {
            keep_closing_tags: true,
            keep_html_and_head_opening_tags: true,
            ..minify_html::Cfg::default()
        },
    );
    let (raw_elements, _) = dom(raw.as_bytes());
    let (elements, texts) = dom(minified);
    let (_, oracle_texts) = dom(&oracle);
    let first = |a: &[String], b: &[String]| {
        let at = a
            .iter()
            .zip(b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        (a.get(at).cloned(), b.get(at).cloned())
    };
    if elements != raw_elements {
        let (want, got) = first(&raw_elements, &elements);
        return Some(format!("element {want:?} became {got:?}"));
    }
    if texts != oracle_texts {
        let (want, got) = first(&oracle_texts, &texts);
        return Some(format!("text {want:?} (minify-html) is {got:?}"));
    }
    None
}

fn assert_minified_faithfully(root: &Path, at_least: usize) {
    let pages = rendered_pages(root);
    assert!(pages.len() >= at_least, "only {} pages", pages.len());
    let mut saved = 0;
    for (path, raw) in &pages {
        let minified = portolan::minify::minify(raw.as_bytes());
        if let Some(why) = difference(raw, &minified) {
            panic!("{path}: {why}");
        }
        saved += raw.len() - minified.len();
    }
    let total: usize = pages.iter().map(|(_, raw)| raw.len()).sum();
    assert!(saved * 20 > total, "saved only {saved} of {total} bytes");
}

#[test]
fn the_shipped_atlas_keeps_its_dom_when_minified() {
    assert_minified_faithfully(Path::new(env!("CARGO_MANIFEST_DIR")), 390);
}

#[test]
fn the_base_fixture_keeps_its_dom_when_minified() {
    assert_minified_faithfully(Atlas::base().path(), 30);
}

#[test]
fn a_generated_atlas_keeps_its_dom_when_minified() {
    assert_minified_faithfully(Atlas::generated(120).path(), 150);
}

#[test]
fn the_comparison_sees_a_lost_space_and_a_lost_attribute() {
    let raw = "<!doctype html><title>t</title><p class=\"a\">one <b>two</b></p>";
    assert_eq!(
        difference(raw, portolan::minify::minify(raw.as_bytes()).as_slice()),
        None
    );
    let lost_space = "<!doctype html><title>t</title><p class=a>one<b>two</b></p>";
    assert!(
        difference(raw, lost_space.as_bytes())
            .unwrap()
            .starts_with("text")
    );
    let lost_attr = "<!doctype html><title>t</title><p>one <b>two</b></p>";
    assert!(
        difference(raw, lost_attr.as_bytes())
            .unwrap()
            .starts_with("element")
    );
}
