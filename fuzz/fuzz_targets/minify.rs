//! The page minifier on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| portolan::fuzzing::minify_page(data));
