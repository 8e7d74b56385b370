//! A site rendered into memory, with minified pages reused across rebuilds when their HTML
//! did not change (most pages, when one record is edited).

use std::collections::HashMap;
use std::io;
use std::sync::{Arc, Mutex};

use crate::output;
use crate::render::Sink;

/// One file of a build, and the digest of what it was made from (as `output` records it).
#[derive(Debug, Clone)]
pub(crate) struct Output {
    pub(crate) bytes: Arc<[u8]>,
    pub(crate) source: u128,
}

/// Files of one build, by site-relative path.
pub(crate) type Files = HashMap<String, Output>;

/// Minified pages of the previous build, keyed by the digest of their unminified HTML.
#[derive(Debug, Default)]
pub(crate) struct MinifyCache {
    pages: HashMap<u128, Arc<[u8]>>,
}

/// Collects one build's files.
pub(crate) struct MemorySink<'a> {
    minify: bool,
    previous: &'a MinifyCache,
    files: Mutex<Files>,
    cache: Mutex<MinifyCache>,
}

impl<'a> MemorySink<'a> {
    pub(crate) fn new(minify: bool, previous: &'a MinifyCache) -> Self {
        Self {
            minify,
            previous,
            files: Mutex::default(),
            cache: Mutex::default(),
        }
    }

    /// The files and the cache to hand to the next build.
    pub(crate) fn finish(self) -> (Files, MinifyCache) {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let cache = self.cache.into_inner().unwrap_or_else(|e| e.into_inner());
        (files, cache)
    }

    fn insert(&self, path: &str, bytes: Arc<[u8]>, source: u128) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), Output { bytes, source });
    }
}

impl Sink for MemorySink<'_> {
    fn page(&self, path: &str, html: String) -> io::Result<()> {
        let source = output::page_source(&html, self.minify);
        if !self.minify {
            self.insert(path, Arc::from(html.into_bytes()), source);
            return Ok(());
        }
        let minified = match self.previous.pages.get(&source) {
            Some(bytes) => bytes.clone(),
            None => Arc::from(crate::minify::minify(html.as_bytes())),
        };
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.pages.insert(source, minified.clone());
        drop(cache);
        self.insert(path, minified, source);
        Ok(())
    }

    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let source = output::digest(bytes);
        match output::minify_static(self.minify, path, bytes) {
            Some(minified) => self.insert(path, Arc::from(minified), source),
            None => self.insert(path, Arc::from(bytes), source),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_minified_pages_whose_html_did_not_change() {
        let empty = MinifyCache::default();
        let first = MemorySink::new(true, &empty);
        first.page("a/index.html", "<p>  one  </p>".into()).unwrap();
        let (files, cache) = first.finish();
        assert_eq!(&*files["a/index.html"].bytes, b"<p>one</p>".as_slice());

        let second = MemorySink::new(true, &cache);
        second
            .page("a/index.html", "<p>  one  </p>".into())
            .unwrap();
        second
            .page("b/index.html", "<p>  two  </p>".into())
            .unwrap();
        let (files, _) = second.finish();
        let source = output::page_source("<p>  one  </p>", true);
        assert!(Arc::ptr_eq(
            &files["a/index.html"].bytes,
            &cache.pages[&source]
        ));
        assert_eq!(&*files["b/index.html"].bytes, b"<p>two</p>".as_slice());
    }
}
