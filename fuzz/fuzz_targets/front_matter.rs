//! The front-matter splitter and the record parser of every kind, on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| portolan::fuzzing::front_matter_and_records(data));
