//! Watching the atlas's inputs: content, templates, themes, assets and `book.toml`.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::{CONFIG_FILE, Config};

/// Short, because an editor's save is one burst of events; long enough to batch it.
const DEBOUNCE: Duration = Duration::from_millis(10);

/// The inputs of a build that exist now, and whether to watch them recursively.
pub(super) fn paths(config: &Config) -> Vec<(PathBuf, RecursiveMode)> {
    let root = &config.root;
    let mut paths: Vec<(PathBuf, RecursiveMode)> = ["content", "templates", "themes", "assets"]
        .iter()
        .map(|dir| root.join(dir))
        .filter(|dir| dir.is_dir())
        .map(|dir| (dir, RecursiveMode::Recursive))
        .collect();
    paths.push((root.join(CONFIG_FILE), RecursiveMode::NonRecursive));
    paths
}

/// Starts watching; each message on the receiver is one batch of relevant changes.
pub(super) fn start(
    paths: &[(PathBuf, RecursiveMode)],
) -> Result<
    (
        Debouncer<RecommendedWatcher, RecommendedCache>,
        mpsc::Receiver<()>,
    ),
    String,
> {
    let (sender, receiver) = mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let changed = result.is_ok_and(|events| {
            events
                .iter()
                .any(|e| changes_content(&e.kind) && e.paths.iter().any(|p| relevant(p)))
        });
        if changed {
            let _ = sender.send(());
        }
    })
    .map_err(|e| format!("cannot watch the atlas: {e}"))?;
    for (path, mode) in paths {
        debouncer
            .watch(path, *mode)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    }
    Ok((debouncer, receiver))
}

/// Reading files (every build does) must not trigger a build; writing, creating, removing
/// and renaming must.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Editors' swap and backup files are not inputs.
fn relevant(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !(name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_scratch_files() {
        assert!(relevant(Path::new("content/countries/laos.md")));
        assert!(!relevant(Path::new("content/countries/.laos.md.swp")));
        assert!(!relevant(Path::new("content/countries/laos.md~")));
        assert!(!relevant(Path::new("content/countries/#laos.md#")));
    }
}
