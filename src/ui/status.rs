//! The bottom line: while typing, the filter line; otherwise what is on
//! screen (counts, the filter, the selected actor, a message) on the left
//! and the keys that matter now on the right.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::{Action, App, LoadStage, LoadStatus, Overlay, Pane, View};
use crate::text;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    if app.note.is_some() {
        note_line(app, frame, area);
        return;
    }
    if app.filter.editing {
        filter_line(app, frame, area);
        return;
    }
    // A message said during a load goes before the progress, which it
    // would otherwise hide until the load ends.
    let left = match (&app.message, &app.loading) {
        // (Its stage in a word, so the bar is not taken for the message's.)
        (Some(m), Some(s)) => {
            let stage = match s.stage {
                LoadStage::Reading => "Reading",
                LoadStage::Indexing => "Indexing",
            };
            format!(" {stage}{} · {m}", bar(s))
        }
        (Some(m), None) => format!(" {m}"),
        (None, _) => format!(" {}", summary(app, true)),
    };
    let width = usize::from(area.width);
    // The hints get at least two fifths of the line, and three cells stand
    // between them and the text, which is cut to fit when long. A message
    // (an export failed, say) says something once, and the progress of a
    // load changes by the second: either takes all the line but `? help`,
    // and the other hints give way.
    let keep = if app.message.is_some() || app.loading.is_some() {
        // A message too long to sit beside `? help` takes the whole line:
        // it is said once, and ? works unseen.
        let help = help_hint_width(app) + 3;
        let long = app.message.is_some() && text::display_width(&left) > width.saturating_sub(help);
        if long { 0 } else { help }
    } else {
        width * 2 / 5
    };
    let left_w = text::display_width(&left).min(width.saturating_sub(keep));
    let hints = hints(app, width.saturating_sub(left_w + 3));
    let hint_w: usize = hints.iter().map(|s| text::display_width(&s.content)).sum();
    let room = width.saturating_sub(hint_w);
    let fit_w = room.saturating_sub(3).max(room.min(left_w));
    // The summary's counts go whole ("2,225 articles · 12,839 actors"),
    // never cut mid-number, which reads as another count; the mentions'
    // count goes before any other part (helper-25: at 80 columns the
    // warning after it went instead).
    let left = if app.message.is_none() && app.loading.is_none() && !app.filter.active() {
        if text::display_width(&left) > fit_w {
            super::first_parts(format!(" {}", summary(app, false)), fit_w)
        } else {
            left
        }
    } else {
        left
    };
    let left = text::fit(&left, fit_w);
    // A cut that leaves nothing of the last part but the ellipsis ("1 of
    // 5 articles · …") leaves that part out.
    let left = match left.strip_suffix(" · …") {
        Some(whole) => whole.to_owned(),
        None => left.into_owned(),
    };
    let mut spans = vec![Span::raw(text::pad(&left, room))];
    spans.extend(hints);
    frame.render_widget(Paragraph::new(Line::from(spans)).style(th.status()), area);
}

pub(super) use crate::text::{count, grouped};

/// `n` in at most five characters (`99999`, `123k`, `1.2M`), for narrow
/// number columns.
pub(super) fn compact(n: u32) -> String {
    match n {
        0..=99_999 => n.to_string(),
        100_000..=999_999 => format!("{}k", n / 1000),
        _ if n < 10_000_000 => format!("{:.1}M", f64::from(n) / 1e6),
        _ => format!("{}M", n / 1_000_000),
    }
}

/// The bar of a load, and its share done: " ██████░░░░░░ 50%"; nothing when
/// the share cannot be told (a pipe has no size).
fn bar(s: &LoadStatus) -> String {
    const BAR: usize = 12;
    let Some(f) = s.fraction.map(|f| f.clamp(0.0, 1.0)) else {
        return String::new();
    };
    let done = (f * BAR as f64).round() as usize;
    let pct = (f * 100.0).floor();
    format!(" {}{} {pct:.0}%", "█".repeat(done), "░".repeat(BAR - done))
}

