//! The command line: clap arguments resolved into build options; printing
//! the summary, warnings and errors; the exit status (0 success, 1 the site
//! has errors, 2 bad usage).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, CommandFactory, Parser, Subcommand};

use std::path::Path;

use crate::error::Errors;
use crate::i18n::catalogue::scaffold as scaffold_msg;
use crate::i18n::catalogue::{cli as msg, common};
use crate::i18n::{Lang, Text};
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
    /// Bring old articles in from Word (.docx), saved web pages (.html) and text files (.txt).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The files to import; a folder imports every .txt, .html and .docx file in it.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// What the articles are: story, report or announcement.
    #[arg(long, value_enum)]
    kind: ImportKind,
    /// The campaign (its slug) every imported article belongs to.
    #[arg(long)]
    campaign: Option<String>,
    /// The column (its slug) every imported article belongs to.
    #[arg(long)]
    column: Option<String>,
    /// Convert traditional characters to simplified.
    #[arg(long)]
    to_simplified: bool,
    /// The site's folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

/// The kinds `redvest import` writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ImportKind {
    Story,
    Report,
    Announcement,
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
    /// Publish at this address instead of site.yaml's base_url; `./` for
    /// links relative to each page (as --relative-links).
    #[arg(long)]
    base_url: Option<String>,
    /// Write every link relative to its page, so the site opens from a
    /// folder, a USB stick or any sub-path (site.yaml: relative_links).
    #[arg(long)]
    relative_links: bool,
    /// Give pages addresses of their own files (stories/a.html) for servers
    /// that look up no index.html (site.yaml: file_urls).
    #[arg(long)]
    file_urls: bool,
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let lang = match &cli.command {
        Command::Build(a) => Lang::for_site(&a.common.root),
        Command::Check(a) => Lang::for_site(&a.common.root),
        Command::Serve(a) => Lang::for_site(&a.common.root),
        Command::New(a) => Lang::for_site(&a.root),
        Command::Init(_) => Lang::from_env(),
        Command::Theme(ThemeCommand::Eject(a)) => Lang::for_site(&a.root),
        Command::Import(a) => Lang::for_site(&a.root),
    };
    set_panic_hook(lang);
    let timings = match &cli.command {
        Command::Build(a) => a.common.timings,
        Command::Check(a) => a.common.timings,
        Command::Serve(a) => a.common.timings,
        Command::New(_) | Command::Init(_) | Command::Theme(_) | Command::Import(_) => false,
    };
    let (options, mode) = match cli.command {
        Command::Build(args) => {
            let mut build = options(args.common, args.output, args.base_url, args.force, lang);
            build.relative_links = args.relative_links;
            build.file_urls = args.file_urls;
            (build, Mode::Build)
        }
        Command::Check(args) => (options(args.common, None, None, false, lang), Mode::Check),
        Command::Serve(args) => {
            let serve = ServeOptions {
                timings: args.common.timings,
                build: options(args.common, None, None, false, lang),
                bind: args.bind,
                lang,
                port: args.port,
            };
            return exit(serve::run(serve), lang);
        }
        Command::New(args) => return exit(run_new(&args, lang), lang),
        Command::Init(args) => return exit(run_init(&args, lang), lang),
        Command::Theme(ThemeCommand::Eject(args)) => {
            return exit(run_theme_eject(&args, lang), lang)
        }
        Command::Import(args) => return exit(run_import(args, lang), lang),
    };
    match pipeline::build(&options, mode) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{}", warning.render_warning(lang));
            }
            println!("{}", report.summary(mode, lang));
            if timings {
                println!("{}", report.timings.table(lang));
                if !report.templates.is_empty() {
                    let table = pipeline::Timings::templates_table(&report.templates, lang);
                    println!("{table}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{}", errors.render(lang));
            let count = match errors.len() {
                1 => msg::one_error_found(),
                n => msg::errors_found(n),
            };
            eprintln!("{}", count.get(lang));
            ExitCode::from(u8::try_from(errors.exit_code()).unwrap_or(1))
        }
    }
}

