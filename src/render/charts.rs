//! Charts drawn as SVG at build time from typed inputs: horizontal bar charts (one panel per
//! unit, so values in yuan and in dollars are never measured against one scale) and a
//! stacked bar of shares. Pure functions: the same input always gives the same bytes.
//!
//! Colours come from CSS classes (`chart-*` in harbor.css), so dark mode restyles them;
//! every chart is an `<svg role="img">` named by its `<title>` and `<desc>`, and comes with
//! its numbers as a [`DataTable`].

use std::fmt::Write;

use super::svg::{self, Role, escape};
use super::views::{DataTable, Figure};

/// Width of every chart in user units; the page scales it to fit.
const WIDTH: f64 = 400.0;
const PAD: f64 = 8.0;
const FONT: f64 = 13.0;
const LINE: f64 = 16.0;
const BAR: f64 = 14.0;
const GAP: f64 = 10.0;
/// How many colours the categorical palette has (`chart-s1` to `chart-s6`).
const PALETTE: usize = 6;

/// One bar.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    /// What it measures: "Infrastructure", "2016".
    pub label: String,
    /// Its value; bars whose value is not finite are left out.
    pub value: f64,
    /// Drawn stronger than the others (the page's own record).
    pub current: bool,
}

/// Bars in one unit, drawn as one panel with its own scale.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    /// The unit: "projects", "billion yuan".
    pub unit: String,
    /// The bars, in the order to draw them.
    pub bars: Vec<Bar>,
}

/// A horizontal bar chart.
#[derive(Debug, Clone)]
pub(crate) struct BarChart {
    /// Anchor id, unique on the page.
    pub id: String,
    /// Caption.
    pub title: String,
    /// Heading of the label column in the numbers table: "Platform", "Year".
    pub label_heading: String,
    /// One panel per unit.
    pub series: Vec<Series>,
    /// A sentence read after the values: a total, a change.
    pub summary: Option<String>,
    /// Where the numbers come from.
    pub source: Option<String>,
}

/// One holder's share of a whole.
#[derive(Debug, Clone)]
pub(crate) struct Share {
    /// Who holds it.
    pub label: String,
    /// Percent of the whole.
    pub percent: f64,
    /// More about the share, for the legend and the table: "90 million yuan".
    pub note: Option<String>,
}

/// A stacked bar of shares of 100%.
#[derive(Debug, Clone)]
pub(crate) struct ShareChart {
    /// Anchor id, unique on the page.
    pub id: String,
    /// Caption.
    pub title: String,
    /// Heading of the label column: "Shareholder".
    pub label_heading: String,
    /// Heading of the note column, when shares have notes: "Capital".
    pub note_heading: Option<String>,
    /// The shares, largest first as a rule.
    pub shares: Vec<Share>,
    /// Where the numbers come from.
    pub source: Option<String>,
}

