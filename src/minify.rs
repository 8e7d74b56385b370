//! Page minification in one pass over the bytes, with no tree and no allocation per node.
//!
//! minify-html made pages 7-9% smaller but cost 43% of a build's CPU: it builds a DOM, then
//! re-encodes every text and attribute (BENCHMARKS.md). The pages are well-formed HTML that
//! our templates and pulldown-cmark write, so the savings that matter come from three
//! local rules, applied here as the bytes stream past:
//!
//! - whitespace: the same per-element rules as minify-html (collapse runs to one space;
//!   trim at the edges of block content; drop whitespace-only text between layout elements),
//!   untouched in `pre`, `textarea`, `code`, scripts and styles;
//! - attributes: values lose their quotes where the HTML syntax allows an unquoted value,
//!   and empty values are written as bare attributes (the same DOM);
//! - comments are dropped, and `&#39;` (Tera's escape for `'`) becomes `'` where `'` needs
//!   no escape.
//!
//! Tags, attributes and entities are otherwise written as they came: the DOM of the output is
//! the DOM of the input, less the whitespace no CSS can show. Malformed input is copied
//! through rather than rejected.

/// How an element treats the whitespace of its text children (minify-html's classes).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Space {
    /// Runs of whitespace become one space.
    collapse: bool,
    /// A child text that is only whitespace is dropped.
    destroy_whole: bool,
    /// Leading whitespace of the first child and trailing whitespace of the last are dropped.
    trim: bool,
}

