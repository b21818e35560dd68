//! The script library shipped inside the binary (`scripts/` at build
//! time): Bro's install directory without an install. It appears on the
//! search path as the virtual directories `<bro>`, `<bro>/policy` and
//! `<bro>/site`, so `@load base/frameworks/broker` resolves here when no
//! BROPATH directory has the file.

use std::path::{Path, PathBuf};

/// The virtual directory that stands for the embedded library.
pub const ROOT: &str = "<bro>";

static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_scripts.rs"));

/// The embedded directories searched after BROPATH, in Bro's order.
pub fn search_dirs() -> Vec<PathBuf> {
    [ROOT.to_string(), format!("{ROOT}/policy"), format!("{ROOT}/site")].into_iter().map(PathBuf::from).collect()
}

/// The text of an embedded file, by its path relative to `scripts/`.
pub fn text(relative: &str) -> Option<&'static str> {
    FILES.iter().find(|(name, _)| *name == relative).map(|(_, text)| *text)
}

/// `path` without `.` components and with `..` applied, as a string.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// For a path inside the virtual root, its normalized relative part.
pub fn relative(path: &Path) -> Option<String> {
    let s = path.to_str()?;
    let rest = s.strip_prefix(ROOT)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    Some(normalize(rest))
}

/// Looks a script up in the library the way a search directory is
/// searched: `NAME.bro`, `NAME` itself, or `NAME/__load__.bro`. Returns
/// the virtual path of the file found.
pub fn find(base: &Path) -> Option<PathBuf> {
    let rel = relative(base)?;
    [format!("{rel}.bro"), rel.clone(), format!("{rel}/__load__.bro")]
        .into_iter()
        .find(|candidate| text(candidate).is_some())
        .map(|found| PathBuf::from(format!("{ROOT}/{found}")))
}

/// Every embedded file: its path relative to `scripts/` and its text.
pub fn files() -> &'static [(&'static str, &'static str)] {
    FILES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_files_packages_and_dot_paths() {
        assert_eq!(find(Path::new("<bro>/base/init-bare")), Some(PathBuf::from("<bro>/base/init-bare.bro")));
        assert_eq!(find(Path::new("<bro>/base/./x/../init-bare.bro")), Some(PathBuf::from("<bro>/base/init-bare.bro")));
        assert_eq!(find(Path::new("<bro>/base/nothing")), None);
        assert_eq!(find(Path::new("elsewhere/base/init-bare")), None);
        assert!(files().iter().all(|(name, _)| name.ends_with(".bro")));
    }
}
