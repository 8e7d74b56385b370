//! Replays every input the fuzzers keep (the committed seeds, and any input that once made
//! them fail, saved under `fuzz/regressions/`) through the same entry points.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in [
        fuzz.join("corpus").join(target),
        fuzz.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{} panics", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn front_matter_corpus_never_panics() {
    assert!(replay("front_matter", portolan::fuzzing::front_matter_and_records) > 50);
}

#[test]
fn markdown_corpus_never_panics() {
    assert!(replay("markdown", portolan::fuzzing::markdown_body) > 30);
}

#[test]
fn minify_corpus_never_panics() {
    assert!(replay("minify", portolan::fuzzing::minify_page) >= 7);
}
