//! Hostile content: every text field of every kind, the configuration and the bodies carry a
//! script-injection payload (tests/fixtures/hostile); the built pages must carry none of it.

use crate::harness::Atlas;

/// Parses a page as a browser does and returns what an injection could have planted:
/// inline scripts, event-handler attributes, `javascript:` URLs. (A plain `<img src=x>` from a
/// body's raw HTML is allowed markup once sanitized.)
fn planted(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if name == "script" && element.attr("src").is_none() {
            found.push("an inline <script>".to_string());
        }
        for (attribute, value) in element.attrs() {
            if attribute.starts_with("on") {
                found.push(format!("<{name} {attribute}=...>"));
            }
            if value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")
            {
                found.push(format!("<{name} {attribute}={value}>"));
            }
        }
    }
    found
}

#[test]
fn no_injected_markup_reaches_any_page() {
    let atlas = Atlas::from_fixture("hostile");
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for (path, bytes) in atlas.snapshot("public") {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let text = String::from_utf8_lossy(&bytes);
        match ext {
            "html" => {
                let found = planted(&text);
                assert!(found.is_empty(), "{}: {found:?}", path.display());
                checked += 1;
            }
            "xml" => {
                assert!(
                    !text.contains("<script"),
                    "{} carries raw markup",
                    path.display()
                );
                checked += 1;
            }
            _ => {}
        }
    }
    assert!(checked > 30, "only {checked} files checked");
    // The payload is still there, shown as text.
    let country = atlas.read("public/countries/hostile/index.html");
    let document = scraper::Html::parse_document(&country);
    let heading = document
        .select(&scraper::Selector::parse("h1").unwrap())
        .next()
        .unwrap();
    assert!(
        heading
            .text()
            .collect::<String>()
            .contains("<script>alert(1)</script>")
    );
}

#[test]
fn the_checker_finds_planted_markup() {
    assert_eq!(
        planted("<p onclick=x>a</p><script>x()</script><a href=' JavaScript:x'>b</a>").len(),
        3
    );
    assert!(planted("<script defer src=a.js></script><p>&lt;script&gt;</p>").is_empty());
}

#[test]
fn no_page_has_inline_styles_or_handlers() {
    let atlas = Atlas::base();
    assert_eq!(atlas.build().code, 0);
    for (path, bytes) in atlas.snapshot("public") {
        if path.extension().is_some_and(|e| e == "html") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(" style="),
                "{} has an inline style",
                path.display()
            );
            assert!(
                !text.contains("<style"),
                "{} has a style element",
                path.display()
            );
            assert!(
                !text.contains(" onclick="),
                "{} has an inline handler",
                path.display()
            );
            assert!(
                text.contains("http-equiv=Content-Security-Policy"),
                "{} has no CSP",
                path.display()
            );
        }
    }
}
