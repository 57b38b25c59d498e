//! Helpers for tests that drive the app the way a user does.

use std::sync::Arc;

use super::keymap::Key;
use super::{App, Pane};
use crate::actors::{ActorId, Lookup};
use crate::library::Library;

/// The app over the seed corpus on a `w` x `h` terminal.
pub fn seeds_app(w: u16, h: u16) -> App {
    App::new(Arc::new(Library::seeds()), w, h)
}

/// Presses keys given as keymap names separated by spaces (`"tab j enter"`).
pub fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let key = Key::parse(k).unwrap_or_else(|| panic!("bad key {k}"));
        if let Some(action) = app.action_for_key(key) {
            app.update(action);
        }
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
    while app.focus != Pane::Actors {
        press(app, "tab");
    }
    let row = app.sidebar.rows.iter().position(|&a| a == id).unwrap();
    press(app, "g");
    for _ in 0..row {
        press(app, "j");
    }
    press(app, "enter");
}
