//! The `portolan` command: parse arguments, run, print diagnostics, set the exit code
//! (0 success, 1 content errors, 2 usage or environment errors).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use portolan::cli::{
    BuildArgs, CheckArgs, Cli, Command, Format, InitArgs, NewArgs, SchemaArgs, ServeArgs,
};
use portolan::config::Overrides;
use portolan::diag::{self, Diagnostic, Files, Severity};
use portolan::pipeline::{self, Failure};
use portolan::scaffold;

// Rendering allocates many short-lived strings on every thread; mimalloc's thread-local
// heaps make that about a third cheaper than the system allocator (BENCHMARKS.md). It is
// built without transparent huge pages (`no_thp` in Cargo.toml), which otherwise round its
// regions up to 2 MiB of resident memory: a fifth of the peak at 10,000 records.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CONTENT_ERROR: u8 = 1;
const ENVIRONMENT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Build(args) => build(&cli, args),
        Command::Check(args) => check(&cli, args),
        Command::Serve(args) => serve(&cli, args),
        Command::New(args) => new(&cli, args),
        Command::Init(args) => init(args),
        Command::Schema(args) => schema(&cli, args),
    }
}

fn build(cli: &Cli, args: &BuildArgs) -> ExitCode {
    let overrides = Overrides {
        base_url: args.base_url.clone(),
        output_dir: args.output.clone(),
        drafts: args.drafts,
    };
    match pipeline::build(&cli.root, &overrides) {
        Ok(built) => {
            print_diagnostics(&built.warnings, &built.sources, Format::Human);
            eprintln!(
                "Built {} records into {} pages and {} files in {} ms -> {}",
                built.records,
                built.pages,
                built.files,
                built.elapsed.as_millis(),
                built.output.display()
            );
            if args.timings {
                for (phase, time) in &built.phases {
                    eprintln!("  {phase:<18} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                    if *phase == "render" {
                        for (view, time) in &built.views {
                            eprintln!("    {view:<16} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                        }
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(failure) => report_failure(
            failure,
            Format::Human,
            "the previous site was left unchanged",
        ),
    }
}

fn check(cli: &Cli, args: &CheckArgs) -> ExitCode {
    let overrides = Overrides {
        drafts: args.drafts,
        ..Overrides::default()
    };
    match pipeline::check(&cli.root, &overrides) {
        Ok(checked) => {
            print_diagnostics(&checked.warnings, &checked.sources, args.format);
            let warnings = checked.warnings.len();
            if args.format == Format::Human {
                eprintln!(
                    "Checked {} records: no errors, {warnings} warning{}",
                    checked.records,
                    plural(warnings)
                );
            }
            if args.deny_warnings && warnings > 0 {
                ExitCode::from(CONTENT_ERROR)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(failure) => report_failure(failure, args.format, "nothing was written"),
    }
}

fn serve(cli: &Cli, args: &ServeArgs) -> ExitCode {
    let options = portolan::serve::ServeOptions {
        port: args.port,
        drafts: args.drafts,
    };
    match portolan::serve::serve(&cli.root, &options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(portolan::serve::ServeError::Content(diagnostics, files)) => report_failure(
            Failure::Content { diagnostics, files },
            Format::Human,
            "not serving",
        ),
        Err(portolan::serve::ServeError::Environment(message)) => {
            report_failure(Failure::Environment(message), Format::Human, "")
        }
    }
}

fn new(cli: &Cli, args: &NewArgs) -> ExitCode {
    if args.list {
        print!("{}", scaffold::list_kinds());
        return ExitCode::SUCCESS;
    }
    let (Some(kind), Some(slug)) = (&args.kind, &args.slug) else {
        eprintln!("error: give a kind and an id, e.g. `portolan new country laos`");
        return ExitCode::from(ENVIRONMENT_ERROR);
    };
    let result =
        scaffold::parse_kind(kind).and_then(|kind| scaffold::write_new(&cli.root, kind, slug));
    match result {
        Ok(path) => {
            eprintln!("Created {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(ENVIRONMENT_ERROR)
        }
    }
}

fn init(args: &InitArgs) -> ExitCode {
    match scaffold::init(&args.dir) {
        Ok(files) => {
            eprintln!(
                "Created a new atlas in {} ({} files).",
                args.dir.display(),
                files.len()
            );
            eprintln!("Next: cd {} && portolan serve", args.dir.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(ENVIRONMENT_ERROR)
        }
    }
}

fn schema(cli: &Cli, args: &SchemaArgs) -> ExitCode {
    if let Some(kind) = &args.kind {
        return match scaffold::parse_kind(kind) {
            Ok(kind) => {
                print!("{}", scaffold::schema::schema_text(kind));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(ENVIRONMENT_ERROR)
            }
        };
    }
    match scaffold::schema::write_schemas(&cli.root) {
        Ok(files) => {
            eprintln!(
                "Wrote {} schemas to {}/ and .taplo.toml",
                files.len() - 1,
                scaffold::schema::SCHEMA_DIR
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(ENVIRONMENT_ERROR)
        }
    }
}

fn report_failure(failure: Failure, format: Format, consequence: &str) -> ExitCode {
    match failure {
        Failure::Content { diagnostics, files } => {
            print_diagnostics(&diagnostics, &files, format);
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            if format == Format::Human {
                eprintln!(
                    "error: {errors} error{} in the atlas; {consequence}",
                    plural(errors)
                );
            }
            ExitCode::from(CONTENT_ERROR)
        }
        Failure::Environment(message) => {
            eprintln!("error: {message}");
            ExitCode::from(ENVIRONMENT_ERROR)
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], files: &Files, format: Format) {
    match format {
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", diag::render_human(diagnostics, files, color));
        }
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in diagnostics {
                if let Ok(line) = serde_json::to_string(&d.locate(files)) {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
