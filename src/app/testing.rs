//! Helpers for tests that drive the app the way a user does.

use std::sync::Arc;

use super::keymap::Key;
use super::{Action, App, Effect, Pane};
use crate::actors::{ActorId, Lookup};
use crate::library::Library;
use crate::search::Engine;

/// The app over the seed corpus on a `w` x `h` terminal.
pub fn seeds_app(w: u16, h: u16) -> App {
    App::new(Arc::new(Library::seeds()), w, h)
}

/// Presses keys given as keymap names separated by spaces (`"tab j enter"`),
/// carrying out any effect at once, as the binary would a moment later.
pub fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let key = Key::parse(k).unwrap_or_else(|| panic!("bad key {k}"));
        for key in app.keys_of(key) {
            if let Some(action) = app.action_for_key(key) {
                act(app, action);
            }
        }
    }
}

/// Applies an action and carries out its effect synchronously.
pub fn act(app: &mut App, action: Action) {
    if let Some(effect) = app.update(action) {
        run(app, effect);
    }
}

/// Carries out an effect synchronously.
pub fn run(app: &mut App, effect: Effect) {
    match effect {
        Effect::Search {
            generation,
            query,
            marked,
        } => {
            let hits = Engine::new()
                .search_marked(&app.lib, &query, marked.as_deref(), &|| false)
                .expect("an uncancellable search completes");
            app.update(Action::FilterResults {
                generation,
                hits: Arc::new(hits),
            });
        }
        // Written to memory, not to the folder the tests run in.
        Effect::Export {
            selection,
            format,
            scope,
            marks,
        } => {
            let mut out = Vec::new();
            let outcome = crate::export::write(
                &mut out,
                &app.lib,
                &selection,
                format,
                scope.as_deref(),
                &marks,
            )
            .map(|records| crate::export::Written {
                what: selection.what(),
                path: "(memory)".into(),
                records,
            })
            .map_err(|e| e.to_string());
            app.update(Action::Exported(outcome));
        }
        // The binary writes them to disk; the app has applied them.
        Effect::SaveState(_) => {}
        // Leaving the app has no effect on its state.
        Effect::Pager { .. }
        | Effect::Editor { .. }
        | Effect::Browser { .. }
        | Effect::Copy { .. }
        | Effect::Suspend => {}
    }
}

/// Opens the filter and types `text` into it, one key at a time (a space
/// is typed as a space).
pub fn type_filter(app: &mut App, text: &str) {
    if !app.filter.editing {
        press(app, "/");
    }
    for c in text.chars() {
        act(app, Action::FilterInput(c));
    }
}

/// The id of the actor a user would mean by `name`.
pub fn actor(app: &App, name: &str) -> ActorId {
    match app.lib.actors.lookup(name) {
        Lookup::Found(id) => id,
        other => panic!("{name}: {other:?}"),
    }
}

/// Moves the sidebar cursor onto `name` with j and presses Enter there,
/// leaving focus in the sidebar.
pub fn select(app: &mut App, name: &str) {
    let id = actor(app, name);
    for _ in 0..3 {
        if app.focus != Pane::Actors {
            press(app, "tab");
        }
    }
    assert_eq!(app.focus, Pane::Actors, "Tab reaches the actors pane");
    let row = app.sidebar.rows.iter().position(|h| h.actor == id).unwrap();
    press(app, "g");
    for _ in 0..row {
        press(app, "j");
    }
    press(app, "enter");
}
