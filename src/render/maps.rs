//! Maps drawn as SVG at build time on the Natural Earth base map that
//! `scripts/basemap/build.mjs` converted once into `themes/harbor/geo/basemap.json`.
//!
//! Country outlines are not repeated in every page: [`sprite`] writes each view once as a
//! static SVG file (`map/region.svg`) with one `<path id="ISO">` per country, and pages
//! draw them with `<use href=".../map/region.svg#LA">`. The browser fetches and caches
//! that file once, so a country page carries about 1 KB of map markup instead of the
//! 33 KB of path data. Places are projected here with the script's projection.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::LazyLock;

use serde::Deserialize;

use super::svg::{self, Role, escape};
use super::views::Figure;

/// The base map, parsed once per process from the copy built into the binary.
static BASEMAP: LazyLock<Option<Basemap>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../themes/harbor/geo/basemap.json")).ok()
});

#[derive(Debug, Deserialize)]
struct Basemap {
    source: String,
    views: BTreeMap<String, ViewData>,
}

#[derive(Debug, Deserialize)]
struct ViewData {
    /// West, south, east, north, in degrees.
    bbox: [f64; 4],
    width: f64,
    height: f64,
    countries: Vec<Shape>,
}

/// One country's outline in a view, as SVG path data in the view's pixels.
#[derive(Debug, Deserialize)]
struct Shape {
    iso: String,
    name: String,
    d: String,
}

/// A view of the base map: a box of longitude and latitude drawn into a pixel rectangle.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View {
    /// `region` or `guangxi`: also the name of its sprite file.
    pub name: &'static str,
    data: &'static ViewData,
}

/// Southeast Asia and southern China.
pub(crate) fn region() -> Option<View> {
    view("region")
}

/// Guangxi and its neighbours, for the places of the spatial layout.
pub(crate) fn guangxi() -> Option<View> {
    view("guangxi")
}

fn view(name: &'static str) -> Option<View> {
    let data = BASEMAP.as_ref()?.views.get(name)?;
    Some(View { name, data })
}

/// Where the base map comes from, for figure sources: the first sentence of the base
/// map's own note ("Natural Earth 1:50m countries, via ... (public domain)").
pub(crate) fn attribution() -> &'static str {
    let source = BASEMAP
        .as_ref()
        .map_or("Natural Earth", |b| b.source.as_str());
    source
        .split(". ")
        .next()
        .unwrap_or(source)
        .trim_end_matches('.')
}

impl View {
    /// What the view shows, in words.
    pub(crate) fn label(&self) -> &'static str {
        match self.name {
            "region" => "Southeast Asia and southern China",
            "guangxi" => "Guangxi and its neighbours",
            other => other,
        }
    }

    /// The view's pixel size.
    pub(crate) fn size(&self) -> (f64, f64) {
        (self.data.width, self.data.height)
    }

    /// Projects a place into the view's pixels: equirectangular over the view's box, as in
    /// `scripts/basemap/build.mjs` (whose x scale already carries the cosine of the middle
    /// latitude, through the height it rounded).
    pub(crate) fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        let [lon0, lat0, lon1, lat1] = self.data.bbox;
        (
            (lon - lon0) / (lon1 - lon0) * self.data.width,
            (lat1 - lat) / (lat1 - lat0) * self.data.height,
        )
    }

    /// True when the view shows this point.
    pub(crate) fn contains(&self, lat: f64, lon: f64) -> bool {
        let [lon0, lat0, lon1, lat1] = self.data.bbox;
        (lon0..=lon1).contains(&lon) && (lat0..=lat1).contains(&lat)
    }

    /// True when the view has an outline for this ISO 3166-1 alpha-2 code.
    pub(crate) fn has_country(&self, iso: &str) -> bool {
        self.shape(iso).is_some()
    }

    fn shape(&self, iso: &str) -> Option<&'static Shape> {
        self.data.countries.iter().find(|s| s.iso == iso)
    }

    /// The box around a country's outline, clipped to the view: `[x0, y0, x1, y1]`.
    fn country_box(&self, iso: &str) -> Option<[f64; 4]> {
        let numbers: Vec<f64> = self
            .shape(iso)?
            .d
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter_map(|n| n.parse().ok())
            .collect();
        let (w, h) = self.size();
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in numbers.chunks_exact(2) {
            let (x, y) = (p[0].clamp(0.0, w), p[1].clamp(0.0, h));
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        }
        (b[0] <= b[2]).then_some(b)
    }
}

