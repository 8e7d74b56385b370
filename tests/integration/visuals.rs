//! Charts and maps on the pages of the base fixture: drawn from the records, with a text
//! alternative and the numbers beside every picture.

use crate::harness::Atlas;

fn built() -> Atlas {
    let atlas = Atlas::base();
    let run = atlas.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    atlas
}

#[test]
fn a_country_page_shows_the_region_with_the_country_highlighted() {
    let atlas = built();
    let laos = atlas.read("public/countries/laos/index.html");
    assert!(
        laos.contains(r#"<use class="map-land is-current" href=../../map/region.svg#LA>"#)
            || laos.contains(r#"class="map-land is-current" href=../../map/region.svg#LA"#),
        "{laos}"
    );
    assert!(laos.contains("role=img"), "{laos}");
    assert!(
        laos.contains("Map of Southeast Asia and southern China with Laos highlighted."),
        "text alternative: {laos}"
    );
    // The outlines come from one shared file, not from the page.
    assert!(!laos.contains(" d=\"M"), "path data inlined in {laos}");
    let sprite = atlas.read("public/map/region.svg");
    assert!(sprite.contains(r#"<path id="LA" d="M"#));

    let china = atlas.read("public/countries/china/index.html");
    assert!(
        china.contains("Places of this atlas marked as dots: Nanning."),
        "{china}"
    );
    assert!(
        china.contains("<th scope=row>Nanning"),
        "places table: {china}"
    );
}

#[test]
fn an_indicator_page_charts_its_observations_with_the_numbers() {
    let atlas = built();
    let page = atlas.read("public/indicators/guangxi-digital-economy/index.html");
    assert!(
        page.contains("id=fig-indicator-guangxi-digital-economy"),
        "{page}"
    );
    assert!(page.contains("aria-labelledby=\"fig-indicator-guangxi-digital-economy-title fig-indicator-guangxi-digital-economy-desc\""), "{page}");
    assert_eq!(
        page.matches("class=chart-bar").count() + page.matches("class=\"chart-bar\"").count(),
        4,
        "two years in two units: {page}"
    );
    assert!(page.contains("<th scope=col>Billion USD"), "{page}");
    assert!(
        page.contains("<th scope=row>2019</th><td>659.3</td><td>101.93"),
        "numbers table: {page}"
    );
    assert!(
        page.contains("From 2016 to 2019 the value went from 409.9 to 659.3 billion yuan (+61%)."),
        "{page}"
    );
}

#[test]
fn an_organization_with_shareholders_shows_its_shareholding() {
    let atlas = built();
    let page = atlas.read("public/organizations/caih-co/index.html");
    assert!(
        page.contains("China-ASEAN Information Harbor Co., Ltd.: shareholders"),
        "{page}"
    );
    assert!(
        page.contains("China Unicom: 45% (90 million yuan)"),
        "{page}"
    );
    assert!(
        page.contains("Not listed: 55%"),
        "the fixture lists one holder: {page}"
    );
    let unicom = atlas.read("public/organizations/china-unicom/index.html");
    assert!(
        !unicom.contains("class=figure"),
        "no shareholders, no chart: {unicom}"
    );
}

#[test]
fn projects_by_platform_are_charted_on_the_home_page_and_the_platforms_index() {
    let atlas = built();
    for page in ["public/index.html", "public/platforms/index.html"] {
        let html = atlas.read(page);
        assert!(html.contains("Projects by platform"), "{page}: {html}");
        assert!(
            html.contains("In projects: Infrastructure 14."),
            "{page}: {html}"
        );
    }
    let platform = atlas.read("public/platforms/infrastructure/index.html");
    assert!(platform.contains("chart-bar is-current"), "{platform}");
}

#[test]
fn the_map_page_links_shaded_countries_and_places_of_the_layout() {
    let atlas = built();
    let map = atlas.read("public/map/index.html");
    assert!(map.contains("<title>Laos: "), "{map}");
    assert!(map.contains("href=../countries/laos/"), "{map}");
    assert!(
        map.contains("<caption>Records linked to each country</caption>"),
        "{map}"
    );
    assert!(map.contains("href=../places/nanning/"), "layout map: {map}");
    assert!(
        map.contains("Ring 3: <a href=../places/nanning/>Nanning</a>"),
        "{map}"
    );
    let home = atlas.read("public/index.html");
    assert!(home.contains("href=./map/"), "header navigation: {home}");
}

#[test]
fn home_figures_follow_book_toml_and_unknown_entries_are_errors() {
    let atlas = Atlas::base();
    let config = atlas.read("book.toml");
    atlas.write(
        "book.toml",
        &format!("{config}\n[home]\nfigures = [\"organizations/caih-co\"]\n"),
    );
    assert_eq!(atlas.build().code, 0);
    let home = atlas.read("public/index.html");
    assert!(home.contains(": shareholders"), "{home}");
    assert!(!home.contains("Projects by platform"), "{home}");

    atlas.write(
        "book.toml",
        &format!("{config}\n[home]\nfigures = [\"organizations/caih\"]\n"),
    );
    let run = atlas.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`organizations/caih`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `organizations/caih-co`?"),
        "{}",
        run.stderr
    );
}