const CONTENT: Space = Space {
    collapse: true,
    destroy_whole: false,
    trim: true,
};
const FORMATTING: Space = Space {
    collapse: true,
    destroy_whole: false,
    trim: false,
};
const LAYOUT: Space = Space {
    collapse: true,
    destroy_whole: true,
    trim: true,
};
const SENSITIVE: Space = Space {
    collapse: false,
    destroy_whole: false,
    trim: false,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ns {
    Html,
    Svg,
}

/// The whitespace class of an element, by its lower-cased name.
fn space(ns: Ns, name: &[u8]) -> Space {
    match ns {
        Ns::Html => match name {
            b"address" | b"audio" | b"button" | b"canvas" | b"caption" | b"figcaption" | b"h1"
            | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"legend" | b"meter" | b"object"
            | b"option" | b"p" | b"summary" | b"video" | b"dd" | b"details" | b"dt" | b"iframe"
            | b"label" | b"li" | b"noscript" | b"output" | b"progress" | b"slot" | b"td"
            | b"template" | b"th" => CONTENT,
            b"article" | b"aside" | b"blockquote" | b"body" | b"colgroup" | b"datalist"
            | b"dialog" | b"div" | b"dl" | b"fieldset" | b"figure" | b"footer" | b"form"
            | b"head" | b"header" | b"hgroup" | b"html" | b"main" | b"map" | b"menu" | b"nav"
            | b"ol" | b"optgroup" | b"picture" | b"section" | b"select" | b"table" | b"tbody"
            | b"tfoot" | b"thead" | b"tr" | b"ul" => LAYOUT,
            b"textarea" | b"code" | b"pre" => SENSITIVE,
            _ => FORMATTING,
        },
        // SVG 2 treats unknown elements like <g>, a layout element.
        Ns::Svg => match name {
            b"desc" | b"text" | b"title" => CONTENT,
            b"a" | b"altglyph" | b"tspan" | b"textpath" | b"tref" => FORMATTING,
            _ => LAYOUT,
        },
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
            | b"frame"
    )
}

/// Elements whose content the HTML parser reads as text up to their end tag.
fn is_raw_text(ns: Ns, name: &[u8]) -> bool {
    match name {
        b"script" | b"style" => true,
        b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes" => ns == Ns::Html,
        _ => false,
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// How many open elements an end tag is matched against.
const MAX_SEARCH: usize = 256;

/// An open element.
struct Frame<'a> {
    /// As written in the source; empty for the document itself.
    name: &'a [u8],
    ns: Ns,
    space: Space,
    /// Inside a `pre`: every descendant keeps its whitespace.
    in_pre: bool,
    /// A text or element child has been seen (the next text is not the first).
    seen_child: bool,
}

/// A tag name lower-cased into a fixed buffer for classification; a name longer than any we
/// classify comes back empty, which matches no table entry.
struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    fn new(name: &[u8]) -> Self {
        let mut buf = [0u8; 16];
        let len = if name.len() <= buf.len() {
            for (b, c) in buf.iter_mut().zip(name) {
                *b = c.to_ascii_lowercase();
            }
            name.len()
        } else {
            0
        };
        Self { buf, len }
    }

    fn get(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Minifies a page (see the module documentation).
pub fn minify(html: &[u8]) -> Vec<u8> {
    let mut m = Minifier {
        src: html,
        out: Vec::with_capacity(html.len()),
        stack: vec![Frame {
            name: b"",
            ns: Ns::Html,
            space: LAYOUT,
            in_pre: false,
            seen_child: false,
        }],
        text: Vec::new(),
        attrs: Vec::new(),
    };
    m.run();
    m.out
}

struct Minifier<'a> {
    src: &'a [u8],
    out: Vec<u8>,
    /// Open elements; the first is the document and is never popped.
    stack: Vec<Frame<'a>>,
    /// The text node being gathered (comments inside it are dropped).
    text: Vec<u8>,
    /// The attributes of the tag being read: name, value.
    attrs: Vec<(&'a [u8], Option<&'a [u8]>)>,
}

impl<'a> Minifier<'a> {
    fn run(&mut self) {
        let src = self.src;
        let mut i = 0;
        while i < src.len() {
            let Some(lt) = memchr::memchr(b'<', &src[i..]).map(|n| i + n) else {
                self.text.extend_from_slice(&src[i..]);
                break;
            };
            self.text.extend_from_slice(&src[i..lt]);
            let next = src.get(lt + 1).copied().unwrap_or(b' ');
            i = if src[lt..].starts_with(b"<!--") {
                comment_end(src, lt)
            } else if next == b'/' && src.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
                self.end_tag(lt)
            } else if next.is_ascii_alphabetic() {
                self.start_tag(lt)
            } else if next == b'!' || next == b'?' {
                self.flush(false);
                let end = if src[lt..].starts_with(b"<![CDATA[") {
                    find(src, lt, b"]]>").map_or(src.len(), |n| n + 3)
                } else {
                    memchr::memchr(b'>', &src[lt..]).map_or(src.len(), |n| lt + n + 1)
                };
                self.out.extend_from_slice(&src[lt..end]);
                end
            } else {
                // A `<` that opens no tag is text.
                self.text.push(b'<');
                lt + 1
            };
        }
        self.flush(true);
    }

    fn top(&mut self) -> &mut Frame<'a> {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// Writes the gathered text node, `last` when nothing but an end tag of its parent (or the
    /// end of the page) follows it.
    fn flush(&mut self, last: bool) {
        if self.text.is_empty() {
            return;
        }
        let frame = self.top();
        let first = !frame.seen_child;
        frame.seen_child = true;
        let space = if frame.in_pre { SENSITIVE } else { frame.space };
        if !space.collapse {
            self.out.extend_from_slice(&self.text);
        } else {
            let mut s = &self.text[..];
            if space.trim && first {
                s = s.trim_ascii_start();
            }
            if space.trim && last {
                s = s.trim_ascii_end();
            }
            if !(space.destroy_whole && s.iter().all(|&b| is_space(b))) {
                write_collapsed(&mut self.out, s);
            }
        }
        self.text.clear();
    }

    /// Reads the end tag at `lt`; returns where reading goes on.
    fn end_tag(&mut self, lt: usize) -> usize {
        let src = self.src;
        let name_end = name_end(src, lt + 2);
        let name = &src[lt + 2..name_end];
        let end = memchr::memchr(b'>', &src[name_end..]).map_or(src.len(), |n| name_end + n + 1);
        // Only the innermost elements are searched, so a page of thousands of unclosed
        // elements cannot make every end tag walk them all.
        let open = (1..self.stack.len())
            .rev()
            .take(MAX_SEARCH)
            .find(|&at| self.stack[at].name.eq_ignore_ascii_case(name));
        self.flush(open.is_some());
        if let Some(at) = open {
            self.stack.truncate(at);
        }
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name);
        self.out.push(b'>');
        end
    }

    /// Reads the start tag at `lt` (and the raw text of a script, style or the like); returns
    /// where reading goes on.
    fn start_tag(&mut self, lt: usize) -> usize {
        let src = self.src;
        self.flush(false);
        self.top().seen_child = true;
        let name_end = name_end(src, lt + 1);
        let name = &src[lt + 1..name_end];
        let (end, self_closing) = self.read_attrs(name_end);

        let lower = Lower::new(name);
        let lower = lower.get();
        let parent = self.top();
        let ns = match parent.ns {
            Ns::Html if lower == b"svg" => Ns::Svg,
            // HTML inside an SVG `foreignObject` is HTML again.
            Ns::Svg if parent.name.eq_ignore_ascii_case(b"foreignObject") => Ns::Html,
            ns => ns,
        };
        let in_pre = parent.in_pre || (ns == Ns::Html && lower == b"pre");
        // A `/>` closes a foreign element; on an HTML element the parser ignores it.
        let foreign_closed = self_closing && ns == Ns::Svg;
        let void = ns == Ns::Html && is_void(lower);

        self.out.push(b'<');
        self.out.extend_from_slice(name);
        let mut unquoted = false;
        for &(attr, value) in &self.attrs {
            unquoted = write_attr(&mut self.out, attr, value);
        }
        self.attrs.clear();
        // Right after an unquoted value, a `/` would be read as part of it.
        self.out
            .extend_from_slice(match (foreign_closed, unquoted) {
                (false, _) => b">",
                (true, false) => b"/>",
                (true, true) => b" />",
            });

        if void || foreign_closed {
            return end;
        }
        self.stack.push(Frame {
            name,
            ns,
            space: space(ns, lower),
            in_pre,
            seen_child: false,
        });
        if is_raw_text(ns, lower) {
            let close = raw_text_end(src, end, name);
            self.out.extend_from_slice(&src[end..close]);
            return close;
        }
        end
    }

    /// Reads the attributes of a tag from `at` to its `>`; returns the index past the `>` and
    /// whether the tag ended with `/>`.
    fn read_attrs(&mut self, mut at: usize) -> (usize, bool) {
        let src = self.src;
        self.attrs.clear();
        loop {
            while src.get(at).is_some_and(|&b| is_space(b)) {
                at += 1;
            }
            match src.get(at) {
                None => return (src.len(), false),
                Some(b'>') => return (at + 1, false),
                Some(b'/') => {
                    if src.get(at + 1) == Some(&b'>') {
                        return (at + 2, true);
                    }
                    at += 1;
                    continue;
                }
                Some(_) => {}
            }
            // A name runs to whitespace, `/`, `>` or `=` (a leading `=` belongs to it).
            let start = at;
            at += 1;
            while src
                .get(at)
                .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
            {
                at += 1;
            }
            let attr = &src[start..at];
            let mut after = at;
            while src.get(after).is_some_and(|&b| is_space(b)) {
                after += 1;
            }
            if src.get(after) != Some(&b'=') {
                self.attrs.push((attr, None));
                continue;
            }
            at = after + 1;
            while src.get(at).is_some_and(|&b| is_space(b)) {
                at += 1;
            }
            let value = match src.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let from = at + 1;
                    let to = memchr::memchr(q, &src[from..]).map_or(src.len(), |n| from + n);
                    at = (to + 1).min(src.len());
                    &src[from..to]
                }
                _ => {
                    let from = at;
                    while src.get(at).is_some_and(|&b| !is_space(b) && b != b'>') {
                        at += 1;
                    }
                    &src[from..at]
                }
            };
            self.attrs.push((attr, Some(value)));
        }
    }
}

