//! The mouse as state tests: the screen is drawn into a `TestBackend`, a
//! click lands where the user sees something, and the app state says what
//! happened. No terminal involved.

use std::sync::Arc;

use dossier::app::keymap::Key;
use dossier::app::mouse::WHEEL_ROWS;
use dossier::app::{Action, App, Pane, View};
use dossier::library::Library;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn seeds(w: u16, h: u16) -> App {
    App::new(Arc::new(Library::seeds()), w, h)
}

/// Presses keys by their keymap names.
fn press(app: &mut App, keys: &str) {
    for k in keys.split_whitespace() {
        let key = Key::parse(k).unwrap();
        if let Some(a) = app.action_for_key(key) {
            app.update(a);
        }
    }
}

fn screen(app: &App) -> Buffer {
    let s = app.layout.screen;
    let mut t = Terminal::new(TestBackend::new(s.w, s.h)).unwrap();
    t.draw(|f| dossier::ui::render(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// The first cell where `needle` is drawn, searching columns `cols`.
fn find(buf: &Buffer, cols: std::ops::Range<u16>, needle: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let cells: Vec<&str> = cols.clone().map(|x| buf[(x, y)].symbol()).collect();
        let line = cells.concat();
        if let Some(byte) = line.find(needle) {
            let mut acc = 0;
            for (i, c) in cells.iter().enumerate() {
                if acc == byte {
                    return Some((cols.start + i as u16, y));
                }
                acc += c.len();
            }
        }
    }
    None
}

fn click(app: &mut App, (col, row): (u16, u16)) {
    app.update(Action::Click {
        col,
        row,
        again: false,
    });
}

/// The second click of a double click.
fn click_again(app: &mut App, (col, row): (u16, u16)) {
    app.update(Action::Click {
        col,
        row,
        again: true,
    });
}

fn wheel(app: &mut App, (col, row): (u16, u16), delta: i16) {
    app.update(Action::Scroll { col, row, delta });
}

/// The seeds at 120x40 with the Taliban's concordance open, reached by
/// clicking the actor twice.
fn taliban_concordance() -> App {
    let mut app = seeds(120, 40);
    let side = app.layout.actors.unwrap();
    let at = find(&screen(&app), side.x..side.x + side.w, "Taliban").unwrap();
    click(&mut app, at);
    click(&mut app, at);
    press(&mut app, "m");
    app
}

fn title_of(app: &App, i: usize) -> String {
    let doc = app.list.rows[i];
    app.lib.corpus.articles[doc.ix()].display_title().to_owned()
}

#[test]
fn clicking_an_article_selects_it_and_focuses_the_list_then_reads_it() {
    let mut app = seeds(120, 40);
    press(&mut app, "tab");
    assert_eq!(app.focus, Pane::Reader);
    let list = app.layout.list.unwrap();
    let buf = screen(&app);
    // Where the third article's title is drawn.
    let title: String = title_of(&app, 2).chars().take(20).collect();
    let at = find(&buf, list.x..list.x + list.w, &title).expect("third title on screen");
    click(&mut app, at);
    assert_eq!(app.focus, Pane::List);
    assert_eq!(app.list.cursor.selected, 2);
    assert_eq!(app.reader.doc, Some(app.list.rows[2]));
    // The byline row under it belongs to the same article; clicking the
    // selected article again reads it, as Enter does.
    click(&mut app, (at.0, at.1 + 1));
    assert_eq!(app.list.cursor.selected, 2);
    assert_eq!(app.focus, Pane::Reader);
}

#[test]
fn clicking_an_actor_focuses_the_sidebar_and_again_selects_it() {
    let mut app = seeds(120, 40);
    let side = app.layout.actors.unwrap();
    let buf = screen(&app);
    let at = find(&buf, side.x..side.x + side.w, "Vladimir Putin").unwrap();
    click(&mut app, at);
    assert_eq!(app.focus, Pane::Actors);
    let putin = app.sidebar.current().unwrap();
    assert_eq!(app.lib.actors.get(putin).name, "Vladimir Putin");
    assert_eq!(app.selected_actor, None, "one click only moves the cursor");
    click(&mut app, at);
    assert_eq!(app.selected_actor, Some(putin));
    assert!(app.list.rows.len() < app.lib.corpus.len(), "list narrowed");
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_not_the_focused_one() {
    let mut app = seeds(120, 40);
    press(&mut app, "G");
    assert_eq!(app.focus, Pane::List);
    let reader = app.layout.reader.unwrap();
    let over = (reader.x + 5, reader.y + 5);
    let selected = app.list.cursor.selected;
    wheel(&mut app, over, 1);
    assert_eq!(app.reader.scroll, WHEEL_ROWS);
    wheel(&mut app, over, 2);
    assert_eq!(app.reader.scroll, 3 * WHEEL_ROWS);
    assert_eq!(app.focus, Pane::List, "the wheel does not take focus");
    assert_eq!(app.list.cursor.selected, selected);
    wheel(&mut app, over, -10);
    assert_eq!(app.reader.scroll, 0);

    // Over the sidebar its window moves; the cursor is dragged along only
    // when it would leave the screen.
    let side = app.layout.actors.unwrap();
    wheel(&mut app, (side.x + 3, side.y + 4), 1);
    assert_eq!(app.sidebar.cursor.offset, WHEEL_ROWS);
    assert_eq!(app.sidebar.cursor.selected, WHEEL_ROWS);
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn clicking_a_mention_in_the_reader_selects_that_actor() {
    let mut app = seeds(120, 40);
    let reader = app.layout.reader.unwrap();
    let buf = screen(&app);
    // "Yury Ushakov" is split over two lines of the first article's first
    // paragraph at this width; "Ushakov" alone starts the next line.
    let at = find(&buf, reader.x..reader.x + reader.w, "Ushakov said")
        .expect("a mention of Ushakov on screen");
    // The cell before the name is not part of it (the line's padding).
    click(&mut app, (at.0 - 1, at.1));
    assert_eq!(app.focus, Pane::Reader);
    assert_eq!(app.selected_actor, None);
    // Its first cell is.
    click(&mut app, at);
    assert_eq!(app.focus, Pane::Reader);
    let actor = app.selected_actor.expect("an actor selected");
    assert!(
        app.lib.actors.get(actor).name.contains("Ushakov"),
        "{}",
        app.lib.actors.get(actor).name
    );
    assert_eq!(app.sidebar.current(), Some(actor), "the sidebar follows");
    // A click on plain words selects nothing new.
    let plain = find(&buf, reader.x..reader.x + reader.w, "weighing").unwrap();
    click(&mut app, plain);
    assert_eq!(app.selected_actor, Some(actor));
}

#[test]
fn clicks_in_the_concordance_and_the_timeline_select_their_rows() {
    let mut app = taliban_concordance();
    assert_eq!(app.view, View::Concordance);
    // Rows start below the border and two header rows.
    click(&mut app, (10, 1 + 2 + 4));
    let c = app.concordance.as_ref().unwrap();
    assert_eq!(c.cursor.selected, 4);
    let line = c.current().unwrap();
    // Clicking the selected line again reads the article at it.
    click(&mut app, (10, 1 + 2 + 4));
    assert_eq!(app.view, View::Panes);
    let (doc, _) = app.lib.actors.mention(line);
    assert_eq!(app.reader.doc, Some(doc));
    press(&mut app, "esc");
    assert_eq!(app.view, View::Concordance);

    press(&mut app, "t");
    assert_eq!(app.view, View::Timeline);
    let rows = app.timeline.as_ref().unwrap().rows.len();
    assert!(rows > 3, "the Taliban's timeline has events");
    // Below the border and the header row.
    click(&mut app, (30, 1 + 1 + 2));
    assert_eq!(app.timeline.as_ref().unwrap().cursor.selected, 2);
    wheel(&mut app, (30, 10), 1);
    let t = app.timeline.as_ref().unwrap();
    assert!(t.cursor.offset > 0 || t.rows.len() <= app.timeline_visible());
}

#[test]
fn a_double_click_on_a_views_row_reads_its_article_and_clicks_nothing_under_it() {
    // helper-34: the first click on the selected row opened its article
    // in the panes; the second landed on the article list and selected
    // another article.
    let mut app = taliban_concordance();
    let row = (10, 1 + 2 + 4);
    click(&mut app, row);
    let line = app.concordance.as_ref().unwrap().current().unwrap();
    let (doc, _) = app.lib.actors.mention(line);
    click(&mut app, row);
    assert_eq!(app.view, View::Panes);
    assert_eq!(app.reader.doc, Some(doc));
    let before = (app.focus, app.list.cursor.selected);
    click_again(&mut app, row);
    assert_eq!(app.reader.doc, Some(doc), "still the article opened");
    assert_eq!((app.focus, app.list.cursor.selected), before);
    // A double click in the panes still acts twice, as two clicks do.
    let list = app.layout.list.unwrap();
    let first = (list.x + 3, list.y + 1);
    click(&mut app, first);
    click_again(&mut app, first);
    assert_eq!(
        app.focus,
        Pane::Reader,
        "the second click reads the article"
    );
}

#[test]
fn clicking_the_other_related_list_moves_into_it() {
    let mut app = seeds(120, 40);
    let side = app.layout.actors.unwrap();
    let at = find(&screen(&app), side.x..side.x + side.w, "Vladimir Putin").unwrap();
    click(&mut app, at);
    press(&mut app, "r");
    assert_eq!(app.view, View::Related);
    let r = app.related.as_ref().unwrap();
    assert!(r.list(1).len() > 1);
    assert_eq!(r.column, 0);
    // The right half, second row of the same-article list.
    click(&mut app, (90, 1 + 2 + 1));
    let r = app.related.as_ref().unwrap();
    assert_eq!((r.column, r.cursors[1].selected), (1, 1));
    let second = r.current().unwrap();
    // Again on it: that actor is selected and the panes come back.
    click(&mut app, (90, 1 + 2 + 1));
    assert_eq!(app.view, View::Panes);
    assert_eq!(app.selected_actor, Some(second));
}

#[test]
fn clicks_on_nothing_change_nothing() {
    let mut app = seeds(120, 40);
    press(&mut app, "j tab");
    let before = (
        app.focus,
        app.list.cursor,
        app.sidebar.cursor,
        app.reader.scroll,
        app.selected_actor,
    );
    let after = |app: &App| {
        (
            app.focus,
            app.list.cursor,
            app.sidebar.cursor,
            app.reader.scroll,
            app.selected_actor,
        )
    };
    // The status line, far outside the screen, and below the last article.
    for at in [(5, 39), (60, 39), (500, 500), (u16::MAX, u16::MAX)] {
        click(&mut app, at);
        wheel(&mut app, at, 1);
        assert_eq!(after(&app), before, "{at:?}");
    }
    // With the help open, a click does nothing and the wheel scrolls it.
    press(&mut app, "?");
    click(&mut app, (10, 10));
    assert_eq!(after(&app), before);
    wheel(&mut app, (10, 10), 1);
    assert_eq!(
        app.overlay,
        Some(dossier::app::Overlay::Help { scroll: WHEEL_ROWS })
    );
}

#[test]
fn the_mouse_never_panics_at_any_size() {
    for (w, h) in [(0, 0), (1, 1), (20, 6), (24, 6), (40, 7), (61, 8), (100, 8)] {
        for view in ["", "m", "r", "t", "\""] {
            let mut app = seeds(120, 40);
            press(&mut app, "tab tab enter");
            if !view.is_empty() {
                press(&mut app, view);
            }
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            for row in 0..=h {
                for col in 0..=w {
                    wheel(&mut app, (col, row), 1);
                    click(&mut app, (col, row));
                    wheel(&mut app, (col, row), -1);
                }
            }
            screen(&app);
        }
    }
}

#[test]
fn clicking_away_from_the_filter_line_keeps_the_filter() {
    let mut app = seeds(120, 40);
    app.update(Action::OpenFilter);
    for c in "kabulov".chars() {
        if let Some(dossier::app::Effect::Search {
            generation, query, ..
        }) = app.update(Action::FilterInput(c))
        {
            let hits = Arc::new(dossier::search::engine::search(&app.lib, &query));
            app.update(Action::FilterResults { generation, hits });
        }
    }
    assert!(app.filter.editing);
    let listed = app.list.rows.len();
    assert!(listed > 1 && listed < app.lib.corpus.len());
    let list = app.layout.list.unwrap();
    click(&mut app, (list.x + 4, list.y + 1 + 2));
    assert!(!app.filter.editing, "the click left the filter line");
    assert!(app.filter.active(), "and kept the query");
    assert_eq!(app.list.rows.len(), listed);
    assert_eq!(app.list.cursor.selected, 1);
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn clicks_follow_the_configured_layout_and_wrap_width() {
    let config = dossier::config::Config::parse(
        "[layout]\nsidebar = \"left\"\nwrap_width = 40\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let mut app = seeds(140, 40).with_config(config);
    app.update(Action::Resize {
        width: 140,
        height: 40,
    });
    let side = app.layout.actors.unwrap();
    assert_eq!(side.x, 0, "the sidebar is on the left");
    let buf = screen(&app);
    let at = find(&buf, side.x..side.x + side.w, "Vladimir Putin").unwrap();
    click(&mut app, at);
    assert_eq!(app.focus, Pane::Actors);
    let a = app.sidebar.current().unwrap();
    assert_eq!(app.lib.actors.get(a).name, "Vladimir Putin");
    // The reader's text wraps at 40 cells; a name on it is still hit.
    let reader = app.layout.reader.unwrap();
    let at = find(&buf, reader.x..reader.x + reader.w, "Ushakov").unwrap();
    click(&mut app, at);
    let picked = app.selected_actor.unwrap();
    assert!(app.lib.actors.get(picked).name.contains("Ushakov"));
}
