//! The `/map/` page: countries shaded by how many records link to them, each a link to its
//! page, with the counts as a table; the places of the spatial layout ("one base, one
//! center, one axis") from their coordinates; and the rings of the concentric structure.
//! Also writes the base-map files (`map/<view>.svg`) that every map on the site uses.

use serde::Serialize;

use super::figures::{coordinates, place_dot};
use super::maps::{self, Area, Canvas, Caption, Marker, Ring};
use super::views::{Crumb, Figure, LinkView, PageView};
use super::{RenderError, Renderer, facts};
use crate::kinds::{CITES, Data, Kind, LayoutRole, Place, PlaceCategory};
use crate::model::{Record, Site};

/// The most shades the map uses, besides "none": few enough to tell apart.
const SHADES: usize = 4;

#[derive(Serialize)]
struct MapContext {
    countries: Option<Countries>,
    layout: Option<Layout>,
    rings: Option<Rings>,
}

#[derive(Serialize)]
struct Countries {
    figure: Figure,
    legend: Vec<Shade>,
    rows: Vec<CountryRow>,
}

/// A legend entry of the shaded map.
#[derive(Serialize)]
struct Shade {
    class: String,
    label: String,
}

#[derive(Serialize)]
struct CountryRow {
    link: LinkView,
    count: usize,
    class: String,
    on_map: bool,
}

#[derive(Serialize)]
struct Layout {
    figure: Figure,
    legend: Vec<Symbol>,
    rows: Vec<PlaceRow>,
}

/// A legend entry of the layout map: the symbol as a tiny SVG, and its meaning.
#[derive(Serialize)]
struct Symbol {
    svg: String,
    label: String,
}

#[derive(Serialize)]
struct PlaceRow {
    link: LinkView,
    roles: String,
    ring: Option<u32>,
    coordinates: String,
}

#[derive(Serialize)]
struct Rings {
    figure: Figure,
    rows: Vec<RingRow>,
}

#[derive(Serialize)]
struct RingRow {
    number: u32,
    places: Vec<LinkView>,
}

/// Writes the base-map files and the `/map/` page.
pub(super) fn render(r: &Renderer<'_>) -> Result<(), RenderError> {
    for view in [maps::region(), maps::guangxi()].into_iter().flatten() {
        r.emit_file(
            &format!("map/{}.svg", view.name),
            maps::sprite(&view).as_bytes(),
        )?;
    }
    let crumbs = vec![Crumb::home()];
    let page = PageView::new(
        r.site,
        "map/".into(),
        "Map".into(),
        format!(
            "Countries shaded by the records of {} that involve them, and the places of its spatial layout.",
            r.site.config.title
        ),
        crumbs,
    );
    let context = MapContext {
        countries: countries(r.site, &page.root),
        layout: layout(r.site, &page.root),
        rings: rings(r.site),
    };
    let html = r.page("map.html", page, &context)?;
    r.emit_page("map/", html)
}

/// How many distinct records link to a record (citations aside).
fn linked_records(site: &Site, id: usize) -> usize {
    let mut from: Vec<usize> = site
        .links_to(id)
        .filter(|l| l.relation != &CITES)
        .map(|l| l.from)
        .collect();
    from.sort_unstable();
    from.dedup();
    from.len()
}

/// Class ranges for shading: up to `classes` quantile groups of the positive counts, as
/// inclusive `(low, high)` ranges that never overlap.
fn class_ranges(counts: &[usize], classes: usize) -> Vec<(usize, usize)> {
    let mut values: Vec<usize> = counts.iter().copied().filter(|&c| c > 0).collect();
    values.sort_unstable();
    let mut distinct = values.clone();
    distinct.dedup();
    let k = classes.min(distinct.len());
    let n = values.len();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for j in 1..=k {
        let high = values[(j * n).div_ceil(k) - 1];
        let low = ranges.last().map_or(values[0], |&(_, h)| h + 1);
        if high >= low {
            ranges.push((low, high));
        }
    }
    ranges
}

/// The class (1 = fewest) a count falls in; 0 for none.
fn class_of(count: usize, ranges: &[(usize, usize)]) -> usize {
    ranges
        .iter()
        .position(|&(lo, hi)| (lo..=hi).contains(&count))
        .map_or(0, |i| i + 1)
}

fn records_word(n: usize) -> &'static str {
    if n == 1 { "record" } else { "records" }
}

