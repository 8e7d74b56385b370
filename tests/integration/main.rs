//! Integration tests: small fixture atlases built with the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

mod atlas;
mod build;
mod diagnostics;
mod harness;
mod links;
mod search;
