//! The status bar: what is on screen (counts, the selected actor, a message)
//! on the left, the keys that matter now on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::keymap::Context;
use crate::app::{Action, App, Pane};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let lib = &app.lib;
    let left = match &app.message {
        Some(m) => m.clone(),
        None => {
            let mentions = lib.actors.all_mentions().len();
            let mut s = format!(
                "{} articles · {} actors · {mentions} mentions",
                lib.corpus.len(),
                lib.actors.len()
            );
            if let Some(a) = app.selected_actor {
                s.push_str(&format!(" · selected: {}", lib.actors.get(a).name));
            }
            if !lib.corpus.warnings.is_empty() {
                s.push_str(&format!(" · {} load warnings", lib.corpus.warnings.len()));
            }
            s
        }
    };
    let hints = hints(app);
    let width = usize::from(area.width);
    let hint_w: usize = hints.iter().map(|s| text::display_width(&s.content)).sum();
    let mut spans = Vec::new();
    let left_w = if hint_w + 12 <= width {
        width - hint_w
    } else {
        width
    };
    spans.push(Span::raw(text::pad(&format!(" {left}"), left_w)));
    if left_w < width {
        spans.extend(hints);
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme::status()),
        area,
    );
}

/// Key hints for the focused pane, each key drawn from the keymap.
fn hints(app: &App) -> Vec<Span<'static>> {
    let ctx = app.key_context();
    let mut wanted: Vec<(Action, &str)> = vec![(Action::FocusNext, "pane")];
    match app.focus {
        Pane::List => wanted.push((Action::Activate, "read")),
        Pane::Actors => wanted.push((Action::Activate, "select")),
        Pane::Reader => {}
    }
    if app.selected_actor.is_some() {
        wanted.push((Action::NextMention, "next"));
        wanted.push((Action::Back, "all"));
    }
    wanted.push((Action::ToggleHelp, "help"));
    wanted.push((Action::Quit, "quit"));
    let mut out = Vec::new();
    for (action, label) in wanted {
        let ctx = if ctx == Context::Help {
            Context::Global
        } else {
            ctx
        };
        if let Some(k) = app.keymap.key_for(&action, ctx) {
            out.push(Span::styled(k.to_string(), theme::key()));
            out.push(Span::raw(format!(" {label}  ")));
        }
    }
    out
}
