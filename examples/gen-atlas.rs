//! Writes a synthetic atlas of N records, and the equivalent Hugo site, for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen-atlas -- --records 10000 --out /tmp/corpus-10k
//! # -> /tmp/corpus-10k/portolan (book.toml, content/) and /tmp/corpus-10k/hugo (hugo.toml, ...)
//! ```

#[path = "../benches/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut records = 1000;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--records", Some(n)) => match n.parse() {
                Ok(n) => records = n,
                Err(_) => return usage(&format!("--records takes a number, not `{n}`")),
            },
            ("--out", Some(dir)) => out = PathBuf::from(dir),
            _ => return usage(&format!("unknown argument `{arg}`")),
        }
    }
    if out.exists() {
        return usage(&format!("{} exists; give a new folder", out.display()));
    }
    let written = corpus::write_portolan(&out.join("portolan"), records).and_then(|n| {
        let hugo = corpus::write_hugo(&out.join("hugo"), records)?;
        Ok((n, hugo))
    });
    match written {
        Ok((portolan, hugo)) => {
            eprintln!(
                "Wrote {portolan} Portolan records and {hugo} Hugo pages into {}",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: gen-atlas --records N --out DIR");
    ExitCode::from(2)
}