/// Where a tag name starting at `at` ends.
fn name_end(src: &[u8], mut at: usize) -> usize {
    while src
        .get(at)
        .is_some_and(|&b| !is_space(b) && b != b'/' && b != b'>')
    {
        at += 1;
    }
    at
}

/// The index past the comment starting at `lt` (`<!-->` and `<!--->` are whole comments).
fn comment_end(src: &[u8], lt: usize) -> usize {
    let body = lt + 4;
    if src[body..].starts_with(b">") {
        return body + 1;
    }
    if src[body..].starts_with(b"->") {
        return body + 2;
    }
    find(src, body, b"-->").map_or(src.len(), |n| n + 3)
}

/// The first index of `needle` in `src` at or after `from`.
fn find(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&src[from..], needle).map(|n| from + n)
}

/// Where the raw text of the element `name`, starting at `from`, ends: at its end tag.
fn raw_text_end(src: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(n) = find(src, at, b"</") {
        let tag = n + 2;
        let ends = src
            .get(tag..tag + name.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(name))
            && src
                .get(tag + name.len())
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>');
        if ends {
            return n;
        }
        at = tag;
    }
    src.len()
}

/// Writes text with every run of whitespace as one space, and `&#39;` as `'`.
fn write_collapsed(out: &mut Vec<u8>, s: &[u8]) {
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if is_space(b) {
            out.push(b' ');
            while s.get(i).is_some_and(|&b| is_space(b)) {
                i += 1;
            }
        } else if b == b'&' && s[i..].starts_with(b"&#39;") {
            out.push(b'\'');
            i += 5;
        } else {
            out.push(b);
            i += 1;
        }
    }
}