/// Draws a bar chart; `None` when no series has a finite value to show.
pub(crate) fn bar_chart(chart: &BarChart) -> Option<Figure> {
    let series: Vec<Series> = chart
        .series
        .iter()
        .map(|s| Series {
            unit: s.unit.clone(),
            bars: s
                .bars
                .iter()
                .filter(|b| b.value.is_finite())
                .cloned()
                .collect(),
        })
        .filter(|s| !s.bars.is_empty())
        .collect();
    if series.is_empty() {
        return None;
    }
    let headed = series.len() > 1;
    // One gutter for the value labels of every panel, so all panels share a right edge.
    let gutter = series
        .iter()
        .flat_map(|s| &s.bars)
        .map(|b| svg::text_width(&svg::number(b.value), FONT))
        .fold(0.0, f64::max)
        + 6.0;
    let mut body = String::new();
    let mut y = PAD;
    for s in &series {
        y = panel(&mut body, s, y, headed, gutter);
    }
    let description = bar_description(&series, chart.summary.as_deref());
    let mut svg = svg::open(
        &chart.id,
        "chart",
        [0.0, 0.0, WIDTH, y.ceil()],
        &chart.title,
        &description,
        Role::Image,
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    Some(Figure {
        id: chart.id.clone(),
        title: chart.title.clone(),
        svg,
        description,
        table: Some(bar_table(&chart.label_heading, &series)),
        source: chart.source.clone(),
    })
}

/// Draws one panel from `top`, leaving `gutter` on the right for value labels; returns
/// where the next panel starts.
fn panel(out: &mut String, series: &Series, top: f64, headed: bool, gutter: f64) -> f64 {
    let mut y = top;
    if headed {
        let _ = write!(
            out,
            r#"<text class="chart-heading" x="{}" y="{}">{}</text>"#,
            PAD,
            svg::coord(y + 12.0),
            escape(&capitalized(&series.unit))
        );
        y += LINE + 4.0;
    }
    let lo = series.bars.iter().map(|b| b.value).fold(0.0_f64, f64::min);
    let hi = series.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let plot = WIDTH - 2.0 * PAD - gutter;
    let x = |v: f64| PAD + (v - lo) / span * plot;
    let any_current = series.bars.iter().any(|b| b.current);
    let bars_top = y;
    for bar in &series.bars {
        for line in svg::wrap(&bar.label, WIDTH - 2.0 * PAD, FONT) {
            let _ = write!(
                out,
                r#"<text class="chart-label" x="{PAD}" y="{}">{}</text>"#,
                svg::coord(y + 12.0),
                escape(&line)
            );
            y += LINE;
        }
        let class = match (bar.current, any_current) {
            (true, _) => "chart-bar is-current",
            (false, true) => "chart-bar is-muted",
            (false, false) => "chart-bar",
        };
        bar_rect(out, class, (x(0.0_f64.max(lo)), x(bar.value)), y, bar.value);
        y += BAR + GAP;
    }
    // With negative values, a zero line shows where bars start; otherwise they all start
    // at the left edge, which says as much.
    if lo < 0.0 {
        let _ = write!(
            out,
            r#"<line class="chart-axis" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>"#,
            svg::coord(x(0.0)),
            svg::coord(bars_top),
            svg::coord(y - GAP + 2.0),
        );
    }
    y + 4.0
}

/// A bar between two x positions at `y`, its value written after its right end.
fn bar_rect(out: &mut String, class: &str, (x0, x1): (f64, f64), y: f64, value: f64) {
    let (left, right) = (x0.min(x1), x0.max(x1));
    let _ = write!(
        out,
        r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{BAR}"/><text class="chart-value" x="{}" y="{}">{}</text>"#,
        svg::coord(left),
        svg::coord(y),
        svg::coord((right - left).max(1.0)),
        svg::coord(right + 4.0),
        svg::coord(y + 11.0),
        escape(&svg::number(value)),
    );
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The values in words: "In projects: Infrastructure 14, Information Sharing 45."
fn bar_description(series: &[Series], summary: Option<&str>) -> String {
    let mut parts: Vec<String> = series
        .iter()
        .map(|s| {
            let values: Vec<String> = s
                .bars
                .iter()
                .map(|b| format!("{} {}", b.label, svg::number(b.value)))
                .collect();
            format!("In {}: {}.", s.unit, values.join("; "))
        })
        .collect();
    if let Some(summary) = summary {
        parts.push(summary.to_string());
    }
    format!("Bar chart. {}", parts.join(" "))
}

/// One row per label, one column per unit.
fn bar_table(label_heading: &str, series: &[Series]) -> DataTable {
    let mut labels: Vec<&str> = Vec::new();
    for bar in series.iter().flat_map(|s| &s.bars) {
        if !labels.contains(&bar.label.as_str()) {
            labels.push(&bar.label);
        }
    }
    let mut head = vec![label_heading.to_string()];
    head.extend(series.iter().map(|s| capitalized(&s.unit)));
    let rows = labels
        .into_iter()
        .map(|label| {
            let mut row = vec![label.to_string()];
            row.extend(series.iter().map(|s| {
                s.bars
                    .iter()
                    .find(|b| b.label == label)
                    .map(|b| svg::number(b.value))
                    .unwrap_or_default()
            }));
            row
        })
        .collect();
    DataTable { head, rows }
}

/// Draws a stacked bar of shares with a legend; `None` without a positive share.
pub(crate) fn share_chart(chart: &ShareChart) -> Option<Figure> {
    let shares: Vec<&Share> = chart
        .shares
        .iter()
        .filter(|s| s.percent.is_finite() && s.percent > 0.0)
        .collect();
    if shares.is_empty() {
        return None;
    }
    let sum: f64 = shares.iter().map(|s| s.percent).sum();
    // Shares that do not add up to 100% are drawn as they are, against the larger total.
    let whole = sum.max(100.0);
    let rest = 100.0 - sum;
    let mut body = String::new();
    segments(&mut body, &shares, whole, rest);
    let mut y = PAD + 28.0 + 14.0;
    for (i, share) in shares.iter().enumerate() {
        y = legend_row(&mut body, y, Some(i % PALETTE + 1), &share_text(share));
    }
    if rest > 0.005 {
        y = legend_row(
            &mut body,
            y,
            None,
            &format!("Not listed: {}%", svg::number(rest)),
        );
    }
    let description = share_description(&shares, sum);
    let mut svg = svg::open(
        &chart.id,
        "chart",
        [0.0, 0.0, WIDTH, y.ceil()],
        &chart.title,
        &description,
        Role::Image,
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    Some(Figure {
        id: chart.id.clone(),
        title: chart.title.clone(),
        svg,
        description,
        table: Some(share_table(chart, &shares)),
        source: chart.source.clone(),
    })
}

/// The stacked bar: one segment per share, then any unlisted remainder as an outline.
fn segments(out: &mut String, shares: &[&Share], whole: f64, rest: f64) {
    let plot = WIDTH - 2.0 * PAD;
    let mut x = PAD;
    for (i, share) in shares.iter().enumerate() {
        let w = share.percent / whole * plot;
        let _ = write!(
            out,
            r#"<rect class="chart-segment chart-s{}" x="{}" y="{PAD}" width="{}" height="28"/>"#,
            i % PALETTE + 1,
            svg::coord(x),
            svg::coord(w),
        );
        x += w;
    }
    if rest > 0.005 {
        let _ = write!(
            out,
            r#"<rect class="chart-rest" x="{}" y="{PAD}" width="{}" height="28"/>"#,
            svg::coord(x),
            svg::coord(PAD + plot - x),
        );
    }
}

fn share_text(share: &Share) -> String {
    match &share.note {
        Some(note) => format!("{}: {}% ({note})", share.label, svg::number(share.percent)),
        None => format!("{}: {}%", share.label, svg::number(share.percent)),
    }
}

/// A legend entry: a swatch (`None`: the unlisted remainder) and wrapped text.
fn legend_row(out: &mut String, top: f64, colour: Option<usize>, text: &str) -> f64 {
    let class = colour.map_or("chart-rest".to_string(), |c| {
        format!("chart-segment chart-s{c}")
    });
    let _ = write!(
        out,
        r#"<rect class="{class}" x="{PAD}" y="{}" width="12" height="12"/>"#,
        svg::coord(top + 2.0)
    );
    let mut y = top;
    for line in svg::wrap(text, WIDTH - 2.0 * PAD - 20.0, FONT) {
        let _ = write!(
            out,
            r#"<text class="chart-label" x="{}" y="{}">{}</text>"#,
            PAD + 20.0,
            svg::coord(y + 12.0),
            escape(&line)
        );
        y += LINE;
    }
    y + 4.0
}

fn share_description(shares: &[&Share], sum: f64) -> String {
    let parts: Vec<String> = shares
        .iter()
        .map(|s| format!("{} {}%", s.label, svg::number(s.percent)))
        .collect();
    let total = if (sum - 100.0).abs() < 0.005 {
        String::new()
    } else {
        format!(" The listed shares add up to {}%.", svg::number(sum))
    };
    format!(
        "Stacked bar of shares, left to right: {}.{total}",
        parts.join("; ")
    )
}

fn share_table(chart: &ShareChart, shares: &[&Share]) -> DataTable {
    let mut head = vec![chart.label_heading.clone(), "Share (%)".to_string()];
    let notes = chart.note_heading.is_some() && shares.iter().any(|s| s.note.is_some());
    if notes {
        head.push(chart.note_heading.clone().unwrap_or_default());
    }
    let rows = shares
        .iter()
        .map(|s| {
            let mut row = vec![s.label.clone(), svg::number(s.percent)];
            if notes {
                row.push(s.note.clone().unwrap_or_default());
            }
            row
        })
        .collect();
    DataTable { head, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[(&str, f64)]) -> Vec<Bar> {
        values
            .iter()
            .map(|&(label, value)| Bar {
                label: label.into(),
                value,
                current: false,
            })
            .collect()
    }

    fn chart(series: Vec<Series>) -> BarChart {
        BarChart {
            id: "fig-test".into(),
            title: "Projects by platform".into(),
            label_heading: "Platform".into(),
            series,
            summary: Some("165 in all.".into()),
            source: None,
        }
    }

    fn widths(svg: &str) -> Vec<f64> {
        svg.split(r#"class="chart-bar"#)
            .skip(1)
            .filter_map(|rest| {
                let w = rest.split(r#"width=""#).nth(1)?;
                w.split('"').next()?.parse().ok()
            })
            .collect()
    }

    fn platforms() -> Series {
        Series {
            unit: "projects".into(),
            bars: bars(&[
                ("Infrastructure", 14.0),
                ("Information Sharing", 45.0),
                ("Technology Cooperation", 58.0),
                ("Economic and Trade Services", 24.0),
                ("People-to-People", 24.0),
            ]),
        }
    }

    #[test]
    fn draws_one_bar_per_value_scaled_to_the_largest() {
        let figure = bar_chart(&chart(vec![platforms()])).unwrap();
        let w = widths(&figure.svg);
        assert_eq!(w.len(), 5);
        let longest = w.iter().cloned().fold(0.0, f64::max);
        assert_eq!(longest, w[2], "58 is the longest bar: {w:?}");
        // Bar lengths keep the ratio of the values, to the rounding of one decimal.
        assert!((w[0] / w[2] - 14.0 / 58.0).abs() < 0.01, "{w:?}");
        assert_eq!(w[3], w[4]);
        assert!(figure.svg.contains(">58</text>"));
        assert_eq!(figure.table.as_ref().unwrap().rows.len(), 5);
        assert_eq!(
            figure.table.unwrap().rows[2],
            vec!["Technology Cooperation", "58"]
        );
        assert!(
            figure
                .description
                .contains("Infrastructure 14; Information Sharing 45")
        );
        assert!(figure.description.ends_with("165 in all."));
    }

    #[test]
    fn is_named_by_its_title_and_description() {
        let figure = bar_chart(&chart(vec![platforms()])).unwrap();
        assert!(figure.svg.starts_with("<svg "));
        assert!(figure.svg.contains(r#"role="img""#));
        assert!(
            figure
                .svg
                .contains(r#"aria-labelledby="fig-test-title fig-test-desc""#)
        );
        assert!(
            figure
                .svg
                .contains(r#"<title id="fig-test-title">Projects by platform</title>"#)
        );
        assert!(figure.svg.ends_with("</svg>"));
    }

    #[test]
    fn each_unit_gets_its_own_panel_and_column() {
        let yuan = Series {
            unit: "billion yuan".into(),
            bars: bars(&[("2016", 409.9), ("2019", 659.3)]),
        };
        let usd = Series {
            unit: "billion USD".into(),
            bars: bars(&[("2016", 63.6), ("2019", 101.93)]),
        };
        let figure = bar_chart(&chart(vec![yuan, usd])).unwrap();
        let w = widths(&figure.svg);
        assert_eq!(w.len(), 4);
        // Each panel is scaled on its own: both 2019 bars take the full width.
        assert_eq!(w[1], w[3]);
        assert!(figure.svg.contains(">Billion USD</text>"));
        let table = figure.table.unwrap();
        assert_eq!(table.head, vec!["Platform", "Billion yuan", "Billion USD"]);
        assert_eq!(table.rows[1], vec!["2019", "659.3", "101.93"]);
    }

    #[test]
    fn escapes_labels_and_titles() {
        let mut c = chart(vec![Series {
            unit: "<units>".into(),
            bars: bars(&[("A & B <script>", 1.0)]),
        }]);
        c.title = "\"Quoted\" <title>".into();
        let figure = bar_chart(&c).unwrap();
        assert!(!figure.svg.contains("<script>"));
        assert!(figure.svg.contains("A &amp; B &lt;script&gt;"));
        assert!(figure.svg.contains("&quot;Quoted&quot; &lt;title&gt;"));
    }

    #[test]
    fn empty_or_non_finite_input_draws_nothing() {
        assert!(bar_chart(&chart(vec![])).is_none());
        let nan = Series {
            unit: "x".into(),
            bars: bars(&[("a", f64::NAN), ("b", f64::INFINITY)]),
        };
        assert!(bar_chart(&chart(vec![nan])).is_none());
        let shares = ShareChart {
            id: "s".into(),
            title: "t".into(),
            label_heading: "Holder".into(),
            note_heading: None,
            shares: vec![],
            source: None,
        };
        assert!(share_chart(&shares).is_none());
    }

    #[test]
    fn negative_and_zero_values_stay_inside_the_chart() {
        let figure = bar_chart(&chart(vec![Series {
            unit: "change".into(),
            bars: bars(&[("down", -5.0), ("flat", 0.0), ("up", 10.0)]),
        }]))
        .unwrap();
        for w in widths(&figure.svg) {
            assert!((1.0..=WIDTH - 2.0 * PAD).contains(&w), "{w}");
        }
    }

    #[test]
    fn the_current_bar_stands_out() {
        let mut series = platforms();
        series.bars[1].current = true;
        let figure = bar_chart(&chart(vec![series])).unwrap();
        assert_eq!(figure.svg.matches("chart-bar is-current").count(), 1);
        assert_eq!(figure.svg.matches("chart-bar is-muted").count(), 4);
    }

    #[test]
    fn output_is_deterministic() {
        let a = bar_chart(&chart(vec![platforms()])).unwrap().svg;
        let b = bar_chart(&chart(vec![platforms()])).unwrap().svg;
        assert_eq!(a, b);
    }

    fn shares(values: &[(&str, f64)]) -> ShareChart {
        ShareChart {
            id: "fig-shares".into(),
            title: "Shareholders".into(),
            label_heading: "Shareholder".into(),
            note_heading: Some("Capital".into()),
            shares: values
                .iter()
                .map(|&(label, percent)| Share {
                    label: label.into(),
                    percent,
                    note: Some(format!("{} million yuan", percent * 2.0)),
                })
                .collect(),
            source: None,
        }
    }

    #[test]
    fn shares_fill_the_bar_in_proportion() {
        let figure = share_chart(&shares(&[
            ("China Unicom", 45.0),
            ("Wuxiang", 30.0),
            ("Qianxun", 10.0),
            ("Qinzhou", 5.0),
            ("Expositions", 5.0),
            ("Beibu Gulf", 5.0),
        ]))
        .unwrap();
        let pieces: Vec<&str> = figure.svg.split(r#"height="28""#).collect();
        let segments: Vec<f64> = pieces[..pieces.len() - 1]
            .iter()
            .filter_map(|s| {
                s.rsplit(r#"width=""#)
                    .next()?
                    .split('"')
                    .next()?
                    .parse()
                    .ok()
            })
            .collect();
        assert_eq!(segments.len(), 6, "{}", figure.svg);
        let total: f64 = segments.iter().sum();
        assert!((total - (WIDTH - 2.0 * PAD)).abs() < 0.5, "{segments:?}");
        assert!(!figure.svg.contains("chart-rest"));
        assert!(figure.description.contains("China Unicom 45%"));
        let table = figure.table.unwrap();
        assert_eq!(table.head, vec!["Shareholder", "Share (%)", "Capital"]);
        assert_eq!(table.rows[0], vec!["China Unicom", "45", "90 million yuan"]);
    }

    #[test]
    fn shares_short_of_the_whole_leave_a_remainder() {
        let figure = share_chart(&shares(&[("China Unicom", 45.0)])).unwrap();
        assert!(figure.svg.contains("chart-rest"));
        assert!(figure.svg.contains("Not listed: 55%"));
        assert!(figure.description.contains("add up to 45%"));
    }
}
