//! Portolan turns a folder of small TOML/Markdown records into a cross-linked static site:
//! a *policy atlas*.
//!
//! The pipeline ([`pipeline::build`]) runs in numbered steps, each handing an owned value
//! to the next:
//!
//! 1. [`config`]: read `book.toml` into a [`config::Config`].
//! 2. [`load`]: find every record under `content/`, split front matter from body, parse
//!    each file into its kind's typed fields ([`kinds`]).
//! 3. [`model`]: resolve every reference and link, run the checks, index back-references:
//!    one immutable [`model::Site`].
//! 4. [`render`]: a pure function of `&Site` that produces every page and data file.
//! 5. [`output`]: the only writer. Files go to a staging folder, which is swapped into
//!    place only when the whole site is written, so a failed build changes nothing.
//!
//! Problems anywhere are [`diag::Diagnostic`]s: file, span, message, suggestion.

pub mod cli;
pub mod config;
pub mod date;
pub mod diag;
#[doc(hidden)]
pub mod fuzzing;
pub mod kinds;
pub mod load;
pub mod markdown;
pub mod minify;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod tomlfile;
