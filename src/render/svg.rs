//! What the chart and map builders share: escaping, number formats, a text-width estimate
//! (there is no font to measure at build time) and the accessible root element.

use std::fmt::Write;

/// Escapes text for SVG/HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A coordinate: one decimal, no trailing `.0`, so output stays small and stable.
pub(crate) fn coord(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    let text = format!("{rounded:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// A value for readers: up to two decimals, thousands separated: `11,008`, `409.9`.
pub(crate) fn number(v: f64) -> String {
    let text = format!("{:.2}", v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && (grouped != "0" || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// Roughly how wide `text` is at font size `size`, erring wide: the widest common system
/// sans-serif (DejaVu Sans) averages about 0.6 em per lowercase letter; CJK takes 1 em.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            '.' | ',' | ':' | ';' | '\'' | '|' | 'i' | 'l' | 'j' | '!' => 0.32,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' | '/' => 0.42,
            'm' | 'w' | 'M' | 'W' => 0.95,
            'A'..='Z' => 0.74,
            '0'..='9' => 0.64,
            c if c >= '\u{2e80}' => 1.0,
            _ => 0.62,
        })
        .sum();
    ems * size
}

/// Breaks `text` into lines no wider than `max` (a single long word stays whole).
pub(crate) fn wrap(text: &str, max: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// How assistive technology should treat a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// One image with a text alternative (its parts are not announced).
    Image,
    /// A picture with links inside: a labelled group whose links stay reachable.
    Group,
}

/// Opens an `<svg>` showing the user-space rectangle `[x, y, width, height]`, named by its
/// `<title>` and `<desc>`. Text is 13 units unless set: the size [`text_width`] plans for.
pub(crate) fn open(
    id: &str,
    class: &str,
    [x, y, width, height]: [f64; 4],
    title: &str,
    desc: &str,
    role: Role,
) -> String {
    let role = match role {
        Role::Image => "img",
        Role::Group => "group",
    };
    let (x, y, w, h) = (coord(x), coord(y), coord(width), coord(height));
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="{class}" viewBox="{x} {y} {w} {h}" width="{w}" height="{h}" font-size="13" role="{role}" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(desc),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b>"A&B's"</b>"#),
            "&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn formats_numbers_for_readers_and_coordinates_compactly() {
        assert_eq!(number(11008.0), "11,008");
        assert_eq!(number(409.9), "409.9");
        assert_eq!(number(101.93), "101.93");
        assert_eq!(number(1_000_000.0), "1,000,000");
        assert_eq!(number(-1234.5), "-1,234.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(coord(12.04), "12");
        assert_eq!(coord(-0.01), "0");
        assert_eq!(coord(3.25), "3.3");
    }

    #[test]
    fn wraps_long_labels_and_keeps_short_ones() {
        assert_eq!(wrap("Total", 100.0, 13.0), vec!["Total"]);
        let lines = wrap(
            "Projects of 2016-2018 according to the note to Table 5 (the text says 106)",
            200.0,
            13.0,
        );
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 13.0) <= 200.0));
        assert_eq!(wrap("", 100.0, 13.0), vec![""]);
    }

    #[test]
    fn chinese_text_is_measured_wider() {
        assert!(text_width("信息港", 10.0) > text_width("abc", 10.0));
    }
}