fn countries(site: &Site, root: &str) -> Option<Countries> {
    let view = maps::region()?;
    let list: Vec<(&Record, &str, usize)> = site
        .of_kind(Kind::Country)
        .iter()
        .filter_map(|r| match &r.data {
            Data::Country(c) => {
                let id = site.find(Kind::Country, &r.slug)?;
                Some((r, c.iso_code.0.as_str(), linked_records(site, id)))
            }
            _ => None,
        })
        .collect();
    if list.is_empty() {
        return None;
    }
    let counts: Vec<usize> = list.iter().map(|&(_, _, n)| n).collect();
    let ranges = class_ranges(&counts, SHADES);
    let areas: Vec<Area> = list
        .iter()
        .map(|&(r, iso, n)| Area {
            iso: iso.to_string(),
            label: format!("{}: {n} linked {}", r.meta.title, records_word(n)),
            href: format!("{root}{}", r.url_path()),
            class: class_of(n, &ranges),
        })
        .collect();
    let described: Vec<String> = list
        .iter()
        .map(|&(r, _, n)| format!("{} {n}", r.meta.title))
        .collect();
    let caption = Caption {
        id: "map-countries".into(),
        title: "Countries by the number of records linked to them".into(),
        description: format!(
            "Map of {}. Each country of the atlas is shaded by how many records link to it and links to its page: {}.",
            view.label(),
            described.join("; ")
        ),
    };
    let figure = maps::choropleth(&caption, &Canvas::whole(view, root), &areas);
    let mut rows: Vec<CountryRow> = list
        .iter()
        .zip(&areas)
        .map(|(&(r, iso, n), area)| CountryRow {
            link: LinkView::to(r),
            count: n,
            class: format!("map-c{}", area.class),
            on_map: view.has_country(iso),
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.link.title.cmp(&b.link.title)));
    Some(Countries {
        figure,
        legend: legend(&ranges, counts.contains(&0)),
        rows,
    })
}

/// The shades in order, then the unshaded: none linked (when some country has none),
/// and the countries outside the atlas.
fn legend(ranges: &[(usize, usize)], any_zero: bool) -> Vec<Shade> {
    let mut legend = Vec::new();
    if any_zero {
        legend.push(Shade {
            class: "map-c0".into(),
            label: "No linked records".into(),
        });
    }
    legend.extend(ranges.iter().enumerate().map(|(i, &(lo, hi))| Shade {
        class: format!("map-c{}", i + 1),
        label: if lo == hi {
            format!("{lo} linked {}", records_word(lo))
        } else {
            format!("{lo}–{hi} linked records")
        },
    }));
    legend.push(Shade {
        class: "is-other".into(),
        label: "Not in the atlas".into(),
    });
    legend
}

/// Places with a part in the layout or a ring, regions aside (a region is an area, not a
/// point: its coordinates only place its label).
fn layout_places(site: &Site) -> Vec<(&Record, &Place)> {
    site.of_kind(Kind::Place)
        .iter()
        .filter_map(|r| match &r.data {
            Data::Place(p) if !p.layout_roles.is_empty() || p.ring.is_some() => Some((r, p)),
            _ => None,
        })
        .collect()
}

