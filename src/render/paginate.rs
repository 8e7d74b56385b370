//! Long lists split into pages, as Hugo and Zola do: a kind's index, the timeline and its
//! filters, and every list of linked records. No page grows with the atlas, so a build's
//! time and memory grow with the number of records and not faster, and no reader is sent
//! a page of megabytes. Page 1 keeps the list's own address; page `n` is at `page/n/`
//! under it. `[build] page_size` in `book.toml` sets how many items a page holds (500).

use rayon::prelude::*;
use serde::Serialize;

use super::views::{Crumb, LinkView, PageView, Preview};
use super::{RenderError, Renderer, collect_errors};
use crate::model::RecordId;

/// How many page numbers the pager shows on each side of the current one.
const WINDOW: usize = 2;

/// Where a page of a list is and how to reach the others; `None` for a one-page list.
#[derive(Debug, Serialize)]
pub(crate) struct Pager {
    /// This page's number, from 1.
    pub(crate) current: usize,
    /// How many pages the list has.
    pub(crate) last: usize,
    /// Items in the whole list.
    pub(crate) total: usize,
    /// Position of this page's first and last item in the list, from 1.
    pub(crate) from: usize,
    pub(crate) to: usize,
    /// Site-relative paths of the previous and next pages.
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// The numbered links: the first page, the pages around this one, the last; `None`
    /// where some are left out.
    pub(crate) links: Vec<Option<PageLink>>,
}

/// A numbered link of the pager.
#[derive(Debug, Serialize)]
pub(crate) struct PageLink {
    pub(crate) number: usize,
    pub(crate) path: String,
    pub(crate) current: bool,
}

/// The site-relative path of page `number` of the list whose first page is at `base`
/// (a folder path ending in `/`).
pub(crate) fn page_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// The pages of `items`, `size` a page, each with its number (from 1) and its pager
/// (`None` when the list fits on one page). An empty list has one, empty, page.
pub(crate) fn pages<'a, T>(
    items: &'a [T],
    base: &'a str,
    size: usize,
) -> impl Iterator<Item = (usize, &'a [T], Option<Pager>)> + 'a {
    let size = size.max(1);
    let last = items.len().div_ceil(size).max(1);
    (1..=last).map(move |number| {
        let from = (number - 1) * size;
        let to = (from + size).min(items.len());
        let pager = (last > 1).then(|| pager(base, number, last, size, items.len()));
        (number, &items[from..to], pager)
    })
}

/// The pager of page `current` of `last`.
fn pager(base: &str, current: usize, last: usize, size: usize, total: usize) -> Pager {
    let mut links = Vec::new();
    let mut previous = 0;
    for number in 1..=last {
        let near = number.abs_diff(current) <= WINDOW;
        if number == 1 || number == last || near {
            if number > previous + 1 {
                links.push(None);
            }
            links.push(Some(PageLink {
                number,
                path: page_path(base, number),
                current: number == current,
            }));
            previous = number;
        }
    }
    Pager {
        current,
        last,
        total,
        from: (current - 1) * size + 1,
        to: (current * size).min(total),
        prev: (current > 1).then(|| page_path(base, current - 1)),
        next: (current < last).then(|| page_path(base, current + 1)),
        links,
    }
}

/// A page title with its page number after the first: "Projects, page 2 of 120".
pub(crate) fn title(title: &str, pager: Option<&Pager>) -> String {
    match pager {
        Some(p) if p.current > 1 => format!("{title}, page {} of {}", p.current, p.last),
        _ => title.to_string(),
    }
}

/// Makes a record into a link when its page is rendered.
pub(crate) type LinkFn<'a> = dyn Fn(RecordId) -> LinkView + Sync + 'a;

/// What the own pages of a list too long for the page it belongs to (the records citing a
/// source, the records never reviewed) say about it.
pub(crate) struct Listing {
    /// Where page 1 goes: `sources/ngeow2021/linked/cited-by/`.
    pub(crate) base: String,
    pub(crate) title: String,
    /// A sentence saying what the list is.
    pub(crate) lead: String,
    /// The page the list belongs to, linked back to and shown last in the breadcrumbs.
    pub(crate) back: Crumb,
    /// The breadcrumbs above `back`.
    pub(crate) crumbs: Vec<Crumb>,
}

#[derive(Serialize)]
struct ListingContext<'a> {
    lead: &'a str,
    back: &'a Crumb,
    items: Vec<LinkView>,
    pager: Option<Pager>,
}

