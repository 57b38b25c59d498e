//! State tests: drive the app with the keys a user presses and check what
//! they would see change. No terminal involved.

use super::testing::{actor, press, seeds_app, select};
use super::*;

fn app(w: u16, h: u16) -> App {
    seeds_app(w, h)
}

fn open_id(app: &App) -> &str {
    &app.lib.corpus.articles[app.reader.doc.unwrap().ix()].id
}

/// The text of the mention under the reader's cursor.
fn cursor_text(app: &App) -> String {
    let doc = app.reader.doc.unwrap();
    let m = app.lib.actors.in_doc(doc)[app.reader.mention.unwrap()];
    app.lib.corpus.articles[doc.ix()].text[m.range()].to_owned()
}

#[test]
fn opens_on_the_first_article_with_everything_listed() {
    let a = app(120, 40);
    assert_eq!(a.list.rows.len(), 5);
    assert_eq!(open_id(&a), "000_2e5d647943e40601.txt");
    assert_eq!(a.focus, Pane::List);
    let counts: Vec<u32> = a
        .sidebar
        .rows
        .iter()
        .map(|&id| a.lib.actors.get(id).mentions)
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "sidebar sorted by mentions"
    );
    assert_eq!(a.lib.actors.get(a.sidebar.rows[0]).name, "Taliban");
}

#[test]
fn moving_in_the_list_opens_that_article_at_its_top() {
    let mut a = app(120, 40);
    a.reader.scroll = 5;
    press(&mut a, "j");
    assert_eq!(open_id(&a), "001_4848f0c9aefd9c35.txt");
    assert_eq!(a.reader.scroll, 0);
    press(&mut a, "G");
    assert_eq!(open_id(&a), "004_49fb63314729b025.txt");
    press(&mut a, "j");
    assert_eq!(a.list.cursor.selected, 4, "stops at the end");
    press(&mut a, "g");
    assert_eq!(a.list.cursor.selected, 0);
}

#[test]
fn tab_cycles_focus_both_ways() {
    let mut a = app(120, 40);
    press(&mut a, "tab");
    assert_eq!(a.focus, Pane::Reader);
    press(&mut a, "tab");
    assert_eq!(a.focus, Pane::Actors);
    press(&mut a, "tab");
    assert_eq!(a.focus, Pane::List);
    press(&mut a, "shift-tab");
    assert_eq!(a.focus, Pane::Actors);
}

#[test]
fn enter_in_the_list_moves_to_the_reader() {
    let mut a = app(120, 40);
    press(&mut a, "j enter");
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(open_id(&a), "001_4848f0c9aefd9c35.txt");
}

#[test]
fn the_reader_scrolls_within_the_article() {
    let mut a = app(120, 40);
    press(&mut a, "G tab");
    let h = a.reader_height();
    let max = a.reader.max_scroll(h);
    assert!(max > 0, "article 4 is longer than the pane");
    press(&mut a, "j j j");
    assert_eq!(a.reader.scroll, 3);
    press(&mut a, "pgdn");
    assert_eq!(a.reader.scroll, (3 + h - 1).min(max));
    press(&mut a, "G");
    assert_eq!(a.reader.scroll, max);
    press(&mut a, "j");
    assert_eq!(a.reader.scroll, max, "no scrolling past the end");
    press(&mut a, "g");
    assert_eq!(a.reader.scroll, 0);
}

#[test]
fn selecting_an_actor_lists_only_the_articles_naming_it() {
    let mut a = app(120, 40);
    select(&mut a, "Bortnikov");
    assert_eq!(a.selected_actor, Some(actor(&a, "Alexander Bortnikov")));
    let ids: Vec<&str> = a
        .list
        .rows
        .iter()
        .map(|d| a.lib.corpus.articles[d.ix()].id.as_str())
        .collect();
    // Article 002 never names him; 001 does only as "Aleksandr" and "Bortinkov".
    assert_eq!(
        ids,
        [
            "000_2e5d647943e40601.txt",
            "001_4848f0c9aefd9c35.txt",
            "003_6bdba29c856ada4f.txt",
            "004_49fb63314729b025.txt"
        ]
    );
    assert!(a.message.as_deref().unwrap().contains("4 articles"));
    // Esc shows every article again and keeps the open one.
    a.focus = Pane::List;
    press(&mut a, "j j esc");
    assert_eq!(a.selected_actor, None);
    assert_eq!(a.list.rows.len(), 5);
    assert_eq!(open_id(&a), "003_6bdba29c856ada4f.txt");
}

