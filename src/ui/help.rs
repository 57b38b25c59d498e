//! The help overlay, generated from the keymap so it always tells the truth,
//! down to which keys do something in the pane or view it was opened from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{overlay_box, theme::Theme};
use crate::app::Action;
use crate::app::App;
use crate::app::keymap::{Context, HelpRow, filter_help_rows, help_keys_w, help_width};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, screen: Rect, scroll: usize) {
    let th = Theme::of(app);
    let w = help_width(screen.width);
    let lines = lines(app, usize::from(w.saturating_sub(2)));
    let h = screen
        .height
        .saturating_sub(2)
        .min(u16::try_from(lines.len() + 2).unwrap_or(u16::MAX));
    let Some(inner) = overlay_box(
        th,
        frame,
        screen,
        w,
        h,
        " Keys · dimmed ones do nothing here ".into(),
        super::box_hint(
            app,
            &[
                (
                    &[
                        (Action::ToggleHelp, Context::Help),
                        (Action::ToggleHelp, Context::Global),
                    ],
                    "close",
                ),
                (super::SCROLL_KEYS, "scroll"),
            ],
        ),
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

/// The help's rows as lines, `width` cells wide: the keys that do nothing
/// where the help was opened, and their descriptions, dimmed.
fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let th = Theme::of(app);
    let here = app.pane_context();
    let mut lines = key_lines(app, width, here);
    // The filter's language, which no key shows.
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Filter: what to type after /", th.header()));
    for (typed, meaning) in filter_help_rows(width) {
        // The meanings line up with the keys' descriptions; what to type,
        // on a row of its own when wider than its column, is not cut to
        // it (helper-28 saw "Putin  s…" at 40 columns).
        let row = if meaning.is_empty() {
            format!("  {typed}")
        } else {
            let typed = text::pad(typed, help_keys_w(width).saturating_sub(1));
            format!("  {typed} {meaning}").trim_end().to_owned()
        };
        lines.push(Line::styled(
            text::fit(&row, width).into_owned(),
            Style::new(),
        ));
    }
    lines
}

/// The keymap's rows as lines.
fn key_lines(app: &App, width: usize, here: Context) -> Vec<Line<'static>> {
    let th = Theme::of(app);
    let keys_w = help_keys_w(width);
    app.keymap
        .help_rows(width, here)
        .into_iter()
        .map(|row| match row {
            HelpRow::Blank => Line::raw(""),
            HelpRow::Heading(ctx) if ctx == here => {
                Line::styled(format!(" {} (here)", ctx.title()), th.header())
            }
            HelpRow::Heading(ctx) => Line::styled(format!(" {}", ctx.title()), th.header()),
            HelpRow::Binding {
                keys,
                text: desc,
                live,
            } => {
                let style = |on: bool| if on { th.key() } else { th.dim() };
                let mut spans = vec![Span::raw("  ")];
                let names: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
                let joined = names.join(" ");
                let used = text::display_width(&joined);
                if used >= keys_w {
                    // On a row of their own (see help_rows).
                    let cut = text::fit(&joined, width.saturating_sub(2));
                    spans.push(Span::styled(cut.into_owned(), style(live)));
                } else {
                    for (i, (name, on)) in keys.into_iter().enumerate() {
                        if i > 0 {
                            spans.push(Span::raw(" "));
                        }
                        spans.push(Span::styled(name, style(on)));
                    }
                    spans.push(Span::raw(" ".repeat(keys_w - used)));
                }
                spans.push(Span::styled(
                    desc.to_owned(),
                    if live { Style::new() } else { th.dim() },
                ));
                Line::from(spans)
            }
        })
        .collect()
}