/// A panic caught while processing a file is reported as an error naming
/// that file; the hook only keeps Rust's own message out of the way, in
/// the reader's language.
fn set_panic_hook(lang: Lang) {
    std::panic::set_hook(Box::new(move |info| {
        let line = match info.location() {
            Some(l) => msg::internal_error_at(format!("{}:{}", l.file(), l.line())),
            None => msg::internal_error(),
        };
        eprintln!("{}", line.get(lang));
    }));
}

/// Shows a command line clap could not read: help and version as they
/// are; an error in clap's words (English), followed, for a Chinese
/// reader, by a line in Chinese saying what is wrong and where to look.
/// The language is the site's in the current folder, else `LANG`'s.
fn usage_error(error: &clap::Error) -> ExitCode {
    let _ = error.print();
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    if !error.use_stderr() {
        return ExitCode::from(code);
    }
    if Lang::for_site(Path::new(".")) == Lang::Zh {
        let line = msg::usage_line(usage_text(error), msg::usage_help());
        eprintln!("{}", line.get(Lang::Zh));
    }
    ExitCode::from(code)
}

/// What is wrong with a command line, from the parts clap's error names.
fn usage_text(error: &clap::Error) -> Text {
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(" ")),
        _ => None,
    };
    let invalid = context(ContextKind::InvalidArg).unwrap_or_default();
    let suggested = context(ContextKind::SuggestedSubcommand)
        .or_else(|| context(ContextKind::SuggestedArg))
        .map(common::did_you_mean);
    let text = match error.kind() {
        ErrorKind::InvalidSubcommand => msg::usage_unknown_command(
            context(ContextKind::InvalidSubcommand).unwrap_or_default(),
            commands(),
        ),
        ErrorKind::UnknownArgument => msg::usage_unknown_option(invalid),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => msg::usage_bad_value(
            context(ContextKind::InvalidValue).unwrap_or_default(),
            invalid,
        ),
        ErrorKind::MissingRequiredArgument => msg::usage_missing(invalid),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            msg::usage_extra(context(ContextKind::InvalidValue).unwrap_or(invalid))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            msg::usage_no_command(commands())
        }
        _ => msg::usage_see_above(),
    };
    match suggested {
        Some(suggested) => msg::usage_with_suggestion(text, suggested),
        None => text,
    }
}

/// The names of redvest's commands, as a list in each language.
fn commands() -> Text {
    let names: Vec<Text> = Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| Text::verbatim(c.get_name()))
        .collect();
    Text::join(&names, &msg::list_separator())
}

fn run_new(args: &NewArgs, lang: Lang) -> Result<(), Errors> {
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
    eprintln!("{}", msg::new_written().get(lang));
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

/// `redvest import`: imports, prints the report, and fails (exit 1) if a
/// file could not be imported.
fn run_import(args: ImportArgs, lang: Lang) -> Result<(), Errors> {
    let kind = match args.kind {
        ImportKind::Story => crate::import::Kind::Story,
        ImportKind::Report => crate::import::Kind::Report,
        ImportKind::Announcement => crate::import::Kind::Announcement,
    };
    let options = crate::import::ImportOptions {
        root: args.root,
        inputs: args.files,
        kind,
        campaign: args.campaign,
        column: args.column,
        to_simplified: args.to_simplified,
        lang,
    };
    let report = crate::import::run(&options)?;
    for line in report.lines() {
        println!("{}", line.get(lang));
    }
    report.failed.into_result(())
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
    lang: Lang,
) -> BuildOptions {
    BuildOptions {
        root: common.root,
        output,
        base_url,
        relative_links: false,
        file_urls: false,
        drafts: common.drafts,
        future: common.future,
        force,
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
        lang,
    }
}