/// The loading line: stage, a bar, counts, rate and time left.
fn progress(s: &LoadStatus) -> String {
    let bar = bar(s);
    let left = match s.eta {
        Some(t) if t >= 0.5 => format!(" · {:.0} s left", t.ceil()),
        Some(_) => " · almost done".into(),
        None => String::new(),
    };
    match s.stage {
        // Nothing yet: a pipe waits for its writer to open it.
        LoadStage::Reading if s.articles == 0 && s.bytes == 0 && s.fraction.is_none() => {
            "Waiting for something to read (a pipe waits for its writer)".to_owned()
        }
        LoadStage::Reading => format!(
            "Reading{bar} · {} · {} MB · {:.0} MB/s{left}",
            count(s.articles, "article", "articles"),
            s.bytes / 1_000_000,
            s.rate / 1e6
        ),
        LoadStage::Indexing => format!(
            "Finding actors, indexing{bar} · {}{}{left}",
            count(s.articles, "article", "articles"),
            if s.rate > 0.0 {
                format!(" · {}/s", grouped(s.rate as usize))
            } else {
                String::new()
            }
        ),
    }
}

/// Counts of what is listed, the filter in force and the selected actor;
/// the count of every mention too, if `mentions`.
fn summary(app: &App, mentions: bool) -> String {
    if let Some(s) = &app.loading {
        let mut line = progress(s);
        if app.filter.active() {
            line.push_str(&format!(
                " · /{} (titles only until loaded)",
                app.filter.input
            ));
        }
        return line;
    }
    let lib = &app.lib;
    if app.view != View::Panes {
        // The view's own header counts what it shows; the line is for keys.
        return if app.filter.active() {
            format!("/{}", app.filter.input)
        } else {
            String::new()
        };
    }
    let mut s = if app.filter.active() && app.filter.hits.is_none() {
        format!("searching… · /{}", app.filter.input)
    } else if app.filter.active() {
        // A problem with the query stays said after Enter: "0 of 5" alone
        // would read as "nothing matches".
        let problem = app
            .filter
            .query
            .problems
            .first()
            .map(|p| format!(" · {p}"))
            .unwrap_or_default();
        format!(
            "{} of {} · {} · /{}{}{problem}",
            grouped(app.list.rows.len()),
            count(lib.corpus.len(), "article", "articles"),
            count(app.sidebar.rows.len(), "actor", "actors"),
            app.filter.input,
            if app.filter.pending() {
                " (searching…)"
            } else {
                ""
            }
        )
    } else {
        // With an actor selected the list holds the articles naming it.
        let articles = if app.selected_actor.is_some() {
            format!(
                "{} of {}",
                grouped(app.list.rows.len()),
                count(lib.corpus.len(), "article", "articles")
            )
        } else {
            count(lib.corpus.len(), "article", "articles")
        };
        let mut s = format!(
            "{articles} · {}",
            count(lib.actors.len(), "actor", "actors")
        );
        if mentions {
            s.push_str(" · ");
            s.push_str(&count(lib.actors.mention_count(), "mention", "mentions"));
        }
        s
    };
    // The selected actor first: when the line is cut, counts go before it.
    if let Some(a) = app.selected_actor {
        s = format!("{} selected · {s}", lib.actors.get(a).name);
    }
    if !lib.corpus.warnings.is_empty() {
        s.push_str(&format!(
            " · {}",
            count(lib.corpus.warnings.len(), "load warning", "load warnings")
        ));
    }
    if !app.warnings.is_empty() {
        // What they concern, each once ("saved marks and past queries").
        let mut about: Vec<&str> = app.warnings.iter().map(|(a, _)| *a).collect();
        about.sort_unstable();
        about.dedup();
        s.push_str(&format!(
            " · {} about {}",
            count(app.warnings.len(), "warning", "warnings"),
            about.join(" and ")
        ));
    }
    if let Some(why) = &app.load_error {
        s.push_str(&format!(" · loading stopped: {why}"));
    }
    s
}

