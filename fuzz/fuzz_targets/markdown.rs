//! The Markdown link and citation scanner and the renderer, on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| portolan::fuzzing::markdown_body(data));
