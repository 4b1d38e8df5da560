//! The `redvest` command; all the work is in the library.

/// A faster allocator: a build allocates many small strings.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    redvest::cli::run()
}
