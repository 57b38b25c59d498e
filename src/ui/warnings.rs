//! The load warnings (`w`): each file or line that was skipped or flagged
//! while loading, with what was wrong and what dossier did about it. The
//! status bar counts them; this lists them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::status::grouped;
use super::{overlay_box, theme::Theme};
use crate::app::App;
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, screen: Rect, scroll: usize) {
    let th = Theme::of(app);
    let warnings = &app.lib.corpus.warnings;
    let w = screen.width.saturating_sub(4).min(110);
    let h = screen.height.saturating_sub(2);
    let title = format!(" Load warnings ({}) ", grouped(warnings.len()));
    let Some(inner) = overlay_box(
        th,
        frame,
        screen,
        w,
        h,
        title,
        " Esc or w closes, j/k scroll ",
    ) else {
        return;
    };
    let width = usize::from(inner.width);
    let problem_w = width.saturating_sub(4).max(8);
    let mut lines = Vec::new();
    let mut wrapped = Vec::new();
    // Only the warnings that can reach the screen are laid out.
    for warning in warnings.iter().skip(scroll) {
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        lines.push(Line::styled(
            format!(
                " {}",
                text::fit(&text::safe_line(&warning.place), width.saturating_sub(1))
            ),
            th.warning(),
        ));
        let problem = warning.problem.to_string();
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