impl Renderer<'_> {
    /// The start of the list `items` for the page it is on. A list longer than a page also
    /// gets pages of its own, described by `listing`, which is only made then.
    pub(super) fn preview(
        &self,
        items: &[RecordId],
        link: &LinkFn<'_>,
        listing: impl FnOnce() -> Listing,
    ) -> Result<Preview, RenderError> {
        let size = self.site.config.page_size;
        let more = if items.len() > size {
            let listing = listing();
            self.listing(&listing, items, link)?;
            Some(listing.base)
        } else {
            None
        };
        Ok(Preview {
            items: items.iter().take(size).map(|&i| link(i)).collect(),
            total: items.len(),
            more,
        })
    }

    /// Writes every page of the list `items`, in parallel: a source cited by every record
    /// has hundreds of them at 100,000 records.
    fn listing(
        &self,
        listing: &Listing,
        items: &[RecordId],
        link: &LinkFn<'_>,
    ) -> Result<(), RenderError> {
        let mut crumbs = listing.crumbs.clone();
        crumbs.push(listing.back.clone());
        let size = self.site.config.page_size;
        let pages: Vec<_> = pages(items, &listing.base, size).collect();
        collect_errors(pages.into_par_iter().map(|(number, items, pager)| {
            let page = PageView::new(
                self.site,
                page_path(&listing.base, number),
                title(&listing.title, pager.as_ref()),
                listing.lead.clone(),
                crumbs.clone(),
            );
            let path = page.path.clone();
            let context = ListingContext {
                lead: &listing.lead,
                back: &listing.back,
                items: items.iter().map(|&i| link(i)).collect(),
                pager,
            };
            let html = self.page("listing.html", page, &context)?;
            self.emit_page(&path, html)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE_SIZE: usize = 500;

    #[test]
    fn a_short_list_is_one_page_without_a_pager() {
        let items = vec![0; PAGE_SIZE];
        let pages: Vec<_> = pages(&items, "projects/", PAGE_SIZE).collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].1.len(), PAGE_SIZE);
        assert!(pages[0].2.is_none());
        let none: Vec<u8> = Vec::new();
        assert_eq!(super::pages(&none, "projects/", PAGE_SIZE).count(), 1);
    }

    #[test]
    fn a_long_list_is_cut_into_pages_at_their_own_addresses() {
        let items: Vec<usize> = (0..PAGE_SIZE * 2 + 3).collect();
        let pages: Vec<_> = pages(&items, "projects/", PAGE_SIZE).collect();
        assert_eq!(pages.len(), 3);
        assert_eq!(
            pages[2].1,
            &[PAGE_SIZE * 2, PAGE_SIZE * 2 + 1, PAGE_SIZE * 2 + 2]
        );
        let second = pages[1]
            .2
            .as_ref()
            .map(|p| (p.from, p.to, p.prev.clone(), p.next.clone()));
        assert_eq!(
            second,
            Some((
                PAGE_SIZE + 1,
                PAGE_SIZE * 2,
                Some("projects/".to_string()),
                Some("projects/page/3/".to_string())
            ))
        );
    }

    #[test]
    fn the_pager_shows_the_ends_and_the_pages_around_this_one() {
        let p = pager("t/", 6, 20, PAGE_SIZE, 20 * PAGE_SIZE);
        let shown: Vec<Option<usize>> = p
            .links
            .iter()
            .map(|l| l.as_ref().map(|l| l.number))
            .collect();
        assert_eq!(
            shown,
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(20)
            ]
        );
        assert!(p.links.iter().flatten().any(|l| l.current && l.number == 6));
        assert_eq!(title("Timeline", Some(&p)), "Timeline, page 6 of 20");
        let first = pager("t/", 1, 2, PAGE_SIZE, PAGE_SIZE + 1);
        assert_eq!(title("Timeline", Some(&first)), "Timeline");
        assert_eq!(first.prev, None);
        assert_eq!(first.next.as_deref(), Some("t/page/2/"));
    }
}