#[test]
fn n_walks_mentions_into_the_next_article_and_n_back() {
    let mut a = app(120, 40);
    select(&mut a, "Bortnikov");
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut a, "n");
        seen.push((open_id(&a).to_owned(), cursor_text(&a)));
    }
    let expect = [
        ("000_2e5d647943e40601.txt", "Alexander Bortnikov"),
        ("001_4848f0c9aefd9c35.txt", "Aleksandr Bortnikov"),
        ("001_4848f0c9aefd9c35.txt", "Bortinkov"),
        ("003_6bdba29c856ada4f.txt", "Alexander Bortnikov"),
    ];
    let got: Vec<(&str, &str)> = seen.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, expect);
    assert_eq!(
        a.list.selected(),
        a.reader.doc,
        "the list follows the reader"
    );
    press(&mut a, "N");
    assert_eq!(
        (open_id(&a), cursor_text(&a).as_str()),
        ("001_4848f0c9aefd9c35.txt", "Bortinkov")
    );
    press(&mut a, "N N");
    assert_eq!(
        (open_id(&a), cursor_text(&a).as_str()),
        ("000_2e5d647943e40601.txt", "Alexander Bortnikov")
    );
    // Before the first mention, N wraps around to the last one.
    press(&mut a, "N");
    assert_eq!(open_id(&a), "004_49fb63314729b025.txt");
    assert!(a.message.as_deref().unwrap().contains("Wrapped"));
}

#[test]
fn n_scrolls_the_mention_into_view() {
    let mut a = app(80, 12);
    select(&mut a, "Lavrov");
    press(&mut a, "n");
    let doc = a.reader.doc.unwrap();
    let m = a.lib.actors.in_doc(doc)[a.reader.mention.unwrap()];
    let row = a.reader.row_of(m.start as usize);
    let h = a.reader_height();
    assert!(
        row >= a.reader.scroll && row < a.reader.scroll + h,
        "row {row} visible from {}",
        a.reader.scroll
    );
    assert!(a.reader.scroll > 0, "Lavrov is far down article 4");
}

#[test]
fn n_without_a_selected_actor_explains_instead_of_moving() {
    let mut a = app(120, 40);
    press(&mut a, "n");
    assert_eq!(a.reader.mention, None);
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .starts_with("No actor selected")
    );
}

#[test]
fn resizing_keeps_the_selection_and_reading_position() {
    let mut a = app(120, 40);
    press(&mut a, "G tab j j j j j j j j j j");
    let top_text = |a: &App| match &a.reader.rows[a.reader.scroll] {
        reader::Row::Text { start, .. } => *start,
        other => panic!("{other:?}"),
    };
    let before = top_text(&a);
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(open_id(&a), "004_49fb63314729b025.txt");
    let narrow = top_text(&a);
    assert!(
        narrow <= before && before - narrow < 80,
        "{narrow} vs {before}"
    );
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(top_text(&a), before);
    assert_eq!(a.focus, Pane::Reader);
}

#[test]
fn a_narrow_terminal_shows_the_focused_pane() {
    let mut a = app(50, 20);
    assert!(a.layout.list.is_some() && a.layout.reader.is_none());
    press(&mut a, "tab");
    assert!(a.layout.reader.is_some() && a.layout.list.is_none());
    press(&mut a, "tab");
    assert!(a.layout.actors.is_some());
}

#[test]
fn help_takes_keys_until_closed() {
    let mut a = app(120, 40);
    press(&mut a, "?");
    assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
    press(&mut a, "j j n");
    assert_eq!(
        a.list.cursor.selected, 0,
        "the list did not move under the help"
    );
    assert!(matches!(a.overlay, Some(Overlay::Help { scroll: 2 })));
    press(&mut a, "q");
    assert!(a.overlay.is_none());
    assert!(!a.quit, "q closes help first");
    press(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn ctrl_c_quits() {
    let mut a = app(120, 40);
    press(&mut a, "ctrl-c");
    assert!(a.quit);
}

#[test]
fn page_keys_move_a_page_of_articles() {
    let mut a = app(120, 9);
    // 9 rows: 8 for the pane, 6 inside its border, 3 articles of 2 rows.
    assert_eq!(a.list_visible(), 3);
    a.update(Action::PageDown);
    assert_eq!(a.list.cursor.selected, 3);
    a.update(Action::PageDown);
    assert_eq!(a.list.cursor.selected, 4);
    a.update(Action::PageUp);
    assert_eq!(a.list.cursor.selected, 1);
}