/// Writes ` name`, ` name=value` or ` name="value"`: quotes only where the syntax needs them,
/// and no value where it is empty. Returns whether it wrote an unquoted value.
fn write_attr(out: &mut Vec<u8>, name: &[u8], value: Option<&[u8]>) -> bool {
    out.push(b' ');
    out.extend_from_slice(name);
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return false;
    };
    out.push(b'=');
    let needs_quotes = value
        .iter()
        .any(|&b| is_space(b) || matches!(b, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'));
    if !needs_quotes {
        out.extend_from_slice(value);
        return true;
    } else if !value.contains(&b'"') {
        out.push(b'"');
        let mut rest = value;
        while let Some(n) = memchr::memmem::find(rest, b"&#39;") {
            out.extend_from_slice(&rest[..n]);
            out.push(b'\'');
            rest = &rest[n + 5..];
        }
        out.extend_from_slice(rest);
        out.push(b'"');
    } else if !value.contains(&b'\'') {
        out.push(b'\'');
        out.extend_from_slice(value);
        out.push(b'\'');
    } else {
        out.push(b'"');
        for &b in value {
            if b == b'"' {
                out.extend_from_slice(b"&quot;");
            } else {
                out.push(b);
            }
        }
        out.push(b'"');
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(html: &str) -> String {
        String::from_utf8(minify(html.as_bytes())).unwrap()
    }

    #[test]
    fn whitespace_between_layout_elements_is_dropped_and_runs_collapse() {
        assert_eq!(
            min(
                "<ul>\n  <li> One  two\n</li>\n  <li><a href=\"x\">a</a> <a href=\"y\">b</a></li>\n</ul>"
            ),
            "<ul><li>One two</li><li><a href=x>a</a> <a href=y>b</a></li></ul>"
        );
    }

    #[test]
    fn inline_whitespace_is_kept_as_one_space() {
        assert_eq!(
            min("<p>See <em>this</em>\n   and <strong>that</strong> .</p>"),
            "<p>See <em>this</em> and <strong>that</strong> .</p>"
        );
        assert_eq!(min("<span> a </span>"), "<span> a </span>");
    }

    #[test]
    fn preformatted_text_code_scripts_and_styles_are_untouched() {
        let pre = "<pre><code>fn  main() {\n    <span class=\"k\">let</span>  x;\n}</code></pre>";
        assert_eq!(
            min(pre),
            "<pre><code>fn  main() {\n    <span class=k>let</span>  x;\n}</code></pre>"
        );
        assert_eq!(
            min("<PRE>a\n  b</PRE><p> c </p>"),
            "<PRE>a\n  b</PRE><p>c</p>"
        );
        let script = "<script>if (a <b && c>  d) { x = '<p>  </p>'; }</script>";
        assert_eq!(min(script), script);
        assert_eq!(
            min("<textarea> keep\n  this </textarea>"),
            "<textarea> keep\n  this </textarea>"
        );
        assert_eq!(
            min("<style>a  >  b {}</STYLE >"),
            "<style>a  >  b {}</STYLE>"
        );
    }

    #[test]
    fn attribute_values_lose_quotes_only_where_allowed() {
        assert_eq!(
            min("<a class=\"a b\" href=\"../x/\" title='say \"hi\"' data-x=\"a=b\" hidden=\"\">"),
            "<a class=\"a b\" href=../x/ title='say \"hi\"' data-x=\"a=b\" hidden>"
        );
        assert_eq!(
            min("<meta content=\"default-src &#39;self&#39;\">"),
            "<meta content=\"default-src 'self'\">"
        );
        assert_eq!(min("<i x=it&#39;s>"), "<i x=it&#39;s>");
        assert_eq!(min("<i x=a\"b'c>"), "<i x=\"a&quot;b'c\">");
    }

    #[test]
    fn svg_keeps_self_closing_tags_without_giving_the_slash_to_a_value() {
        assert_eq!(
            min(
                "<svg viewBox=\"0 0 1 1\">\n <path d=\"M0\"/>\n <text x=\"1\"> A  b </text>\n</svg>"
            ),
            "<svg viewBox=\"0 0 1 1\"><path d=M0 /><text x=1>A b</text></svg>"
        );
        assert_eq!(
            min("<p><br/> <img src=\"a.png\" /></p>"),
            "<p><br> <img src=a.png></p>"
        );
    }

    #[test]
    fn html_inside_foreign_object_keeps_its_inline_spaces() {
        assert_eq!(
            min("<svg><foreignObject><p><b>a</b> <i>b</i></p></foreignObject>\n</svg>"),
            "<svg><foreignObject><p><b>a</b> <i>b</i></p></foreignObject></svg>"
        );
    }

    #[test]
    fn comments_go_and_other_markup_is_copied() {
        assert_eq!(
            min("<!DOCTYPE html>\n<html>\n<!-- a -->\n<body><p>a<!-- b -->b</p><!--><!--->"),
            "<!DOCTYPE html><html><body><p>ab</p>"
        );
        assert_eq!(min("<p>1 < 2 &amp;&#39; 3</p>"), "<p>1 < 2 &amp;' 3</p>");
    }

    #[test]
    fn malformed_input_is_copied_without_panicking() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "</",
            "</a",
            "<!--",
            "<!-- x -",
            "<![CDATA[",
            "<!",
            "<?",
            "<script>",
            "<script>x</scr",
            "<a/",
            "<a =x>",
            "</p></div>",
        ] {
            let _ = minify(html.as_bytes());
        }
        assert_eq!(min("</p>x</div>"), "</p>x</div>");
    }
}