/// The static SVG file holding a view's outlines, one `<path id="ISO">` each. Opened on
/// its own it shows the plain map; pages reference its paths with `<use>`.
pub(crate) fn sprite(view: &View) -> String {
    let (w, h) = view.size();
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}"><title>{}</title><g fill="#d5dade" stroke="#fdfdfb" stroke-width="0.6">"##,
        svg::coord(w),
        svg::coord(h),
        escape(attribution())
    );
    for shape in &view.data.countries {
        let _ = write!(
            out,
            r#"<path id="{}" d="{}"><title>{}</title></path>"#,
            escape(&shape.iso),
            escape(&shape.d),
            escape(&shape.name)
        );
    }
    out.push_str("</g></svg>\n");
    out
}

/// A view drawn on a page: which part of it, and where its sprite file is.
#[derive(Debug, Clone)]
pub(crate) struct Canvas {
    /// The view.
    pub view: View,
    /// The shown rectangle `[x, y, width, height]` in the view's pixels.
    pub frame: [f64; 4],
    /// Address of the view's sprite file from the page: `../../map/region.svg`.
    pub sprite: String,
}

impl Canvas {
    /// The whole view, for a page whose way to the site root is `root`.
    pub(crate) fn whole(view: View, root: &str) -> Self {
        let (w, h) = view.size();
        Self {
            view,
            frame: [0.0, 0.0, w, h],
            sprite: format!("{root}map/{}.svg", view.name),
        }
    }

    fn scale(&self) -> f64 {
        self.frame[2] / 1000.0
    }

    /// The sea, then every country outline; `classes` names each country's extra class.
    fn land(&self, out: &mut String, classes: impl Fn(&str) -> Option<String>) {
        let [x, y, w, h] = self.frame;
        let _ = write!(
            out,
            r#"<rect class="map-sea" x="{}" y="{}" width="{}" height="{}"/>"#,
            svg::coord(x),
            svg::coord(y),
            svg::coord(w),
            svg::coord(h)
        );
        for shape in &self.view.data.countries {
            let class = classes(&shape.iso)
                .map(|c| format!("map-land {c}"))
                .unwrap_or_else(|| "map-land".into());
            let _ = write!(
                out,
                r##"<use class="{class}" href="{}#{}"/>"##,
                escape(&self.sprite),
                escape(&shape.iso)
            );
        }
    }
}

/// What a point on a map stands for, which decides its symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Marker {
    /// The one base.
    Base,
    /// The one center.
    Center,
    /// A city on the axis.
    Axis,
    /// Any other place.
    Place,
}

impl Marker {
    /// The symbol, centred on `(x, y)`, `r` its radius.
    pub(crate) fn symbol(self, x: f64, y: f64, r: f64) -> String {
        let (cx, cy) = (svg::coord(x), svg::coord(y));
        match self {
            Marker::Base => format!(
                r#"<rect class="map-marker is-base" x="{}" y="{}" width="{}" height="{}"/>"#,
                svg::coord(x - r),
                svg::coord(y - r),
                svg::coord(2.0 * r),
                svg::coord(2.0 * r)
            ),
            Marker::Center => format!(
                r#"<path class="map-marker is-center" d="M{cx} {}L{} {cy}L{cx} {}L{} {cy}Z"/>"#,
                svg::coord(y - 1.3 * r),
                svg::coord(x + 1.3 * r),
                svg::coord(y + 1.3 * r),
                svg::coord(x - 1.3 * r)
            ),
            Marker::Axis => format!(
                r#"<circle class="map-marker is-axis" cx="{cx}" cy="{cy}" r="{}"/>"#,
                svg::coord(r)
            ),
            Marker::Place => format!(
                r#"<circle class="map-marker" cx="{cx}" cy="{cy}" r="{}"/>"#,
                svg::coord(r * 0.8)
            ),
        }
    }
}

