//! A site rendered into memory, with minified pages reused across rebuilds when their HTML
//! did not change (most pages, when one record is edited).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io;
use std::sync::{Arc, Mutex};

use crate::render::Sink;

/// Files of one build, by site-relative path.
pub(crate) type Files = HashMap<String, Arc<[u8]>>;

/// Minified pages of the previous build, keyed by a hash of their unminified HTML.
#[derive(Debug, Default)]
pub(crate) struct MinifyCache {
    pages: HashMap<(u64, usize), Arc<[u8]>>,
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

    fn insert(&self, path: &str, bytes: Arc<[u8]>) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path.to_string(), bytes);
    }
}

fn key(html: &str) -> (u64, usize) {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    html.hash(&mut hasher);
    (hasher.finish(), html.len())
}

impl Sink for MemorySink<'_> {
    fn page(&self, path: &str, html: String) -> io::Result<()> {
        if !self.minify {
            self.insert(path, Arc::from(html.into_bytes()));
            return Ok(());
        }
        let key = key(&html);
        let minified = match self.previous.pages.get(&key) {
            Some(bytes) => bytes.clone(),
            None => Arc::from(crate::output::minify(html.as_bytes())),
        };
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pages
            .insert(key, minified.clone());
        self.insert(path, minified);
        Ok(())
    }

    fn file(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        match crate::output::minify_static(self.minify, path, bytes) {
            Some(minified) => self.insert(path, Arc::from(minified)),
            None => self.insert(path, Arc::from(bytes)),
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
        assert_eq!(&*files["a/index.html"], b"<p>one</p>".as_slice());

        let second = MemorySink::new(true, &cache);
        second
            .page("a/index.html", "<p>  one  </p>".into())
            .unwrap();
        second
            .page("b/index.html", "<p>  two  </p>".into())
            .unwrap();
        let (files, _) = second.finish();
        assert!(Arc::ptr_eq(
            &files["a/index.html"],
            &cache.pages[&key("<p>  one  </p>")]
        ));
        assert_eq!(&*files["b/index.html"], b"<p>two</p>".as_slice());
    }
}
