//! Walking a whole output folder, folder by folder in parallel: an output
//! has a folder a page, and a rebuild walks the old one three times (is it
//! replaceable, what is left over in the staging folder, which of the
//! user's entries to carry over), which one core took 0.35 s to do at
//! 10,000 pages.

use std::fs::{self, FileType};
use std::io::Result;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// One entry met by [`each_entry`].
pub(super) struct Entry<'a> {
    /// Its path below the folder walked, with `/`.
    pub(super) rel: &'a str,
    /// Its path.
    pub(super) path: &'a Path,
    /// Its kind (a link is a link, not followed).
    pub(super) kind: FileType,
}

/// Calls `visit` with every entry below `dir`, the entries of each folder
/// in parallel, and goes into each folder for which it returns `true`;
/// `visit` sees a folder before anything in it. The first error met
/// reading a folder (in the order of the folder's entries as read).
pub(super) fn each_entry(dir: &Path, visit: &(dyn Fn(&Entry<'_>) -> bool + Sync)) -> Result<()> {
    walk(dir, "", visit)
}

fn walk(dir: &Path, prefix: &str, visit: &(dyn Fn(&Entry<'_>) -> bool + Sync)) -> Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_>>()?;
    let results: Vec<Result<()>> = entries
        .par_iter()
        .map(|entry| {
            let kind = entry.file_type()?;
            let name = entry.file_name();
            let rel = format!("{prefix}{}", name.to_string_lossy());
            let path: PathBuf = entry.path();
            let deeper = visit(&Entry {
                rel: &rel,
                path: &path,
                kind,
            });
            if deeper && kind.is_dir() {
                walk(&path, &format!("{rel}/"), visit)?;
            }
            Ok(())
        })
        .collect();
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn every_entry_is_met_once_and_skipped_folders_are_not_entered() {
        let dir = tempfile::tempdir().expect("a folder");
        for rel in ["a/b/c.html", "a/d.html", ".keep/x", "e.html"] {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
            fs::write(path, "x").expect("a file");
        }
        let met = Mutex::new(Vec::new());
        each_entry(dir.path(), &|entry| {
            met.lock().expect("the list").push(entry.rel.to_string());
            !entry.rel.starts_with('.')
        })
        .expect("walked");
        let mut met = met.into_inner().expect("the list");
        met.sort();
        assert_eq!(
            met,
            [".keep", "a", "a/b", "a/b/c.html", "a/d.html", "e.html"]
        );
    }
}
