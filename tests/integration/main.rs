//! Integration tests: small fixture atlases built with the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

mod atlas;
mod build;
mod corpus;
mod diagnostics;
mod editor;
mod fuzz_corpus;
mod harness;
mod hostile;
mod links;
mod minify;
mod pagination;
mod reliability;
mod search;
mod serve;
mod tables;
mod timeline;
mod visuals;
