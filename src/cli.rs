//! The command line: one `Args` struct per command (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Portolan builds a policy atlas: typed, cross-linked, sourced records into a static site.
#[derive(Debug, Parser)]
#[command(name = "portolan", version, about, long_about = None)]
pub struct Cli {
    /// The atlas folder (holds book.toml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the atlas and write the site (to public/ unless configured otherwise).
    Build(BuildArgs),
    /// Validate the atlas and report every problem; write nothing.
    Check(CheckArgs),
    /// Build, serve on 127.0.0.1, rebuild on change and reload open pages.
    Serve(ServeArgs),
    /// Write a new record with every field of its kind, commented.
    New(NewArgs),
    /// Start a new atlas in a folder: configuration and a few linked, cited records.
    Init(InitArgs),
    /// Write the JSON Schema of every kind (for editor completion and checks), or print one.
    Schema(SchemaArgs),
}

/// `portolan init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The new atlas's folder (created; must be empty if it exists).
    pub dir: std::path::PathBuf,
}

/// `portolan schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Print only this kind's schema to standard output.
    pub kind: Option<String>,
}

/// `portolan serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port to listen on; a free one is used if it is taken.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include records marked draft = true.
    #[arg(long)]
    pub drafts: bool,
}

/// `portolan build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Write the site here instead of the configured output folder.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish URL, e.g. https://example.org/atlas/ (overrides book.toml).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include records marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Print the time of each build step.
    #[arg(long)]
    pub timings: bool,
}

/// `portolan check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Include records marked draft = true.
    #[arg(long)]
    pub drafts: bool,
}

/// How to print diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Snippets with carets and suggestions.
    Human,
    /// One JSON object per line: severity, code, file, line, column, message, suggestion.
    Json,
}

/// `portolan new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Kind of record: country, project, document, ... (see --list).
    #[arg(required_unless_present = "list")]
    pub kind: Option<String>,
    /// Id of the new record: lowercase letters, digits and hyphens.
    #[arg(required_unless_present = "list")]
    pub slug: Option<String>,
    /// List the kinds of record and exit.
    #[arg(long)]
    pub list: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
