//! The `redvest` command; all the work is in the library.

fn main() -> std::process::ExitCode {
    redvest::cli::run()
}
