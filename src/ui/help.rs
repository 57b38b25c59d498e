//! The help overlay, generated from the keymap so it always tells the truth.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{overlay_box, theme};
use crate::app::App;
use crate::text;

/// Width of the keys column.
const KEYS_W: usize = 16;

pub(super) fn render(app: &App, frame: &mut Frame, screen: Rect, scroll: usize) {
    let w = screen.width.saturating_sub(4).min(96);
    let lines = lines(app, usize::from(w.saturating_sub(2)));
    let h = screen
        .height
        .saturating_sub(2)
        .min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let Some(inner) = overlay_box(
        frame,
        screen,
        w,
        h,
        " Keys ".into(),
        " Esc or ? closes, j/k scroll ",
    ) else {
        return;
    };
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(max_scroll);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// One heading per context, then one row per binding: its keys and what it
/// does there, the description wrapped under itself to fit `width`.
fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let desc_w = width.saturating_sub(2 + KEYS_W).max(8);
    let mut out = Vec::new();
    let mut wrapped = Vec::new();
    for (i, (ctx, bindings)) in app.keymap.sections().into_iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(format!(" {}", ctx.title()), theme::header()));
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
            wrapped.clear();
            text::wrap_paragraph(b.help, 0..b.help.len(), desc_w, &mut wrapped);
            for (j, r) in wrapped.iter().enumerate() {
                let keys = if j == 0 {
                    keys.join(" ")
                } else {
                    String::new()
                };
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(text::pad(&keys, KEYS_W), theme::key()),
                    Span::raw(b.help[r.clone()].to_owned()),
                ]));
            }
        }
    }
    out
}