/// The note line: prompt, the note with the terminal cursor in it, and
/// what the keys do on the right.
fn note_line(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let Some(n) = &app.note else { return };
    let width = usize::from(area.width);
    // The hint gives up whole parts, and all of itself on a narrow line,
    // before the note loses room: it is what is being written.
    let budget = width.saturating_sub(7) / 2;
    let mut right = super::first_parts(
        " Enter save · Esc cancel · empty deletes ".to_owned(),
        budget,
    );
    if text::display_width(&right) > budget {
        right.clear();
    }
    let right_w = text::display_width(&right);
    let room = width.saturating_sub(7 + right_w);
    // Keep the cursor on screen: show the tail of a long note.
    let mut shown_from = 0;
    while text::display_width(&n.input[shown_from..n.cursor]) >= room && shown_from < n.cursor {
        shown_from += n.input[shown_from..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
    }
    let visible = text::fit(&n.input[shown_from..], room);
    let cursor_x = 7 + text::display_width(&text::safe_line(&n.input[shown_from..n.cursor]));
    // Until something is typed, the line says which article the note is
    // on (the list may have moved on from it).
    let typed = if n.input.is_empty() {
        let title = app
            .lib
            .corpus
            .articles
            .get(n.doc.ix())
            .map_or("", |a| a.display_title());
        let on = format!("on “{}”", text::fit(title, room.saturating_sub(5)));
        Span::styled(text::pad(&on, room), th.dim())
    } else {
        Span::raw(text::pad(&visible, room))
    };
    let spans = vec![
        Span::styled("✎ note ", th.prompt()),
        typed,
        Span::styled(right, th.dim()),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)).style(th.status()), area);
    let x = area
        .x
        .saturating_add(u16::try_from(cursor_x).unwrap_or(u16::MAX));
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The filter line: prompt, query with the terminal cursor in it, and the
/// live count (or the query's problem) on the right.
fn filter_line(app: &App, frame: &mut Frame, area: Rect) {
    let th = Theme::of(app);
    let f = &app.filter;
    let width = usize::from(area.width);
    let right = match f.query.problems.first() {
        Some(p) => format!(" {p} "),
        // Before the first answer the list still holds every article: a
        // count of them would read as "everything matches".
        None if f.active() && f.hits.is_none() => " searching… ".into(),
        // While loading only titles are searched and no actor is known:
        // a count of actors (0) would read as final (helper-28).
        None if f.active() && app.loading.is_some() => format!(
            " {} of {} · titles only until loaded{} ",
            grouped(app.list.rows.len()),
            count(app.lib.corpus.len(), "article", "articles"),
            if f.pending() { " …" } else { "" }
        ),
        None if f.active() => format!(
            " {} of {} · {}{} ",
            grouped(app.list.rows.len()),
            count(app.lib.corpus.len(), "article", "articles"),
            count(app.sidebar.rows.len(), "actor", "actors"),
            if f.pending() { " …" } else { "" }
        ),
        None => " type to filter · Enter keep · Esc clear · ↑↓ history ".into(),
    };
    // The right side may take half the line, or all that the query leaves
    // (a problem such as an unknown is: mark is a sentence long); narrow,
    // it drops whole parts (the actors' count before the articles').
    let input_w = text::display_width(&text::safe_line(&f.input));
    let cap = (width / 2).max(width.saturating_sub(2 + input_w + 1));
    let right = super::first_parts(right, cap);
    let right_w = text::display_width(&right);
    let room = width.saturating_sub(2 + right_w.min(cap));
    // Keep the cursor on screen: show the tail of a long query.
    let before = &f.input[..f.cursor];
    let mut shown_from = 0;
    while text::display_width(&f.input[shown_from..f.cursor]) >= room && shown_from < f.cursor {
        shown_from += f.input[shown_from..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
    }
    let visible = text::fit(&f.input[shown_from..], room);
    let cursor_x = 2 + text::display_width(&text::safe_line(&before[shown_from..]));
    let spans = vec![
        Span::styled("/ ", th.prompt()),
        Span::raw(text::pad(&visible, room)),
        Span::styled(
            text::fit(&right, width.saturating_sub(2 + room)).into_owned(),
            if f.query.problems.is_empty() {
                th.dim()
            } else {
                th.warning()
            },
        ),
    ];
    frame.render_widget(Paragraph::new(Line::from(spans)).style(th.status()), area);
    let x = area
        .x
        .saturating_add(u16::try_from(cursor_x).unwrap_or(u16::MAX));
    if x < area.right() {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// Cells of the `? help` hint, the one the status line always keeps.
fn help_hint_width(app: &App) -> usize {
    app.keymap
        .key_for(&Action::ToggleHelp, Context::Global)
        .map_or(0, |k| {
            text::display_width(&k.to_string()) + hint_label("help").len()
        })
}

/// A hint's label as it follows its key: " help  ".
fn hint_label(label: &str) -> String {
    format!(" {label}  ")
}

/// Key hints for the focused pane, each key drawn from the keymap, as many
/// as fit in `room` cells: the least important are dropped first.
fn hints(app: &App, room: usize) -> Vec<Span<'static>> {
    let ctx = app.key_context();
    let wanted = app.overlay.map_or_else(|| pane_hints(app), overlay_hints);
    let th = Theme::of(app);
    let mut hints: Vec<(String, String, u8)> = wanted
        .into_iter()
        .filter_map(|(a, label, rank)| {
            let key = app.keymap.key_for(&a, ctx)?.to_string();
            Some((key, hint_label(label), rank))
        })
        .collect();
    let width = |h: &[(String, String, u8)]| -> usize {
        h.iter()
            .map(|(k, l, _)| text::display_width(k) + l.len())
            .sum()
    };
    while width(&hints) > room {
        let Some(drop) = hints
            .iter()
            .enumerate()
            .max_by_key(|(_, h)| h.2)
            .map(|(i, _)| i)
        else {
            break;
        };
        hints.remove(drop);
    }
    hints
        .into_iter()
        .flat_map(|(k, l, _)| [Span::styled(k, th.key()), Span::raw(l)])
        .collect()
}

/// The hints of an overlay: its own keys, for it takes them all (the
/// panes' Enter or Tab would mean something else there).
fn overlay_hints(overlay: Overlay) -> Vec<(Action, &'static str, u8)> {
    match overlay {
        Overlay::Export { .. } => vec![
            (Action::Down, "what", 3),
            (Action::FocusNext, "format", 2),
            (Action::Activate, "write", 1),
            (Action::Back, "close", 0),
        ],
        Overlay::Help { .. } | Overlay::Warnings { .. } => vec![
            (Action::Down, "scroll", 2),
            (Action::PageDown, "page", 3),
            (Action::ToggleHelp, "close", 0),
        ],
    }
}

/// The hints of the view or pane in front, with their importance (lower
/// is kept longer), in display order.
fn pane_hints(app: &App) -> Vec<(Action, &'static str, u8)> {
    let mut wanted: Vec<(Action, &str, u8)> = Vec::new();
    match app.view {
        View::Concordance => {
            wanted.push((Action::Activate, "read", 2));
            wanted.push((Action::CycleSort, "sort", 3));
            wanted.push((Action::OpenRelated, "related", 4));
            wanted.push((Action::Back, "close", 2));
        }
        View::Related => {
            wanted.push((Action::Activate, "select", 2));
            wanted.push((Action::OpenConcordance, "both", 4));
            wanted.push((Action::FocusNext, "list", 4));
            wanted.push((Action::Back, "close", 2));
        }
        View::Timeline => {
            wanted.push((Action::Activate, "read", 2));
            wanted.push((Action::Expand, "sources", 3));
            wanted.push((Action::Back, "close", 2));
        }
        View::Quotes => {
            wanted.push((Action::Activate, "read", 2));
            wanted.push((Action::OpenConcordance, "mentions", 4));
            wanted.push((Action::Back, "close", 2));
        }
        View::Panes => {
            // With one pane on screen, Tab is the only way to the others.
            let l = &app.layout;
            let shown = [l.list, l.reader, l.actors].iter().flatten().count();
            wanted.push((Action::FocusNext, "pane", if shown == 1 { 1 } else { 4 }));
            // Keys that wait for actors are not offered while loading.
            let loaded = app.lib.complete;
            match app.focus {
                Pane::List => wanted.push((Action::Activate, "read", 5)),
                Pane::Actors if loaded => {
                    wanted.push((Action::Activate, "select", 3));
                    wanted.push((Action::SortActors, "sort", 5));
                }
                Pane::Reader if loaded => {
                    wanted.push((Action::NextActorMention, "mention", 5));
                }
                Pane::Actors | Pane::Reader => {}
            }
            if app.selected_actor.is_some() {
                wanted.push((Action::OpenConcordance, "mentions", 3));
                wanted.push((Action::OpenQuotes, "said", 4));
            }
            if loaded {
                wanted.push((Action::OpenTimeline, "timeline", 4));
            }
        }
    }
    // In a view filling the screen, what Enter does there matters more
    // than the filter, which works on the panes.
    let filter_rank = if app.view == View::Panes { 2 } else { 3 };
    wanted.push((Action::OpenFilter, "filter", filter_rank));
    if app.view == View::Panes && (app.selected_actor.is_some() || app.filter.active()) {
        wanted.push((Action::NextMention, "next", 3));
    }
    // Esc goes back to the view an article was opened from before it
    // clears anything (helper-28: only "Bksp back" was offered there).
    match app.return_to {
        Some(v) if app.view == View::Panes => wanted.push((Action::Back, view_word(v), 2)),
        _ if app.view == View::Panes && (app.selected_actor.is_some() || app.filter.active()) => {
            wanted.push((Action::Back, "clear", 5));
        }
        _ => {}
    }
    if app.history.can_go_back() {
        wanted.push((Action::HistoryBack, "back", 4));
    }
    if !app.lib.corpus.warnings.is_empty() || !app.warnings.is_empty() {
        wanted.push((Action::ToggleWarnings, "warnings", 2));
    }
    wanted.push((Action::ToggleHelp, "help", 0));
    wanted.push((Action::Quit, "quit", 1));
    wanted
}

/// What a hint calls going back to view `v`.
fn view_word(v: View) -> &'static str {
    match v {
        View::Concordance => "to mentions",
        View::Timeline => "to timeline",
        View::Quotes => "to statements",
        View::Related => "to related",
        View::Panes => "back",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_well() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(100_000), "100,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(compact(80_319), "80319");
        assert_eq!(compact(123_456), "123k");
        assert_eq!(compact(1_234_567), "1.2M");
        assert_eq!(compact(42_000_000), "42M");
    }

    #[test]
    fn indexing_says_a_rate_only_while_articles_are_read() {
        let mut s = LoadStatus {
            stage: LoadStage::Indexing,
            articles: 26_624,
            bytes: 0,
            fraction: Some(0.11),
            rate: 64_006.0,
            eta: Some(3.2),
        };
        assert_eq!(
            progress(&s),
            "Finding actors, indexing █░░░░░░░░░░░ 11% · 26,624 articles · 64,006/s · 4 s left"
        );
        // After the pass over every word, the steps of discovery: no rate.
        s.articles = 100_000;
        s.fraction = Some(0.81);
        s.rate = 0.0;
        s.eta = Some(0.8);
        assert_eq!(
            progress(&s),
            "Finding actors, indexing ██████████░░ 81% · 100,000 articles · 1 s left"
        );
    }

    #[test]
    fn a_load_that_has_read_nothing_says_it_waits() {
        let mut s = LoadStatus {
            stage: LoadStage::Reading,
            articles: 0,
            bytes: 0,
            fraction: None,
            rate: 0.0,
            eta: None,
        };
        assert_eq!(
            progress(&s),
            "Waiting for something to read (a pipe waits for its writer)"
        );
        // A file's first report has a share, and the bar shows.
        s.fraction = Some(0.0);
        assert!(progress(&s).starts_with("Reading ░"), "{}", progress(&s));
    }

    #[test]
    fn reading_a_pipe_shows_no_bar_it_cannot_fill() {
        let s = LoadStatus {
            stage: LoadStage::Reading,
            articles: 1_234,
            bytes: 3_500_000,
            fraction: None,
            rate: 2_000_000.0,
            eta: None,
        };
        assert_eq!(progress(&s), "Reading · 1,234 articles · 3 MB · 2 MB/s");
    }
}