/// A place on a map.
#[derive(Debug, Clone)]
pub(crate) struct Dot {
    /// Its name.
    pub label: String,
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
    /// Its symbol.
    pub marker: Marker,
    /// Its page, relative to the page drawing the map.
    pub href: Option<String>,
}

/// Words and numbers around a map.
#[derive(Debug, Clone)]
pub(crate) struct Caption {
    /// Anchor id, unique on the page.
    pub id: String,
    /// Caption.
    pub title: String,
    /// What the map shows, in words.
    pub description: String,
}

impl Caption {
    fn figure(&self, svg: String) -> Figure {
        Figure {
            id: self.id.clone(),
            title: self.title.clone(),
            svg,
            description: self.description.clone(),
            table: None,
            source: Some(attribution().to_string()),
        }
    }

    fn open(&self, canvas: &Canvas, role: Role) -> String {
        svg::open(
            &self.id,
            "map",
            canvas.frame,
            &self.title,
            &self.description,
            role,
        )
    }
}

/// A locator map: one country highlighted (if the view has it) and places as dots,
/// labelled when `labels` is set. A country too small to see gets a ring around it.
pub(crate) fn locator(
    caption: &Caption,
    canvas: &Canvas,
    iso: Option<&str>,
    dots: &[Dot],
    labels: bool,
) -> Figure {
    let mut out = caption.open(canvas, Role::Image);
    let current = iso.filter(|i| canvas.view.has_country(i));
    canvas.land(&mut out, |shape| {
        (Some(shape) == current).then(|| "is-current".to_string())
    });
    let scale = canvas.scale();
    if let Some(b) = current.and_then(|i| canvas.view.country_box(i))
        && (b[2] - b[0]).max(b[3] - b[1]) < 24.0 * scale
    {
        let _ = write!(
            out,
            r#"<circle class="map-ring" cx="{}" cy="{}" r="{}"/>"#,
            svg::coord((b[0] + b[2]) / 2.0),
            svg::coord((b[1] + b[3]) / 2.0),
            svg::coord(16.0 * scale)
        );
    }
    let placed = place_dots(canvas, dots, labels);
    out.push_str(&placed);
    out.push_str("</svg>");
    caption.figure(out)
}

/// One area of a choropleth map.
#[derive(Debug, Clone)]
pub(crate) struct Area {
    /// ISO 3166-1 alpha-2 code.
    pub iso: String,
    /// Name and value, announced for its link: "Laos: 23 linked records".
    pub label: String,
    /// Its page, relative to the map's page.
    pub href: String,
    /// Shade class, 0 for none.
    pub class: usize,
}

/// Countries shaded by class, each a link to its page. Small countries get a ring so there
/// is something to see and to click.
pub(crate) fn choropleth(caption: &Caption, canvas: &Canvas, areas: &[Area]) -> Figure {
    let mut out = caption.open(canvas, Role::Group);
    let linked: Vec<&str> = areas.iter().map(|a| a.iso.as_str()).collect();
    canvas.land(&mut out, |iso| {
        (!linked.contains(&iso)).then(|| "is-other".to_string())
    });
    let scale = canvas.scale();
    for area in areas.iter().filter(|a| canvas.view.has_country(&a.iso)) {
        let _ = write!(
            out,
            r##"<a class="map-link" href="{}"><title>{}</title><use class="map-land map-c{}" href="{}#{}"/>"##,
            escape(&area.href),
            escape(&area.label),
            area.class,
            escape(&canvas.sprite),
            escape(&area.iso)
        );
        if let Some(b) = canvas.view.country_box(&area.iso)
            && (b[2] - b[0]).max(b[3] - b[1]) < 24.0 * scale
        {
            let _ = write!(
                out,
                r#"<circle class="map-ring map-c{}" cx="{}" cy="{}" r="{}"/>"#,
                area.class,
                svg::coord((b[0] + b[2]) / 2.0),
                svg::coord((b[1] + b[3]) / 2.0),
                svg::coord(14.0 * scale)
            );
        }
        out.push_str("</a>");
    }
    out.push_str("</svg>");
    caption.figure(out)
}

