//! Whether an output may be written at all: not the site nor inside its
//! sources, made by redvest (unless forced), and replaceable whole.

use std::fs;
use std::path::Path;

use super::{is_marked, real_path, resolve_link, sibling, walk, MARKER};
use crate::error::Error;
use crate::i18n::catalogue::output as msg;

/// Checks that `output` may be written: not the site itself, not holding
/// it, not inside its sources nor holding one of them, and (unless `force`)
/// empty or made by redvest. Paths are compared as the folders they name,
/// after resolving symbolic links, and `force` overrides none of that.
pub fn check_target(output: &Path, root: &Path, force: bool) -> Result<(), Error> {
    let real_out = real_path(output);
    let real_root = real_path(root);
    if real_root.starts_with(&real_out) {
        return Err(Error::usage(msg::output_contains_site(output.display()))
            .with_hint(msg::output_contains_site_hint()));
    }
    for source in ["content", "static", "templates", "themes"] {
        let real_source = real_path(&root.join(source));
        if real_out.starts_with(real_root.join(source)) || real_out.starts_with(&real_source) {
            return Err(
                Error::usage(msg::output_inside_source(output.display(), source))
                    .with_hint(msg::output_inside_source_hint()),
            );
        }
        if real_source.starts_with(&real_out) {
            return Err(
                Error::usage(msg::output_holds_source(output.display(), source))
                    .with_hint(msg::output_contains_site_hint()),
            );
        }
    }
    let output = &resolve_link(output);
    for what in ["new", "old"] {
        let aside = sibling(output, what)?;
        if aside.exists() && !is_marked(&aside) {
            return Err(
                Error::usage(msg::in_the_way(aside.display())).with_hint(msg::in_the_way_hint())
            );
        }
    }
    if let Some(file) = output.ancestors().skip(1).find(|a| a.is_file()) {
        return Err(
            Error::usage(msg::parent_is_file(file.display(), output.display()))
                .with_hint(msg::parent_is_file_hint()),
        );
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(Error::usage(msg::output_not_a_folder(output.display()))
            .with_hint(msg::output_not_a_folder_hint()));
    }
    let empty = fs::read_dir(output)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if !empty && !output.join(MARKER).is_file() && !force {
        return Err(Error::usage(msg::output_not_ours(output.display()))
            .with_hint(msg::output_not_ours_hint()));
    }
    Ok(())
}

/// Refuses to start when the old output could not be removed after the
/// new one is in place (a read-only folder in it), so a build never ends
/// half swapped.
pub(super) fn check_replaceable(output: &Path) -> Result<(), Error> {
    if !output.is_dir() {
        return Ok(());
    }
    let read_only = std::sync::Mutex::new(Vec::new());
    // Unreadable parts are left to the swap to report, as before.
    let _ = walk::each_entry(output, &|entry| {
        if entry
            .rel
            .rsplit('/')
            .next()
            .is_some_and(|n| n.starts_with('.'))
        {
            return false;
        }
        let locked = entry.kind.is_dir()
            && fs::metadata(entry.path).is_ok_and(|m| m.permissions().readonly());
        if locked {
            read_only
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(entry.path.to_path_buf());
        }
        true
    });
    let root_locked = fs::metadata(output).is_ok_and(|m| m.permissions().readonly());
    let mut read_only = read_only.into_inner().unwrap_or_else(|e| e.into_inner());
    read_only.sort();
    let first = match root_locked {
        true => Some(output.to_path_buf()),
        false => read_only.into_iter().next(),
    };
    match first {
        Some(dir) => Err(
            Error::usage(msg::read_only(dir.display(), output.display()))
                .with_hint(msg::read_only_hint()),
        ),
        None => Ok(()),
    }
}
