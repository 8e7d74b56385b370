//! The visual timeline, drawn at build time as one small SVG: the phases as bands behind
//! one row per kind, each item a bar as wide as the period its date covers (a year, a
//! month or a day), so a date's precision shows in the picture too. Colours come from
//! CSS classes, so dark mode applies; bars are emitted in list order, so the script can
//! hide the bar of each hidden list item by position.

use std::fmt::Write as _;

use super::Item;
use crate::date::{PartialDate, Precision};
use crate::kinds::{Data, Kind};
use crate::model::Site;
use crate::render::facts;
use crate::render::views::{DataTable, Figure};

const WIDTH: f64 = 1000.0;
/// Room for the row labels on the left.
const GUTTER: f64 = 92.0;
const RIGHT: f64 = 8.0;
/// Two rows of phase labels, then the year labels, then the first row.
const TOP: f64 = 58.0;
const LANE: f64 = 10.0;
const BAR: f64 = 7.0;
/// Narrowest bar drawn: a day is a fraction of a pixel.
const MIN_BAR: f64 = 3.0;
const LEGEND: f64 = 26.0;
/// Average width of a character of 12px label text, to keep labels inside the picture.
const LABEL_CHAR: f64 = 6.8;

/// The year axis shared by every timeline page, so they can be compared.
#[derive(Debug, Clone, Copy)]
pub(super) struct Axis {
    first: i32,
    /// The year after the last item's: where open phases end.
    end: i32,
    scale: f64,
}

impl Axis {
    pub(super) fn new(items: &[Item]) -> Option<Self> {
        let first = items.iter().map(|i| i.date.year_value()).min()?;
        let last = items.iter().map(|i| i.date.year_value()).max()?;
        let end = last + 1;
        let scale = (WIDTH - GUTTER - RIGHT) / f64::from(end - first);
        Some(Self { first, end, scale })
    }

    fn x(&self, years: f64) -> f64 {
        let clamped = years.clamp(f64::from(self.first), f64::from(self.end));
        GUTTER + (clamped - f64::from(self.first)) * self.scale
    }
}

/// The years a date covers, as fractional years. Days are placed as 1/31 of their month:
/// close enough for a picture, and no calendar arithmetic.
fn span(date: &PartialDate) -> (f64, f64) {
    let year = f64::from(date.year_value());
    match (date.month(), date.day()) {
        (Some(m), Some(d)) => {
            let start = year + (f64::from(m) - 1.0 + (f64::from(d) - 1.0) / 31.0) / 12.0;
            (start, start + 1.0 / 372.0)
        }
        (Some(m), None) => {
            let start = year + (f64::from(m) - 1.0) / 12.0;
            (start, start + 1.0 / 12.0)
        }
        _ => (year, year + 1.0),
    }
}

/// A number for SVG: one decimal at most.
fn n(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

fn precision_class(date: &PartialDate) -> &'static str {
    match date.precision() {
        Precision::Year => "y",
        Precision::Month => "m",
        Precision::Day => "d",
    }
}

/// A phase band: title, start, end (`None` while it continues).
pub(super) struct Band<'a> {
    title: &'a str,
    start: PartialDate,
    end: Option<PartialDate>,
}

/// The phases, in order.
pub(super) fn bands(site: &Site) -> Vec<Band<'_>> {
    let mut phases: Vec<_> = site.of_kind(Kind::Phase).iter().collect();
    phases.sort_by_cached_key(|r| facts::order_key(r));
    phases
        .into_iter()
        .filter_map(|r| match &r.data {
            Data::Phase(p) => Some(Band {
                title: &r.meta.title,
                start: p.start,
                end: p.end.as_ref().map(|e| e.value),
            }),
            _ => None,
        })
        .collect()
}

/// A bar's place: where it starts, how wide, which row and lane.
struct Bar {
    x: f64,
    width: f64,
    row: usize,
    lane: usize,
}

/// The most lanes a row gets. Past that many overlapping bars the picture is a density
/// plot, not a list (the list below the picture has every record), and packing stays
/// linear in the number of bars however many share a date.
const MAX_LANES: usize = 24;