/// The places of a spatial layout, linked to their pages, over `corridor`: the area the
/// points at those indexes of `dots` span.
pub(crate) fn layout(
    caption: &Caption,
    canvas: &Canvas,
    dots: &[Dot],
    corridor: &[usize],
) -> Figure {
    let mut out = caption.open(canvas, Role::Group);
    canvas.land(&mut out, |_| None);
    let points: Vec<(f64, f64)> = corridor
        .iter()
        .filter_map(|&i| dots.get(i))
        .map(|d| canvas.view.project(d.lat, d.lon))
        .collect();
    let hull = convex_hull(&points);
    if hull.len() >= 2 {
        let d: Vec<String> = hull
            .iter()
            .map(|&(x, y)| format!("{} {}", svg::coord(x), svg::coord(y)))
            .collect();
        let _ = write!(out, r#"<path class="map-corridor" d="M{}Z"/>"#, d.join("L"));
    }
    out.push_str(&place_dots(canvas, dots, true));
    out.push_str("</svg>");
    caption.figure(out)
}

/// Draws the dots inside the view, then their labels where they do not collide.
fn place_dots(canvas: &Canvas, dots: &[Dot], labels: bool) -> String {
    let scale = canvas.scale();
    let font = 18.0 * scale.max(0.6);
    let r = 6.0 * scale.max(0.6);
    let mut order: Vec<&Dot> = dots
        .iter()
        .filter(|d| canvas.view.contains(d.lat, d.lon))
        .collect();
    order.sort_by(|a, b| (a.marker, &a.label).cmp(&(b.marker, &b.label)));
    let points: Vec<(f64, f64)> = order
        .iter()
        .map(|d| canvas.view.project(d.lat, d.lon))
        .collect();
    let mut taken: Vec<[f64; 4]> = points
        .iter()
        .map(|&(x, y)| [x - r, y - r, x + r, y + r])
        .collect();
    let mut out = String::new();
    for (dot, &(x, y)) in order.iter().zip(&points) {
        let mut item = dot.marker.symbol(x, y, r);
        if labels {
            let width = svg::text_width(&dot.label, font);
            let spot = label_spot(canvas.frame, &taken, (x, y), r, (width, font));
            taken.push(spot);
            let _ = write!(
                item,
                r#"<text class="map-label" x="{}" y="{}" font-size="{}">{}</text>"#,
                svg::coord(spot[0]),
                svg::coord(spot[3] - font * 0.22),
                svg::coord(font),
                escape(&dot.label)
            );
        }
        match &dot.href {
            Some(href) => {
                let _ = write!(
                    out,
                    r#"<a class="map-link" href="{}"><title>{}</title>{item}</a>"#,
                    escape(href),
                    escape(&dot.label)
                );
            }
            None => out.push_str(&item),
        }
    }
    out
}

/// The first of right, left, above, below a point where a label fits without covering
/// another label or marker and stays in the frame; right when none does.
fn label_spot(
    frame: [f64; 4],
    taken: &[[f64; 4]],
    (x, y): (f64, f64),
    r: f64,
    (w, h): (f64, f64),
) -> [f64; 4] {
    let gap = r + 3.0;
    let candidates = [
        [x + gap, y - h / 2.0],
        [x - gap - w, y - h / 2.0],
        [x - w / 2.0, y - gap - h],
        [x - w / 2.0, y + gap],
        [x + gap, y - gap - h * 0.8],
        [x + gap, y + gap * 0.4],
        [x - gap - w, y - gap - h * 0.8],
        [x - gap - w, y + gap * 0.4],
    ];
    let boxes = candidates.map(|[x0, y0]| [x0, y0, x0 + w, y0 + h]);
    let inside = |b: &[f64; 4]| {
        b[0] >= frame[0]
            && b[1] >= frame[1]
            && b[2] <= frame[0] + frame[2]
            && b[3] <= frame[1] + frame[3]
    };
    let overlaps = |b: &[f64; 4]| {
        taken
            .iter()
            .any(|t| b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3])
    };
    boxes
        .iter()
        .find(|b| inside(b) && !overlaps(b))
        .copied()
        .unwrap_or(boxes[0])
}

