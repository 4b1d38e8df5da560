//! Embeds the default theme (`themes/default/`, its one copy) in the library:
//! a site without a `themes/default/` folder of its own builds with it, and
//! `redvest theme eject` writes it out, without the source tree.
//!
//! Generates `$OUT_DIR/default_theme.rs` with one static list of
//! (path inside the theme, bytes) pairs, sorted by path, with hidden files
//! and editors' backup files (`*~`) left out.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

const THEME_DIR: &str = "themes/default";

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed={THEME_DIR}");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or_else(missing_env)?);
    let theme = manifest.join(THEME_DIR);
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files)?;
    files.sort();
    let mut code = String::from("/// The default theme's files: (path inside the theme, bytes).\n");
    code.push_str("pub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={}", abs.display());
        let abs = abs.to_str().ok_or_else(|| not_utf8(abs))?;
        // `{:?}` writes a Rust string literal, escapes included.
        let _ = writeln!(code, "    ({rel:?}, include_bytes!({abs:?})),");
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var_os("OUT_DIR").ok_or_else(missing_env)?);
    fs::write(out.join("default_theme.rs"), code)
}

/// Adds every file below `dir` as (path relative to `base` with `/`, absolute path).
fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(base, &path, files)?;
            continue;
        }
        let rel = path
            .strip_prefix(base)
            .map_err(|_| io::Error::other("a theme file outside the theme"))?;
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push((rel.join("/"), path));
    }
    Ok(())
}

fn missing_env() -> io::Error {
    io::Error::other("cargo did not set CARGO_MANIFEST_DIR or OUT_DIR")
}

fn not_utf8(path: &Path) -> io::Error {
    io::Error::other(format!("{} is not a UTF-8 path", path.display()))
}