fn roles_text(p: &Place) -> String {
    p.layout_roles
        .iter()
        .map(|r| format!("One {}", facts::enum_label(r).to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn layout(site: &Site, root: &str) -> Option<Layout> {
    let view = maps::guangxi()?;
    let places = layout_places(site);
    let drawn: Vec<&(&Record, &Place)> = places
        .iter()
        .filter(|(_, p)| p.category != PlaceCategory::Region && view.contains(p.lat.0, p.lon.0))
        .collect();
    if drawn.is_empty() {
        return None;
    }
    let dots: Vec<_> = drawn.iter().map(|(r, p)| place_dot(r, p, root)).collect();
    // The axis is drawn as the area its cities span, not as a line through them: places
    // carry no order along the axis, and the report's own list ("from north to south":
    // Nanning, Guilin, Beihai, Qinzhou, Liuzhou) is not in north-south order, so any line
    // would invent a route the source does not give.
    let corridor: Vec<usize> = drawn
        .iter()
        .enumerate()
        .filter(|(_, (_, p))| p.layout_roles.contains(&LayoutRole::Axis))
        .map(|(i, _)| i)
        .collect();
    let canvas = Canvas::whole(view, root);
    let names: Vec<String> = drawn
        .iter()
        .map(|(r, p)| match roles_text(p) {
            roles if roles.is_empty() => r.meta.title.clone(),
            roles => format!("{} ({})", r.meta.title, roles.to_lowercase()),
        })
        .collect();
    let caption = Caption {
        id: "map-layout".into(),
        title: "The spatial layout".into(),
        description: format!(
            "Map of {} with the places of the spatial layout, each a link to its page: {}.{}",
            view.label(),
            names.join("; "),
            if corridor.len() >= 2 {
                " A shaded band spans the cities of the axis."
            } else {
                ""
            }
        ),
    };
    let figure = maps::layout(&caption, &canvas, &dots, &corridor);
    let rows = places
        .iter()
        .map(|(r, p)| PlaceRow {
            link: LinkView::to(r),
            roles: roles_text(p),
            ring: p.ring.as_ref().map(|r| r.value),
            coordinates: coordinates(p),
        })
        .collect();
    Some(Layout {
        figure,
        legend: symbols(&dots, corridor.len() >= 2),
        rows,
    })
}

fn symbols(dots: &[maps::Dot], corridor: bool) -> Vec<Symbol> {
    let mut markers: Vec<Marker> = dots.iter().map(|d| d.marker).collect();
    markers.sort();
    markers.dedup();
    let tiny = |inner: String| {
        format!(
            r#"<svg class="legend-symbol" viewBox="-10 -10 20 20" width="20" height="20" aria-hidden="true">{inner}</svg>"#
        )
    };
    let mut out: Vec<Symbol> = markers
        .into_iter()
        .map(|m| Symbol {
            svg: tiny(m.symbol(0.0, 0.0, 6.0)),
            label: match m {
                Marker::Base => "One base",
                Marker::Center => "One center",
                Marker::Axis => "A city of the axis",
                Marker::Place => "Another place of the layout",
            }
            .into(),
        })
        .collect();
    if corridor {
        out.push(Symbol {
            svg: tiny(r#"<rect class="map-corridor-swatch" x="-9" y="-6" width="18" height="12" rx="6"/>"#.into()),
            label: "The area the axis cities span".into(),
        });
    }
    out
}

fn rings(site: &Site) -> Option<Rings> {
    let mut rows: Vec<RingRow> = Vec::new();
    let mut places = layout_places(site);
    places.sort_by(|a, b| a.0.meta.title.cmp(&b.0.meta.title));
    for (r, p) in places {
        let Some(number) = p.ring.as_ref().map(|r| r.value) else {
            continue;
        };
        match rows.iter_mut().find(|row| row.number == number) {
            Some(row) => row.places.push(LinkView::to(r)),
            None => rows.push(RingRow {
                number,
                places: vec![LinkView::to(r)],
            }),
        }
    }
    rows.sort_by_key(|r| r.number);
    let rings: Vec<Ring> = rows
        .iter()
        .map(|row| Ring {
            number: row.number,
            names: row.places.iter().map(|l| l.title.clone()).collect(),
        })
        .collect();
    let described: Vec<String> = rings
        .iter()
        .map(|r| format!("ring {}: {}", r.number, r.names.join(", ")))
        .collect();
    let caption = Caption {
        id: "map-rings".into(),
        title: "The concentric structure".into(),
        description: format!(
            "Nested rings numbered from the innermost, with the places whose records give that ring: {}.",
            described.join("; ")
        ),
    };
    let figure = maps::rings(&caption, &rings)?;
    Some(Rings { figure, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_split_counts_into_ranges_that_do_not_overlap() {
        let counts = [5, 6, 8, 9, 12, 13, 15, 20, 30, 40, 200, 0];
        let ranges = class_ranges(&counts, 4);
        assert_eq!(ranges, vec![(5, 8), (9, 13), (14, 30), (31, 200)]);
        assert_eq!(class_of(0, &ranges), 0);
        assert_eq!(class_of(5, &ranges), 1);
        assert_eq!(class_of(14, &ranges), 3);
        assert_eq!(class_of(200, &ranges), 4);
    }

    #[test]
    fn fewer_distinct_counts_give_fewer_classes() {
        assert_eq!(class_ranges(&[3, 3, 3], 4), vec![(3, 3)]);
        assert_eq!(class_ranges(&[1, 2], 4), vec![(1, 1), (2, 2)]);
        assert!(class_ranges(&[0, 0], 4).is_empty());
        assert!(class_ranges(&[], 4).is_empty());
    }
}