/// The convex hull of points, counter-clockwise (Andrew's monotone chain).
fn convex_hull(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut pts = points.to_vec();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| {
        (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
    };
    let mut hull: Vec<(f64, f64)> = Vec::with_capacity(pts.len() * 2);
    for pass in [pts.clone(), pts.iter().rev().copied().collect()] {
        let start = hull.len();
        for p in pass {
            while hull.len() >= start + 2
                && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0.0
            {
                hull.pop();
            }
            hull.push(p);
        }
        hull.pop();
    }
    hull
}

/// A ring of a concentric structure and the names in it.
#[derive(Debug, Clone)]
pub(crate) struct Ring {
    /// Its number, 1 innermost.
    pub number: u32,
    /// What lies in it; empty when the atlas has nothing there.
    pub names: Vec<String>,
}

/// Nested circles, one per ring from 1 to the largest given, each labelled at its top.
pub(crate) fn rings(caption: &Caption, rings: &[Ring]) -> Option<Figure> {
    let outer = rings.iter().map(|r| r.number).max()?;
    let step = 22.0;
    let radius = step * f64::from(outer);
    let (cx, cy) = (radius + 8.0, radius + 8.0);
    let label_x = cx * 2.0 + 16.0;
    let width = label_x + 300.0;
    let height = cy * 2.0;
    let mut out = svg::open(
        &caption.id,
        "chart",
        [0.0, 0.0, width, height],
        &caption.title,
        &caption.description,
        Role::Image,
    );
    for n in (1..=outer).rev() {
        let _ = write!(
            out,
            r#"<circle class="map-rings" cx="{}" cy="{}" r="{}"/>"#,
            svg::coord(cx),
            svg::coord(cy),
            svg::coord(step * f64::from(n))
        );
    }
    for n in 1..=outer {
        let names = rings
            .iter()
            .find(|r| r.number == n)
            .map(|r| r.names.join(", "))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "no place in the atlas".into());
        let y = cy - step * f64::from(n) + step / 2.0;
        let text = format!("{n}: {names}");
        let text = svg::wrap(&text, 300.0, 13.0).swap_remove(0);
        let _ = write!(
            out,
            r#"<line class="chart-axis" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}"/><text class="chart-label" x="{tx}" y="{ty}">{t}</text>"#,
            x1 = svg::coord(cx),
            x2 = svg::coord(label_x - 4.0),
            y = svg::coord(y),
            tx = svg::coord(label_x),
            ty = svg::coord(y + 4.5),
            t = escape(&text)
        );
    }
    out.push_str("</svg>");
    let mut figure = caption.figure(out);
    figure.source = None;
    Some(figure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption() -> Caption {
        Caption {
            id: "fig-map".into(),
            title: "Laos & its <neighbours>".into(),
            description: "A map.".into(),
        }
    }

    #[test]
    fn the_base_map_parses_and_has_both_views() {
        let region = region().unwrap();
        assert_eq!(region.size(), (1000.0, 810.0));
        assert!(region.has_country("CN") && region.has_country("SG"));
        assert!(guangxi().unwrap().has_country("VN"));
        assert!(attribution().contains("Natural Earth"));
    }

    #[test]
    fn projects_like_the_script_that_drew_the_outlines() {
        let region = region().unwrap();
        // The corners of the box.
        assert_eq!(region.project(29.0, 92.0), (0.0, 0.0));
        assert_eq!(region.project(-11.0, 142.0), (1000.0, 810.0));
        // Singapore (1.35° N, 103.82° E) falls inside Singapore's outline.
        let (x, y) = region.project(1.35, 103.82);
        let b = region.country_box("SG").unwrap();
        assert!(
            b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3],
            "{x},{y} {b:?}"
        );
        // Nanning lies in China on the Guangxi view.
        let g = guangxi().unwrap();
        let (x, y) = g.project(22.82, 108.37);
        let b = g.country_box("CN").unwrap();
        assert!(b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3]);
        assert!(
            !region.contains(39.9, 116.41),
            "Beijing is north of the region view"
        );
    }

    #[test]
    fn the_sprite_has_one_path_per_country_with_its_code_as_id() {
        let region = region().unwrap();
        let sprite = sprite(&region);
        assert!(sprite.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(
            sprite.matches("<path id=").count(),
            region.data.countries.len()
        );
        assert!(sprite.contains(r#"<path id="LA" d="M"#));
    }

    #[test]
    fn a_locator_map_highlights_its_country_and_refers_to_the_sprite() {
        let canvas = Canvas::whole(region().unwrap(), "../../");
        let dots = [Dot {
            label: "Vientiane".into(),
            lat: 17.97,
            lon: 102.6,
            marker: Marker::Place,
            href: None,
        }];
        let figure = locator(&caption(), &canvas, Some("LA"), &dots, false);
        assert!(
            figure
                .svg
                .contains(r#"<use class="map-land is-current" href="../../map/region.svg#LA"/>"#)
        );
        assert_eq!(figure.svg.matches("is-current").count(), 1);
        assert_eq!(
            figure.svg.matches("<circle class=\"map-marker\"").count(),
            1
        );
        assert!(figure.svg.contains(r#"role="img""#));
        assert!(figure.svg.contains("Laos &amp; its &lt;neighbours&gt;"));
        assert!(
            !figure.svg.contains("map-ring"),
            "Laos is big enough to see"
        );
        let sg = locator(&caption(), &canvas, Some("SG"), &[], false);
        assert!(sg.svg.contains("map-ring"), "Singapore gets a ring");
    }

    #[test]
    fn a_choropleth_links_each_shaded_country() {
        let canvas = Canvas::whole(region().unwrap(), "../");
        let areas = [
            Area {
                iso: "LA".into(),
                label: "Laos: 3 linked records".into(),
                href: "../countries/laos/".into(),
                class: 2,
            },
            Area {
                iso: "ZZ".into(),
                label: "Nowhere".into(),
                href: "../countries/nowhere/".into(),
                class: 1,
            },
        ];
        let figure = choropleth(&caption(), &canvas, &areas);
        assert!(figure.svg.contains(r#"<a class="map-link" href="../countries/laos/"><title>Laos: 3 linked records</title><use class="map-land map-c2" href="../map/region.svg#LA"/></a>"#));
        assert!(!figure.svg.contains("nowhere"), "no outline, no link");
        assert!(figure.svg.contains(r#"role="group""#));
    }

    #[test]
    fn labels_avoid_each_other() {
        let canvas = Canvas::whole(guangxi().unwrap(), "../");
        let dot = |label: &str, lat, lon| Dot {
            label: label.into(),
            lat,
            lon,
            marker: Marker::Axis,
            href: Some("x/".into()),
        };
        let dots = [dot("Nanning", 22.82, 108.37), dot("CNCB", 22.76, 108.41)];
        let figure = layout(&caption(), &canvas, &dots, &[0, 1]);
        let xs: Vec<&str> = figure
            .svg
            .split("<text class=\"map-label\" x=\"")
            .skip(1)
            .collect();
        assert_eq!(xs.len(), 2);
        assert_ne!(xs[0].split('"').next(), xs[1].split('"').next());
        assert!(figure.svg.contains("map-corridor"));
    }

    #[test]
    fn hull_keeps_only_the_outer_points() {
        let hull = convex_hull(&[(0.0, 0.0), (4.0, 0.0), (2.0, 1.0), (4.0, 4.0), (0.0, 4.0)]);
        assert_eq!(hull.len(), 4);
        assert!(!hull.contains(&(2.0, 1.0)));
        assert_eq!(convex_hull(&[(1.0, 1.0), (2.0, 2.0)]).len(), 2);
    }

    #[test]
    fn rings_are_drawn_from_one_to_the_outermost() {
        let figure = rings(
            &caption(),
            &[
                Ring {
                    number: 2,
                    names: vec!["CNCB".into()],
                },
                Ring {
                    number: 4,
                    names: vec!["Beihai".into(), "Guilin".into()],
                },
            ],
        )
        .unwrap();
        assert_eq!(figure.svg.matches("<circle class=\"map-rings\"").count(), 4);
        assert!(figure.svg.contains("1: no place in the atlas"));
        assert!(figure.svg.contains("4: Beihai, Guilin"));
        assert!(rings(&caption(), &[]).is_none());
    }
}
