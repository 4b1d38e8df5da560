//! The command line: clap arguments resolved into build options; printing
//! the summary, warnings and errors; the exit status (0 success, 1 the site
//! has errors, 2 bad usage).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use std::path::Path;

use crate::error::Errors;
use crate::i18n::catalogue::scaffold as scaffold_msg;
use crate::i18n::Lang;
use crate::pipeline::{self, BuildOptions, Mode};
use crate::scaffold::{self, NewKind};
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
    /// Write a new story, report, announcement, campaign, column or page.
    New(NewArgs),
    /// Make a new site that builds as it is.
    Init(InitArgs),
    /// Work with the theme: `redvest theme eject` copies the built-in theme into the site.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

#[derive(Debug, Subcommand)]
enum ThemeCommand {
    /// Copy the built-in theme into themes/default/ to edit it; the site then uses that copy.
    Eject(EjectArgs),
}

#[derive(Debug, Args)]
struct EjectArgs {
    /// The site's folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Eject again over an existing themes/default/, which is kept, renamed to themes/default.old.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// What to make: story, report, announcement, campaign, column or page.
    kind: String,
    /// The title (标题); the file name is its pinyin unless --slug is given.
    title: String,
    /// The URL and file name: a-z, 0-9 and `-`.
    #[arg(long)]
    slug: Option<String>,
    /// The site's folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder for the new site; it must not exist or be empty.
    dir: PathBuf,
    /// Add sample articles (one of each kind) to read and replace; without it the site starts empty.
    #[arg(long)]
    demo: bool,
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
    /// Print the time each stage of the build took.
    #[arg(long)]
    timings: bool,
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
    // A panic caught while processing a file is reported as an error naming
    // that file; the hook only keeps Rust's own message out of the way.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("internal error{place} (a bug in redvest; please report it)");
    }));
    let cli = Cli::parse();
    let lang = match &cli.command {
        Command::Build(a) => Lang::for_site(&a.common.root),
        Command::Check(a) => Lang::for_site(&a.common.root),
        Command::Serve(a) => Lang::for_site(&a.common.root),
        Command::New(a) => Lang::for_site(&a.root),
        Command::Init(_) => Lang::from_env(),
        Command::Theme(ThemeCommand::Eject(a)) => Lang::for_site(&a.root),
    };
    let timings = match &cli.command {
        Command::Build(a) => a.common.timings,
        Command::Check(a) => a.common.timings,
        Command::Serve(a) => a.common.timings,
        Command::New(_) | Command::Init(_) | Command::Theme(_) => false,
    };
    let (options, mode) = match cli.command {
        Command::Build(args) => (
            options(args.common, args.output, args.base_url, args.force),
            Mode::Build,
        ),
        Command::Check(args) => (options(args.common, None, None, false), Mode::Check),
        Command::Serve(args) => {
            let serve = ServeOptions {
                timings: args.common.timings,
                build: options(args.common, None, None, false),
                bind: args.bind,
                port: args.port,
            };
            return exit(serve::run(serve), lang);
        }
        Command::New(args) => return exit(run_new(&args), lang),
        Command::Init(args) => return exit(run_init(&args, lang), lang),
        Command::Theme(ThemeCommand::Eject(args)) => {
            return exit(run_theme_eject(&args, lang), lang)
        }
    };
    match pipeline::build(&options, mode) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{}", warning.render_warning(lang));
            }
            println!("{}", report.summary(mode));
            if timings {
                println!("{}", report.timings.table());
                if !report.templates.is_empty() {
                    println!("templates, slowest first:");
                    println!("{}", pipeline::Timings::templates_table(&report.templates));
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{}", errors.render(lang));
            let n = errors.len();
            eprintln!(
                "{n} error{} found; nothing was written",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(u8::try_from(errors.exit_code()).unwrap_or(1))
        }
    }
}

fn run_new(args: &NewArgs) -> Result<(), Errors> {
    let kind = NewKind::parse(&args.kind)?;
    let config = crate::config::load(&args.root, None)?;
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let now = pipeline::build_time(epoch.as_deref(), &config)?;
    let rel = scaffold::new_content(&args.root, kind, &args.title, args.slug.as_deref(), now)?;
    let shown = if args.root == Path::new(".") {
        rel
    } else {
        args.root.join(rel)
    };
    println!("{}", shown.display());
    Ok(())
}

fn run_init(args: &InitArgs, lang: Lang) -> Result<(), Errors> {
    let written = scaffold::init_site(&args.dir, args.demo)?;
    let dir = args.dir.display();
    println!("{}", scaffold_msg::init_done(&dir).get(lang));
    for rel in &written {
        println!("  {}", args.dir.join(rel).display());
    }
    let after = if args.demo {
        scaffold_msg::init_done_demo()
    } else {
        scaffold_msg::init_done_empty()
    };
    println!("{}", after.get(lang));
    println!("{}", scaffold_msg::init_next(&dir).get(lang));
    Ok(())
}

fn run_theme_eject(args: &EjectArgs, lang: Lang) -> Result<(), Errors> {
    let ejected = scaffold::eject_theme(&args.root, args.force)?;
    let shown = |rel: &Path| {
        if args.root == Path::new(".") {
            rel.to_path_buf()
        } else {
            args.root.join(rel)
        }
    };
    let dir = shown(&ejected.dir);
    let files = ejected.written.len();
    println!(
        "{}",
        scaffold_msg::eject_done(dir.display(), files).get(lang)
    );
    for rel in &ejected.written {
        println!("  {}", shown(rel).display());
    }
    if let Some(aside) = &ejected.moved_aside {
        let aside = shown(aside);
        println!(
            "{}",
            scaffold_msg::eject_moved_aside(aside.display()).get(lang)
        );
    }
    let theme = crate::config::load(&args.root, None).map(|c| c.theme);
    match theme {
        Ok(name) if name != crate::render::builtin::DEFAULT => {
            println!(
                "{}",
                scaffold_msg::eject_other_theme(name, dir.display()).get(lang)
            );
        }
        _ => println!("{}", scaffold_msg::eject_in_use(dir.display()).get(lang)),
    }
    Ok(())
}

/// Prints the errors of a command that failed and gives its exit status.
fn exit(result: Result<(), Errors>, lang: Lang) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            eprintln!("{}", errors.render(lang));
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
