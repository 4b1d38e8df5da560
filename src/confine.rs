//! Keeps what redvest reads for output inside the site root. A symbolic
//! link in `content/`, `static/`, a page bundle, `templates/` or `themes/`
//! may point anywhere inside the site; one whose target (with every link
//! on the way resolved) lies outside it is an error naming the link and its
//! target, and the file is not read. Walks check each link they meet
//! ([`SiteRoot::check_link`]); the dev server checks every file it reads
//! from disk ([`SiteRoot::resolve`]).

use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::i18n::catalogue::safety as msg;

/// The site root, as given and with every link resolved.
#[derive(Debug, Clone)]
pub struct SiteRoot {
    given: PathBuf,
    real: PathBuf,
}

impl SiteRoot {
    /// The site root at `root` (a path as the user gave it).
    pub fn new(root: &Path) -> SiteRoot {
        SiteRoot {
            given: root.to_path_buf(),
            real: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// The real path of `path` (a path below the root as given), if it
    /// lies inside the site; otherwise an error naming the link that leads
    /// out (or cannot be followed) and where it leads.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Error> {
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.real) => Ok(real),
            Ok(real) => Err(self.out_of_site(path, &real)),
            Err(e) => Err(self.unresolved(path, &e)),
        }
    }

    /// Checks an entry a walk met: `Ok` unless it is a symbolic link (or
    /// the walk's starting folder, reached through one) that leads out of
    /// the site or cannot be followed.
    pub fn check_link(&self, path: &Path, is_link: bool, is_start: bool) -> Result<(), Error> {
        if is_link || is_start {
            self.resolve(path).map(|_| ())
        } else {
            Ok(())
        }
    }

    /// How messages show `path`: below the root, as the user knows it.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.given).unwrap_or(path).to_path_buf()
    }

    /// The outermost link on the way from the root to `path` that leads out
    /// of the site, with its real target; `path` itself when none is found
    /// (it changed meanwhile).
    fn culprit(&self, path: &Path, real: &Path) -> (PathBuf, PathBuf) {
        let below = path.strip_prefix(&self.given).unwrap_or(path);
        let mut at = self.given.clone();
        for part in below.components() {
            at.push(part);
            let is_link = at
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink());
            if !is_link {
                continue;
            }
            if let Ok(target) = at.canonicalize() {
                if !target.starts_with(&self.real) {
                    return (at, target);
                }
            }
        }
        (path.to_path_buf(), real.to_path_buf())
    }

    fn out_of_site(&self, path: &Path, real: &Path) -> Error {
        let (link, target) = self.culprit(path, real);
        Error::in_file(self.shown(&link), msg::link_out_of_site(target.display()))
            .with_hint(msg::link_out_of_site_hint())
    }

    fn unresolved(&self, path: &Path, e: &io::Error) -> Error {
        // A loop of links fails with neither of these (ELOOP, whose kind
        // is not stable to name).
        let message = match e.kind() {
            io::ErrorKind::NotFound => msg::link_broken(),
            io::ErrorKind::PermissionDenied => msg::link_unresolved(e),
            _ => msg::link_loop(),
        };
        Error::in_file(self.shown(path), message).with_hint(msg::link_broken_hint())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_pass_and_links_out_are_named() {
        let dir = tempfile::tempdir().expect("a temp folder");
        let root = dir.path().join("site");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(root.join("static")).expect("folders");
        std::fs::create_dir_all(&outside).expect("folders");
        std::fs::write(root.join("a.txt"), "a").expect("write");
        std::fs::write(outside.join("b.txt"), "b").expect("write");
        symlink("../a.txt", root.join("static/in.txt")).expect("link");
        symlink(&outside, root.join("static/out")).expect("link");
        let site = SiteRoot::new(&root);
        assert!(site.resolve(&root.join("static/in.txt")).is_ok());
        let err = site
            .resolve(&root.join("static/out/b.txt"))
            .expect_err("outside");
        let location = err.location().expect("a location");
        assert_eq!(location.path, Path::new("static/out"));
        assert!(err.to_string().contains("outside"), "{err}");
        let missing = site
            .resolve(&root.join("static/none"))
            .expect_err("missing");
        assert!(missing.to_string().contains("does not exist"), "{missing}");
    }
}