/// Packs each kind's bars into lanes, first fit, in date order; when every one of
/// [`MAX_LANES`] lanes is taken, the bar joins the lane that frees up first.
fn place(axis: &Axis, shown: &[&Item]) -> (Vec<Kind>, Vec<usize>, Vec<Bar>) {
    let mut kinds: Vec<Kind> = shown.iter().map(|i| i.kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut lane_ends: Vec<Vec<f64>> = vec![Vec::new(); kinds.len()];
    let mut bars = Vec::with_capacity(shown.len());
    for item in shown {
        let row = kinds.binary_search(&item.kind).unwrap_or(0);
        let (from, to) = span(&item.date);
        let x = axis.x(from);
        let width = (axis.x(to) - x).max(MIN_BAR);
        let ends = &mut lane_ends[row];
        let lane = match ends.iter().position(|&end| end + 1.0 <= x) {
            Some(lane) => lane,
            None if ends.len() < MAX_LANES => {
                ends.push(0.0);
                ends.len() - 1
            }
            None => (0..ends.len())
                .min_by(|&a, &b| ends[a].total_cmp(&ends[b]))
                .unwrap_or(0),
        };
        ends[lane] = x + width;
        bars.push(Bar {
            x,
            width,
            row,
            lane,
        });
    }
    let lanes = lane_ends.iter().map(|l| l.len().max(1)).collect();
    (kinds, lanes, bars)
}

fn row_height(lanes: usize) -> f64 {
    (lanes as f64 * LANE + 8.0).max(22.0)
}

/// The picture, its text alternative and its numbers; `None` when nothing is dated.
pub(super) fn figure(bands: &[Band<'_>], all: &[Item], shown: &[&Item]) -> Option<Figure> {
    let axis = Axis::new(all)?;
    let (kinds, lanes, bars) = place(&axis, shown);
    let mut tops = Vec::with_capacity(kinds.len());
    let mut y = TOP;
    for &l in &lanes {
        tops.push(y);
        y += row_height(l);
    }
    let height = y + LEGEND;
    let title = format!(
        "Timeline of {} dated records, {} to {}",
        shown.len(),
        axis.first,
        axis.end - 1
    );
    let mut svg = format!(
        "<svg class=\"tl-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"tl-chart-title\" aria-describedby=\"tl-chart-desc\"><title id=\"tl-chart-title\">{title}</title>",
        w = n(WIDTH),
        h = n(height),
    );
    draw_bands(&mut svg, &axis, bands, height);
    draw_axis(&mut svg, &axis, height - LEGEND);
    draw_rows(&mut svg, &kinds, &tops, &lanes);
    svg.push_str("<g class=\"tl-marks\">");
    for (bar, item) in bars.iter().zip(shown) {
        let _ = write!(
            svg,
            "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR}\"/>",
            precision_class(&item.date),
            n(bar.x),
            n(tops[bar.row] + 4.0 + bar.lane as f64 * LANE),
            n(bar.width),
        );
    }
    svg.push_str("</g>");
    draw_legend(&mut svg, height - LEGEND + 8.0);
    svg.push_str("</svg>");
    Some(Figure {
        id: "tl-chart".into(),
        title: "The timeline at a glance".into(),
        svg,
        description: describe(&axis, bands, &kinds, shown),
        table: Some(table(&kinds, shown)),
        source: None,
    })
}

fn draw_bands(svg: &mut String, axis: &Axis, bands: &[Band<'_>], height: f64) {
    svg.push_str("<g class=\"tl-bands\">");
    for (i, band) in bands.iter().enumerate() {
        let x = axis.x(span(&band.start).0);
        let end = band
            .end
            .map_or(f64::from(axis.end), |e| span(&e).0)
            .max(span(&band.start).0);
        let width = axis.x(end) - x;
        // Labels alternate between two rows so neighbours do not overlap; one that would
        // run past the right edge ends at its band's end instead.
        let label_y = if i % 2 == 0 { 14.0 } else { 30.0 };
        let label_width = band.title.chars().count() as f64 * LABEL_CHAR;
        let label = if x + 3.0 + label_width > WIDTH {
            format!("x=\"{}\" text-anchor=\"end\"", n(x + width - 3.0))
        } else {
            format!("x=\"{}\"", n(x + 3.0))
        };
        let _ = write!(
            svg,
            "<rect class=\"b{}\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\"/><text {label} y=\"{label_y}\">{}</text>",
            i % 2,
            n(x),
            n(width),
            n(height - LEGEND),
            crate::markdown::html_escape(band.title),
        );
    }
    svg.push_str("</g>");
}

fn draw_axis(svg: &mut String, axis: &Axis, bottom: f64) {
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|&s| f64::from(s) * axis.scale >= 36.0)
        .unwrap_or(100);
    svg.push_str("<g class=\"tl-axis\">");
    for year in axis.first..axis.end {
        let x = n(axis.x(f64::from(year)));
        let _ = write!(
            svg,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"/>",
            n(TOP - 8.0),
            n(bottom)
        );
        if (year - axis.first) % step == 0 {
            let mid = n(axis.x(f64::from(year) + 0.5 * f64::from(step.min(axis.end - year))));
            let _ = write!(
                svg,
                "<text x=\"{mid}\" y=\"{}\">{year}</text>",
                n(TOP - 12.0)
            );
        }
    }
    svg.push_str("</g>");
}

fn draw_rows(svg: &mut String, kinds: &[Kind], tops: &[f64], lanes: &[usize]) {
    svg.push_str("<g class=\"tl-rows\">");
    for ((kind, &top), &l) in kinds.iter().zip(tops).zip(lanes) {
        let bottom = n(top + row_height(l));
        let _ = write!(
            svg,
            "<text x=\"4\" y=\"{}\">{}</text><line x1=\"0\" x2=\"{}\" y1=\"{bottom}\" y2=\"{bottom}\"/>",
            n(top + 15.0),
            kind.plural_label(),
            n(WIDTH)
        );
    }
    svg.push_str("</g>");
}

fn draw_legend(svg: &mut String, y: f64) {
    svg.push_str("<g class=\"tl-legend\">");
    let _ = write!(svg, "<text x=\"4\" y=\"{}\">Dated to</text>", n(y + BAR));
    let mut x = GUTTER;
    for (class, label, width) in [
        ("y", "a year", 30.0),
        ("m", "a month", 8.0),
        ("d", "a day", MIN_BAR),
    ] {
        let _ = write!(
            svg,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR}\"/><text x=\"{}\" y=\"{}\">{label}</text>",
            n(x),
            n(y),
            n(width),
            n(x + width + 5.0),
            n(y + BAR)
        );
        x += width + 80.0;
    }
    svg.push_str("</g>");
}

/// What the picture shows, in words.
fn describe(axis: &Axis, bands: &[Band<'_>], kinds: &[Kind], shown: &[&Item]) -> String {
    let rows: Vec<String> = kinds
        .iter()
        .map(|k| {
            let count = shown.iter().filter(|i| i.kind == *k).count();
            format!("{} {count}", k.plural_label().to_lowercase())
        })
        .collect();
    let phases: Vec<String> = bands
        .iter()
        .map(|b| match b.end {
            Some(end) => format!(
                "{}, {} to {}",
                b.title,
                b.start.display_long(),
                end.display_long()
            ),
            None => format!("{}, from {} (continuing)", b.title, b.start.display_long()),
        })
        .collect();
    let mut text = format!(
        "{} dated records on a year axis from {} to {}, one row per kind ({}).",
        shown.len(),
        axis.first,
        axis.end - 1,
        rows.join(", ")
    );
    if !phases.is_empty() {
        let _ = write!(
            text,
            " Behind them, the phases as bands: {}.",
            phases.join("; ")
        );
    }
    text.push_str(
        " Each bar spans the period its date covers: a whole year, a month or a day. \
         The list below gives every record.",
    );
    text
}

/// The numbers behind the picture: records per year and kind.
fn table(kinds: &[Kind], shown: &[&Item]) -> DataTable {
    let mut head = vec!["Year".to_string()];
    head.extend(kinds.iter().map(|k| k.plural_label().to_string()));
    head.push("Total".into());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut year_items: Vec<&Item> = Vec::new();
    let flush = |items: &mut Vec<&Item>, rows: &mut Vec<Vec<String>>| {
        let Some(first) = items.first() else { return };
        let mut row = vec![first.date.year_value().to_string()];
        row.extend(
            kinds
                .iter()
                .map(|k| items.iter().filter(|i| i.kind == *k).count().to_string()),
        );
        row.push(items.len().to_string());
        rows.push(row);
        items.clear();
    };
    for item in shown {
        if year_items
            .first()
            .is_some_and(|f| f.date.year_value() != item.date.year_value())
        {
            flush(&mut year_items, &mut rows);
        }
        year_items.push(item);
    }
    flush(&mut year_items, &mut rows);
    DataTable { head, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::timeline::Milestone;

    fn item(date: &str, kind: Kind) -> Item {
        Item {
            date: date.parse().unwrap(),
            milestone: Milestone::Dated,
            record: 0,
            kind,
            label: None,
            countries: Vec::new(),
            platforms: Vec::new(),
        }
    }

    #[test]
    fn a_bar_is_as_wide_as_the_period_its_date_covers() {
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(span(&d("2016")), (2016.0, 2017.0));
        let (from, to) = span(&d("2016-07"));
        assert!((from - 2016.5).abs() < 1e-9 && (to - from - 1.0 / 12.0).abs() < 1e-9);
        let (from, to) = span(&d("2016-07-01"));
        assert!((from - 2016.5).abs() < 1e-9 && to - from < 0.003);
    }

    #[test]
    fn draws_every_item_in_list_order_with_its_words_and_numbers() {
        let all = [
            item("2015", Kind::Forum),
            item("2016-04", Kind::Phase),
            item("2016-04-29", Kind::Event),
            item("2016-06", Kind::Event),
        ];
        let shown: Vec<&Item> = all.iter().collect();
        let figure = figure(&[], &all, &shown).unwrap();
        assert_eq!(figure.svg.matches("<rect class=\"").count(), 4 + 3);
        let marks = &figure.svg[figure.svg.find("tl-marks").unwrap()..];
        let classes: Vec<&str> = marks
            .split("<rect class=\"")
            .skip(1)
            .take(4)
            .map(|s| &s[..1])
            .collect();
        assert_eq!(classes, ["y", "m", "d", "m"]);
        assert!(figure.svg.contains("role=\"img\""));
        assert!(
            figure
                .description
                .starts_with("4 dated records on a year axis from 2015 to 2016")
        );
        let table = figure.table.unwrap();
        assert_eq!(table.head, ["Year", "Phases", "Forums", "Events", "Total"]);
        assert_eq!(
            table.rows,
            [["2015", "0", "1", "0", "1"], ["2016", "1", "0", "2", "3"]]
        );
    }

    #[test]
    fn bars_on_the_same_dates_stack_in_lanes() {
        let all = [
            item("2016", Kind::Event),
            item("2016-04", Kind::Event),
            item("2017", Kind::Event),
        ];
        let shown: Vec<&Item> = all.iter().collect();
        let axis = Axis::new(&all).unwrap();
        let (_, lanes, bars) = place(&axis, &shown);
        assert_eq!(lanes, [2]);
        let placed: Vec<usize> = bars.iter().map(|b| b.lane).collect();
        assert_eq!(placed, [0, 1, 1]);
    }

    #[test]
    fn a_row_never_has_more_than_max_lanes() {
        let all: Vec<Item> = (0..1000).map(|_| item("2016", Kind::Event)).collect();
        let shown: Vec<&Item> = all.iter().collect();
        let axis = Axis::new(&all).unwrap();
        let (_, lanes, bars) = place(&axis, &shown);
        assert_eq!(lanes, [MAX_LANES]);
        assert_eq!(bars.len(), 1000);
        assert!(bars.iter().all(|b| b.lane < MAX_LANES));
        // The first MAX_LANES bars fill the lanes in order; the next joins the first.
        assert_eq!(bars[MAX_LANES - 1].lane, MAX_LANES - 1);
        assert_eq!(bars[MAX_LANES].lane, 0);
    }
}
