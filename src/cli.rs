//! The command line: clap arguments resolved into build options; printing
//! the summary, warnings and errors; the exit status (0 success, 1 the site
//! has errors, 2 bad usage).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::error::Errors;
use crate::pipeline::{self, BuildOptions, Mode};
use crate::serve::{self, ServeOptions};

/// redvest: Markdown to a volunteer-publicity site.
#[derive(Debug, Parser)]
#[command(
    name = "redvest",
    version,
    about = "A static site generator for volunteer publicity (志愿服务宣传)"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output directory (public/ by default).
    Build(BuildArgs),
    /// Do everything a build does but write: references, links, templates.
    Check(CheckArgs),
    /// Build in memory, serve on this machine, rebuild on every save and reload the browser.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// The site's folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
    /// Include items dated in the future.
    #[arg(long)]
    future: bool,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Where to write the site (default: <root>/public).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Publish at this address instead of site.yaml's base_url.
    #[arg(long)]
    base_url: Option<String>,
    /// Replace an output folder that redvest did not make.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
}

/// Runs the command line and returns the exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let (options, mode) = match cli.command {
        Command::Build(args) => (
            options(args.common, args.output, args.base_url, args.force),
            Mode::Build,
        ),
        Command::Check(args) => (options(args.common, None, None, false), Mode::Check),
        Command::Serve(args) => {
            let serve = ServeOptions {
                build: options(args.common, None, None, false),
                bind: args.bind,
                port: args.port,
            };
            return exit(serve::run(serve));
        }
    };
    match pipeline::build(&options, mode) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            println!("{}", report.summary(mode));
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            let n = errors.len();
            eprintln!(
                "{n} error{} found; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(u8::try_from(errors.exit_code()).unwrap_or(1))
        }
    }
}

/// Prints the errors of a command that failed and gives its exit status.
fn exit(result: Result<(), Errors>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::from(u8::try_from(errors.exit_code()).unwrap_or(1))
        }
    }
}

fn options(
    common: CommonArgs,
    output: Option<PathBuf>,
    base_url: Option<String>,
    force: bool,
) -> BuildOptions {
    BuildOptions {
        root: common.root,
        output,
        base_url,
        drafts: common.drafts,
        future: common.future,
        force,
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
    }
}
