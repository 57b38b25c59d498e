//! Every way the app state can change.
//!
//! Keys become actions through the keymap, the terminal's resize events
//! become [`Action::Resize`], and nothing else mutates [`super::App`]. Actions
//! that a key can trigger have a stable snake_case name, which is what the
//! keymap and (later) the config file use.

/// One change to the app state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// Move focus to the next pane (list, reader, actors).
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Up one row in the focused pane (scrolls the reader one line).
    Up,
    /// Down one row in the focused pane.
    Down,
    /// Up one page in the focused pane.
    PageUp,
    /// Down one page in the focused pane.
    PageDown,
    /// To the first row or the top of the article.
    Top,
    /// To the last row or the end of the article.
    Bottom,
    /// Enter: open the article in the reader, or select the actor.
    Activate,
    /// Esc: close what is open, or clear the actor selection.
    Back,
    /// Jump to the next mention of the selected actor, across articles.
    NextMention,
    /// Jump to the previous mention of the selected actor, across articles.
    PrevMention,
    /// Show or hide the key help.
    ToggleHelp,
    /// The terminal now has this size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
}

impl Action {
    /// Every action a key can be bound to, with its name.
    pub const BINDABLE: [(Action, &'static str); 14] = [
        (Action::Quit, "quit"),
        (Action::FocusNext, "focus_next"),
        (Action::FocusPrev, "focus_prev"),
        (Action::Up, "up"),
        (Action::Down, "down"),
        (Action::PageUp, "page_up"),
        (Action::PageDown, "page_down"),
        (Action::Top, "top"),
        (Action::Bottom, "bottom"),
        (Action::Activate, "activate"),
        (Action::Back, "back"),
        (Action::NextMention, "next_mention"),
        (Action::PrevMention, "prev_mention"),
        (Action::ToggleHelp, "help"),
    ];

    /// The name a key binding uses, for actions a key can trigger.
    pub fn name(&self) -> Option<&'static str> {
        Action::BINDABLE
            .iter()
            .find(|(a, _)| a == self)
            .map(|(_, n)| *n)
    }

    /// The action with binding name `name`.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| a.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (a, n) in Action::BINDABLE {
            assert_eq!(a.name(), Some(n));
            assert_eq!(Action::from_name(n), Some(a));
        }
        assert_eq!(
            Action::Resize {
                width: 1,
                height: 1
            }
            .name(),
            None
        );
    }
}
