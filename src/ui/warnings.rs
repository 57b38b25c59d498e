//! The load warnings (`w`): each file or line that was skipped or flagged
//! while loading, with what was wrong and what dossier did about it. The
//! status bar counts them; this lists them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::status::grouped;
use super::{overlay_box, theme::Theme};
use crate::app::keymap::Context;
use crate::app::{Action, App};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, screen: Rect, scroll: usize) {
    let th = Theme::of(app);
    let corpus = &app.lib.corpus.warnings;
    let w = crate::app::warnings_width(screen.width);
    let h = screen.height.saturating_sub(2);
    let title = if app.warnings.is_empty() {
        format!(" Load warnings ({}) ", grouped(corpus.len()))
    } else {
        format!(
            " Warnings ({}) ",
            grouped(corpus.len() + app.warnings.len())
        )
    };
    // The app's own (the saved marks, the past queries), then the
    // corpus's, each made into text only when it can reach the screen
    // (in the order App::warning_problem counts).
    let warnings = app
        .warnings
        .iter()
        .map(|(about, w)| (*about, Problem::Text(w.as_str())))
        .chain(
            corpus
                .iter()
                .map(|w| (w.place.as_str(), Problem::Load(&w.problem))),
        );
    let Some(inner) = overlay_box(
        th,
        frame,
        screen,
        w,
        h,
        title,
        super::box_hint(
            app,
            &[
                (
                    &[
                        (Action::ToggleHelp, Context::Help),
                        (Action::ToggleWarnings, Context::Help),
                    ],
                    "close",
                ),
                (super::SCROLL_KEYS, "scroll"),
            ],
        ),
    ) else {
        return;
    };
    let width = usize::from(inner.width);
    let problem_w = crate::app::warning_problem_width(width);
    let mut lines = Vec::new();
    let mut wrapped = Vec::new();
    // Only the warnings that can reach the screen are laid out.
    for (place, problem) in warnings.skip(scroll) {
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        lines.push(Line::styled(
            format!(
                " {}",
                text::fit(&text::safe_line(place), width.saturating_sub(1))
            ),
            th.warning(),
        ));
        let problem = match problem {
            Problem::Load(p) => p.to_string(),
            Problem::Text(t) => t.to_owned(),
        };
        wrapped.clear();
        text::wrap_paragraph(&problem, 0..problem.len(), problem_w, &mut wrapped);
        for r in &wrapped {
            lines.push(Line::from(vec![
                Span::raw("   "),
                Span::raw(text::safe_line(&problem[r.clone()]).into_owned()),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What went wrong, as the corpus or the app describes it.
enum Problem<'a> {
    Load(&'a crate::corpus::Problem),
    Text(&'a str),
}
