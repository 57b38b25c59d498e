//! State tests: drive the app with the keys a user presses and check what
//! they would see change. No terminal involved.

use super::testing::{actor, press, seeds_app, select, type_filter};
use super::*;

fn app(w: u16, h: u16) -> App {
    seeds_app(w, h)
}

fn open_id(app: &App) -> &str {
    &app.lib.corpus.articles[app.reader.doc.unwrap().ix()].id
}

/// The text under the reader's cursor.
fn cursor_text(app: &App) -> String {
    let doc = app.reader.doc.unwrap();
    let r = app.reader.targets[app.reader.target.unwrap()].clone();
    app.lib.corpus.articles[doc.ix()].text[r].to_owned()
}

#[test]
fn opens_on_the_first_article_with_everything_listed() {
    let a = app(120, 40);
    assert_eq!(a.list.rows.len(), 5);
    assert_eq!(open_id(&a), "000_2e5d647943e40601.txt");
    assert_eq!(a.focus, Pane::List);
    let counts: Vec<u32> = a.sidebar.rows.iter().map(|h| h.mentions).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "sidebar sorted by mentions"
    );
    assert_eq!(a.lib.actors.get(a.sidebar.rows[0].actor).name, "Taliban");
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
    // The count first, then the note (helper-28: the note replaced it).
    assert_eq!(
        a.message.as_deref(),
        Some(
            "Alexander Bortnikov: mention 8 of 8 · wrapped around to the last article naming the actor"
        )
    );
}

#[test]
fn n_counts_the_mentions_of_the_listed_articles_in_list_order() {
    let mut a = app(120, 40);
    select(&mut a, "Bortnikov");
    let bortnikov = crate::app::testing::actor(&a, "Bortnikov");
    let all = a.lib.actors.of_actor(bortnikov).count();
    press(&mut a, "n");
    let said = a.message.clone().unwrap();
    assert!(said.ends_with(&format!("mention 1 of {all}")), "{said}");
    // Filtered to one article: counted within it, and said so.
    type_filter(&mut a, "t:almost");
    press(&mut a, "enter");
    assert!(a.list.rows.len() < a.lib.corpus.len());
    select(&mut a, "Bortnikov");
    let here = a
        .lib
        .actors
        .of_actor(bortnikov)
        .filter(|(d, _)| a.list.rows.contains(d))
        .count();
    assert!(here > 1 && here < all, "{here} of {all}");
    press(&mut a, "n n");
    let said = a.message.clone().unwrap();
    assert!(
        said.ends_with(&format!("mention 2 of {here} in the listed articles")),
        "{said}"
    );
}

#[test]
fn n_on_an_actor_named_in_one_article_says_so_instead_of_wrapped() {
    let a0 = app(120, 30);
    let pick = |pred: &dyn Fn(crate::actors::Actor) -> bool| {
        a0.lib
            .actors
            .iter()
            .find(|x| pred(*x))
            .map(|x| x.name.to_owned())
            .unwrap()
    };
    let once = pick(&|x| x.mentions == 1);
    let one_article = pick(&|x| x.articles == 1 && x.mentions >= 3);
    for (name, said) in [
        (
            once.as_str(),
            format!("The only mention of {once} in the listed articles"),
        ),
        (
            one_article.as_str(),
            format!("Back to the first mention of {one_article}: no other listed article has one"),
        ),
    ] {
        let mut a = app(120, 30);
        select(&mut a, name);
        let presses = a.lib.actors.get(actor(&a, name)).mentions + 1;
        for _ in 0..presses {
            press(&mut a, "n");
        }
        assert_eq!(a.message.as_deref(), Some(said.as_str()));
        assert_eq!(a.reader.target, Some(0), "back on the first mention");
    }
}

#[test]
fn n_scrolls_the_mention_into_view() {
    let mut a = app(80, 12);
    select(&mut a, "Lavrov");
    press(&mut a, "n");
    let r = a.reader.targets[a.reader.target.unwrap()].clone();
    let row = a.reader.row_of(r.start);
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
    assert_eq!(a.reader.target, None);
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .starts_with("Nothing to jump to")
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
fn a_window_grown_back_shows_the_sidebar_rows_above_the_selection() {
    // helper-25: after 24x8 and back, the sidebar began at the selected
    // actor with the four above it scrolled off and the pane half empty.
    let mut a = app(120, 40);
    press(&mut a, "tab tab j j j j");
    let chosen = a.sidebar.current();
    a.update(Action::Resize {
        width: 24,
        height: 8,
    });
    assert!(a.sidebar.cursor.offset > 0, "a small window scrolls");
    // (Not so tall that the 51 actors all fit, which scrolls back anyway.)
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(a.sidebar.cursor.offset, 0);
    assert_eq!(a.sidebar.current(), chosen);
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

// ---- the filter -------------------------------------------------------

fn listed(a: &App) -> Vec<String> {
    a.list
        .rows
        .iter()
        .map(|d| a.lib.corpus.articles[d.ix()].id[..3].to_owned())
        .collect()
}

fn sidebar_names(a: &App) -> Vec<String> {
    a.sidebar
        .rows
        .iter()
        .map(|h| a.lib.actors.get(h.actor).name.to_owned())
        .collect()
}

#[test]
fn typing_narrows_the_list_and_the_sidebar_on_every_key() {
    let mut a = app(120, 40);
    type_filter(&mut a, "cro");
    assert!(a.filter.editing);
    assert_eq!(listed(&a), ["003", "004"], "after 'cro'");
    type_filter(&mut a, "cus");
    assert_eq!(a.filter.input, "crocus");
    assert_eq!(listed(&a), ["003", "004"]);
    assert_eq!(sidebar_names(&a), ["Crocus City Hall"]);
    // The reader opened the first match and marks the query in it.
    assert_eq!(open_id(&a), "003_6bdba29c856ada4f.txt");
    let doc = a.reader.doc.unwrap();
    let text = &a.lib.corpus.articles[doc.ix()].text;
    let marked: Vec<&str> = a.reader.marks.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(
        marked,
        ["Crocus Hall"],
        "the mention of the actor named by the query"
    );
}

#[test]
fn esc_clears_the_filter_and_restores_the_selection() {
    let mut a = app(120, 40);
    press(&mut a, "j j tab tab j j");
    let (doc, actor) = (a.list.selected(), a.sidebar.current());
    type_filter(&mut a, "lavrov");
    assert_eq!(listed(&a), ["004"]);
    press(&mut a, "esc");
    assert!(!a.filter.active() && !a.filter.editing);
    assert_eq!(a.list.rows.len(), 5);
    assert_eq!(a.list.selected(), doc);
    assert_eq!(a.sidebar.current(), actor);
    assert_eq!(a.focus, Pane::Actors);
    assert!(a.reader.marks.is_empty());
}

#[test]
fn esc_and_a_key_typed_as_one_alt_chord_are_both_obeyed() {
    let mut a = app(120, 40);
    type_filter(&mut a, "lavrov");
    // What a terminal sends for Esc, j typed fast.
    press(&mut a, "alt-j");
    assert!(
        !a.filter.active() && !a.filter.editing,
        "Esc left the filter"
    );
    assert_eq!(a.list.rows.len(), 5);
    assert_eq!(a.list.cursor.selected, 1, "and j moved down");
    // An Alt chord the keymap binds is still that chord.
    let chord = |k: &str| -> Vec<Key> { a.keys_of(Key::parse(k).unwrap()).collect() };
    assert_eq!(chord("alt-left"), [Key::parse("alt-left").unwrap()]);
    assert_eq!(chord("alt-j"), [Key::parse("esc").unwrap(), Key::char('j')]);
}

#[test]
fn a_letter_that_does_nothing_here_says_where_it_works_or_where_to_look() {
    let mut a = app(120, 40);
    press(&mut a, "d");
    assert_eq!(
        a.message.as_deref(),
        Some("d does nothing here; ? lists the keys")
    );
    // A key of another pane or view says which.
    press(&mut a, "h");
    let said = a.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("h works in the actors pane: hide this actor's kind"),
        "{said}"
    );
    press(&mut a, "s");
    let said = a.message.clone().unwrap_or_default();
    assert_eq!(
        said,
        "s works in the actors pane: sort by mentions, by articles, by name; also in the concordance (m)"
    );
    // Other keys too, so no earlier message stays as if it answered them.
    press(&mut a, "left");
    assert_eq!(
        a.message.as_deref(),
        Some(
            "← works in related actors (r): switch between the same-sentence and same-article lists; also in the timeline (t)"
        )
    );
    press(&mut a, "ctrl-x");
    assert_eq!(
        a.message.as_deref(),
        Some("C-x does nothing here; ? lists the keys")
    );
    // There it does its work, and the filter line takes letters as text.
    press(&mut a, "tab tab h");
    assert_eq!(a.hidden_kinds.len(), 1);
    type_filter(&mut a, "d");
    assert_eq!(a.filter.input, "d");
}

#[test]
fn hiding_the_selected_actors_kind_keeps_the_cursor_on_it() {
    // helper-33: Taliban selected, h: it stayed listed but the cursor
    // moved to Russia, so m opened Russia's concordance.
    let mut a = app(120, 40);
    press(&mut a, "tab tab enter");
    let taliban = a.selected_actor.expect("Enter selects the actor");
    press(&mut a, "h");
    assert_eq!(a.sidebar.current(), Some(taliban), "{:?}", a.message);
    press(&mut a, "m");
    let title = a.concordance.as_ref().map(|c| c.actor);
    assert_eq!(title, Some(taliban));
}

#[test]
fn h_with_no_actor_left_to_hide_says_so_and_how_to_show_them_again() {
    let mut a = app(120, 40);
    press(&mut a, "tab tab");
    for _ in 0..10 {
        press(&mut a, "h");
    }
    assert!(a.sidebar.rows.is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("No actor listed, so no kind to hide; H shows every kind again")
    );
    press(&mut a, "H");
    assert!(!a.sidebar.rows.is_empty());
}

#[test]
fn esc_on_the_filter_line_puts_the_list_and_the_reader_back_where_they_were() {
    let mut a = app(120, 10);
    press(&mut a, "G k tab j j j");
    let (doc, offset, scroll) = (a.list.selected(), a.list.cursor.offset, a.reader.scroll);
    assert!(offset > 0 && scroll > 0, "{offset} {scroll}");
    type_filter(&mut a, "kabul");
    assert_ne!(a.reader.scroll, scroll);
    press(&mut a, "esc");
    assert_eq!(a.list.selected(), doc);
    assert_eq!(a.list.cursor.offset, offset);
    assert_eq!(a.reader.scroll, scroll);
}

#[test]
fn enter_keeps_the_filter_and_focuses_the_list() {
    let mut a = app(120, 40);
    press(&mut a, "tab");
    type_filter(&mut a, "putin");
    press(&mut a, "enter");
    assert!(a.filter.active() && !a.filter.editing);
    assert_eq!(a.focus, Pane::List);
    assert_eq!(listed(&a), ["004", "000", "001", "003"]);
    assert_eq!(a.list.cursor.selected, 0, "typing selects the best match");
    // Keys move in the list again; the filter stays.
    press(&mut a, "j j");
    assert_eq!(a.list.cursor.selected, 2);
    assert_eq!(listed(&a).len(), 4);
    // Esc outside the line clears it, and keeps the article being read
    // (not the one from before the filter).
    let reading = a.list.selected();
    assert_ne!(reading, Some(DocId(0)));
    press(&mut a, "esc");
    assert!(!a.filter.active());
    assert_eq!(a.list.rows.len(), 5);
    assert_eq!(a.list.selected(), reading);
    assert_eq!(a.reader.doc, reading);
}

#[test]
fn leaving_a_kept_filter_puts_the_sidebar_back_unless_the_user_is_in_it() {
    let mut a = app(120, 40);
    let before = a.sidebar.current();
    type_filter(&mut a, "kabulov");
    press(&mut a, "enter");
    assert_eq!(sidebar_names(&a), ["Zamir Kabulov"]);
    press(&mut a, "esc");
    assert!(!a.filter.active());
    assert_eq!(a.sidebar.current(), before);
    assert_eq!(a.sidebar.cursor.offset, 0);
    // Browsing the filter's actors, the one under the cursor stays.
    type_filter(&mut a, "kabulov");
    press(&mut a, "enter tab tab");
    assert_eq!(a.focus, Pane::Actors);
    press(&mut a, "esc");
    assert_eq!(a.sidebar.current(), Some(actor(&a, "Kabulov")));
}

#[test]
fn leaving_a_kept_filter_that_matched_nothing_goes_back_to_the_article_before() {
    let mut a = app(120, 40);
    press(&mut a, "j j");
    let reading = a.list.selected();
    type_filter(&mut a, "zzzzqq");
    assert!(a.list.rows.is_empty());
    press(&mut a, "enter esc");
    assert!(!a.filter.active());
    assert_eq!(a.list.selected(), reading);
    assert_eq!(a.reader.doc, reading);
}

#[test]
fn up_and_down_recall_earlier_queries() {
    let mut a = app(120, 40);
    type_filter(&mut a, "putin");
    press(&mut a, "enter");
    type_filter(&mut a, " crocus");
    press(&mut a, "enter");
    press(&mut a, "/ ctrl-u");
    assert_eq!(a.filter.input, "");
    press(&mut a, "up");
    assert_eq!(a.filter.input, "putin crocus");
    let mut found = listed(&a);
    found.sort();
    assert_eq!(found, ["003", "004"], "a recalled query is searched");
    press(&mut a, "up");
    assert_eq!(a.filter.input, "putin");
    press(&mut a, "down down");
    assert_eq!(a.filter.input, "");
}

#[test]
fn queries_saved_by_earlier_sessions_are_recalled_before_this_ones() {
    let mut a = app(120, 40);
    type_filter(&mut a, "kabulov");
    press(&mut a, "enter");
    // The saved queries arrive after the first frame; one of them was
    // also searched in this session.
    a.update(Action::QueriesLoaded(Ok(vec![
        "putin".into(),
        "kabulov".into(),
        "crocus".into(),
    ])));
    press(&mut a, "/ ctrl-u");
    press(&mut a, "up");
    assert_eq!(a.filter.input, "kabulov", "this session's is the newest");
    press(&mut a, "up");
    assert_eq!(a.filter.input, "crocus");
    press(&mut a, "up");
    assert_eq!(a.filter.input, "putin");
    let mut found = listed(&a);
    found.sort();
    assert!(!found.is_empty(), "a recalled saved query is searched");
    press(&mut a, "enter");
    // Only what this session accepted goes back to the file.
    assert_eq!(a.filter.accepted, ["kabulov", "putin"]);
}

#[test]
fn unreadable_saved_queries_are_a_warning_not_a_stop() {
    let mut a = app(120, 40);
    a.update(Action::QueriesLoaded(Err(
        "/home/x/queries.txt: cannot read the past queries (Permission denied)".into(),
    )));
    assert_eq!(a.warnings[0].0, "past queries");
    assert!(a.warnings[0].1.contains("queries.txt"), "{:?}", a.warnings);
    let status = a.message.clone().unwrap_or_default();
    assert!(status.starts_with("Past queries not read"), "{status}");
    type_filter(&mut a, "putin");
    press(&mut a, "enter");
    assert_eq!(a.filter.history, ["putin"]);
}

#[test]
fn n_walks_filter_matches_across_articles_without_an_actor() {
    let mut a = app(120, 40);
    type_filter(&mut a, "'crocus");
    press(&mut a, "enter n");
    // The match is the whole mention: the actor Crocus City Hall's alias
    // "Crocus Hall" matches the query too.
    assert_eq!(open_id(&a), "003_6bdba29c856ada4f.txt");
    assert_eq!(cursor_text(&a), "Crocus Hall");
    press(&mut a, "n");
    assert_eq!(
        open_id(&a),
        "004_49fb63314729b025.txt",
        "on into the next match"
    );
    assert_eq!(cursor_text(&a), "Crocus City Hall");
    press(&mut a, "n");
    assert_eq!(open_id(&a), "003_6bdba29c856ada4f.txt", "wraps around");
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .ends_with("wrapped around to the first article matching the filter")
    );
}

#[test]
fn a_selected_actor_and_a_filter_narrow_together() {
    let mut a = app(120, 40);
    select(&mut a, "Bortnikov");
    assert_eq!(listed(&a), ["000", "001", "003", "004"]);
    type_filter(&mut a, "crocus");
    assert_eq!(listed(&a), ["003", "004"]);
    press(&mut a, "enter esc");
    assert_eq!(a.selected_actor, None, "Esc clears the actor first");
    assert_eq!(listed(&a), ["003", "004"]);
}

#[test]
fn stale_results_are_ignored() {
    let mut a = app(120, 40);
    press(&mut a, "/");
    let old = a.update(Action::FilterInput('p')).unwrap();
    let _new = a.update(Action::FilterInput('u')).unwrap();
    // The answer to "p" arrives after "pu" was typed: it must not show.
    let Effect::Search {
        generation, query, ..
    } = old
    else {
        panic!("{old:?}")
    };
    let hits = Arc::new(crate::search::engine::search(&a.lib, &query));
    a.update(Action::FilterResults { generation, hits });
    assert!(a.filter.pending());
    assert!(a.filter.hits.is_none());
}

#[test]
fn a_query_matching_nothing_empties_the_list_and_the_reader() {
    let mut a = app(120, 40);
    type_filter(&mut a, "zzqqxx");
    assert!(a.list.rows.is_empty());
    assert!(a.reader.doc.is_none());
    assert!(a.sidebar.rows.is_empty());
    press(
        &mut a,
        "backspace backspace backspace backspace backspace backspace",
    );
    assert_eq!(
        a.list.rows.len(),
        5,
        "deleting the query shows everything again"
    );
}

#[test]
fn keys_with_nothing_listed_say_so() {
    // helper-36: n changed nothing and said nothing, and r asked for an
    // actor to be selected from a pane that lists none.
    let mut a = app(120, 40);
    type_filter(&mut a, "zzqqxx");
    press(&mut a, "enter");
    let said = |a: &App| a.message.clone().unwrap_or_default();
    press(&mut a, "n");
    assert_eq!(said(&a), "Nothing to jump to: no article is listed");
    for key in ["r", "m", "\""] {
        a.message = None;
        press(&mut a, key);
        assert!(
            said(&a).ends_with("the actors pane lists none"),
            "{key}: {}",
            said(&a)
        );
    }
}

// ---- loading in the background ----------------------------------------

/// A library of the first `n` seed articles, as loading would show it.
fn partial(n: usize) -> Arc<Library> {
    let mut c = crate::corpus::Corpus::seeds();
    c.articles.truncate(n);
    Arc::new(Library::partial(c))
}

#[test]
fn actor_keys_while_loading_say_actors_come_with_the_load() {
    for key in ["m", "r", "\""] {
        let lib = Arc::new(Library::partial(crate::corpus::Corpus::seeds()));
        let mut a = App::loading(lib, 120, 40);
        press(&mut a, "tab");
        press(&mut a, key);
        let said = a.message.clone().unwrap();
        assert!(said.contains("when loading finishes"), "{key}: {said}");
        assert!(!said.contains("Select an actor"), "{key}: {said}");
        a.update(Action::LibraryLoaded(crate::app::action::Loaded(Arc::new(
            Library::seeds(),
        ))));
        assert_eq!(a.message, None, "{key}: the wait is over");
    }
}

#[test]
fn the_app_stays_usable_while_loading_and_keeps_its_place() {
    use crate::app::action::{LoadStage, LoadStatus, Loaded};
    let mut a = App::loading(partial(0), 120, 40);
    assert!(a.list.rows.is_empty() && a.reader.doc.is_none());
    let status = LoadStatus {
        stage: LoadStage::Reading,
        articles: 2,
        bytes: 4000,
        fraction: Some(0.4),
        rate: 1e6,
        eta: Some(1.5),
    };
    a.update(Action::LoadProgress(status));
    assert_eq!(a.loading, Some(status));
    // Articles arrive: the list fills and the first opens.
    a.update(Action::LibraryLoaded(Loaded(partial(2))));
    assert_eq!(a.list.rows.len(), 2);
    assert_eq!(open_id(&a), "000_2e5d647943e40601.txt");
    // Keys work meanwhile.
    press(&mut a, "j");
    assert_eq!(open_id(&a), "001_4848f0c9aefd9c35.txt");
    // A filter over what has arrived: titles only.
    type_filter(&mut a, "kick");
    assert_eq!(listed(&a), ["001"]);
    press(&mut a, "enter");
    // More articles arrive: the selection stays; the filter is asked again.
    let effect = a.update(Action::LibraryLoaded(Loaded(partial(4))));
    assert!(matches!(effect, Some(Effect::Search { .. })));
    assert_eq!(a.list.selected().map(|d| d.0), Some(1));
    // Loading completes: actors appear, the progress line goes.
    let done = Arc::new(Library::seeds());
    if let Some(e) = a.update(Action::LibraryLoaded(Loaded(done))) {
        super::testing::run(&mut a, e);
    }
    assert!(a.loading.is_none());
    assert!(a.lib.complete);
    assert_eq!(listed(&a), ["001"]);
    press(&mut a, "esc");
    assert_eq!(a.list.rows.len(), 5);
    assert_eq!(a.sidebar.rows.len(), a.lib.actors.len());
    assert_eq!(
        open_id(&a),
        "001_4848f0c9aefd9c35.txt",
        "still on the same article"
    );
}

#[test]
fn a_failed_load_says_why_and_keeps_what_arrived() {
    let mut a = App::loading(partial(3), 120, 40);
    a.update(Action::LoadFailed("/x: cannot be read".into()));
    assert!(a.loading.is_none());
    assert_eq!(a.list.rows.len(), 3);
    assert!(a.message.as_deref().unwrap().contains("cannot be read"));
    press(&mut a, "j");
    assert_eq!(a.list.cursor.selected, 1);
}

#[test]
fn a_load_that_fails_before_any_article_arrived_quits_with_its_reason() {
    let mut a = App::loading(partial(0), 120, 40);
    a.update(Action::LoadFailed("x.jsonl: no articles found".into()));
    assert!(a.quit, "no screen held open on nothing");
    assert_eq!(a.load_error.as_deref(), Some("x.jsonl: no articles found"));
}

#[test]
fn quitting_while_loading_just_quits() {
    let mut a = App::loading(partial(1), 120, 40);
    press(&mut a, "ctrl-c");
    assert!(a.quit);
}

#[test]
fn h_hides_a_kind_from_the_sidebar_and_shift_h_brings_it_back() {
    let mut a = app(120, 40);
    let all = a.sidebar.rows.len();
    let kind = |a: &App, h: &ActorHit| a.lib.actors.get(h.actor).kind;
    press(&mut a, "tab tab");
    assert_eq!(
        kind(&a, &a.sidebar.rows[0]),
        Kind::Organization,
        "Taliban first"
    );
    press(&mut a, "h");
    assert!(
        a.sidebar
            .rows
            .iter()
            .all(|h| kind(&a, h) != Kind::Organization)
    );
    assert!(a.sidebar.rows.len() < all);
    assert_eq!(a.sidebar.cursor.selected, 0, "the cursor stays put");
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.contains("organization"))
    );
    // Hidden kinds stay hidden while filtering.
    type_filter(&mut a, "russia");
    assert!(
        a.sidebar
            .rows
            .iter()
            .all(|h| kind(&a, h) != Kind::Organization)
    );
    press(&mut a, "esc");
    while a.focus != Pane::Actors {
        press(&mut a, "tab");
    }
    press(&mut a, "H");
    assert_eq!(a.sidebar.rows.len(), all);
}

#[test]
fn h_moves_the_cursor_to_the_next_actor_that_stays_listed() {
    let mut a = app(120, 40);
    press(&mut a, "tab tab");
    let names = sidebar_names(&a);
    let kinds: Vec<Kind> = a
        .sidebar
        .rows
        .iter()
        .map(|h| a.lib.actors.get(h.actor).kind)
        .collect();
    // A person below another person, with actors of other kinds below
    // it: the rows above shrink, so its row number would land further on.
    let at = (1..kinds.len())
        .find(|&i| kinds[i] == Kind::Person && kinds[..i].contains(&Kind::Person))
        .expect("a second person");
    let next = (at..kinds.len())
        .find(|&i| kinds[i] != Kind::Person)
        .expect("another kind below the person");
    for _ in 0..at {
        press(&mut a, "j");
    }
    assert_eq!(a.sidebar.cursor.selected, at);
    press(&mut a, "h");
    let now = a
        .sidebar
        .current()
        .map(|h| a.lib.actors.get(h).name.to_owned());
    assert_eq!(now.as_deref(), Some(names[next].as_str()));
}

#[test]
fn actors_named_once_sort_below_the_rest_under_a_filter_too() {
    let mut a = app(120, 40);
    type_filter(&mut a, "russia");
    let once: Vec<bool> = a
        .sidebar
        .rows
        .iter()
        .map(|h| a.lib.actors.get(h.actor).mentions <= 1)
        .collect();
    assert!(once.contains(&true) && once.contains(&false));
    assert!(once.windows(2).all(|w| w[0] <= w[1]), "{once:?}");
}

// ---- concordance, related actors, mention cursor, history -----------------

/// The concordance's lines as the text of each mention.
fn kwic_words(a: &App) -> Vec<String> {
    let c = a.concordance.as_ref().unwrap();
    c.rows
        .iter()
        .map(|&i| {
            let (doc, m) = a.lib.actors.mention(i);
            a.lib.corpus.articles[doc.ix()].text[m.range()].to_owned()
        })
        .collect()
}

#[test]
fn m_lists_every_mention_of_the_selected_actor_in_corpus_order() {
    let mut a = app(120, 30);
    select(&mut a, "Bortnikov");
    press(&mut a, "m");
    assert_eq!(a.view, View::Concordance);
    let id = actor(&a, "Bortnikov");
    let c = a.concordance.as_ref().unwrap();
    assert_eq!(c.actor, id);
    assert_eq!(c.rows.len(), a.lib.actors.get(id).mentions as usize);
    let mut sorted = c.rows.clone();
    sorted.sort_unstable();
    assert_eq!(c.rows, sorted, "article order");
    assert!(kwic_words(&a).iter().any(|w| w == "Bortinkov"));
}

#[test]
fn enter_twice_on_an_actor_opens_its_concordance() {
    let mut a = app(120, 30);
    select(&mut a, "Kabulov");
    assert_eq!(a.view, View::Panes);
    press(&mut a, "enter");
    assert_eq!(a.view, View::Concordance);
    assert_eq!(a.concordance.as_ref().unwrap().actor, actor(&a, "Kabulov"));
}

#[test]
fn s_sorts_by_the_word_to_the_left_then_to_the_right_then_back() {
    let mut a = app(120, 30);
    select(&mut a, "Taliban");
    press(&mut a, "m");
    let article_order = a.concordance.as_ref().unwrap().rows.clone();
    let key = |a: &App, left: bool| -> Vec<String> {
        let c = a.concordance.as_ref().unwrap();
        c.rows
            .iter()
            .map(|&i| {
                let (doc, m) = a.lib.actors.mention(i);
                let t = &a.lib.corpus.articles[doc.ix()].text;
                if left {
                    crate::actors::concordance::word_before(t, m.start as usize).to_lowercase()
                } else {
                    crate::actors::concordance::word_after(t, m.end as usize).to_lowercase()
                }
            })
            .collect()
    };
    press(&mut a, "s");
    let left = key(&a, true);
    assert!(left.windows(2).all(|w| w[0] <= w[1]), "{left:?}");
    assert_ne!(a.concordance.as_ref().unwrap().rows, article_order);
    press(&mut a, "s");
    let right = key(&a, false);
    assert!(right.windows(2).all(|w| w[0] <= w[1]), "{right:?}");
    // Within a tie on the word to the right, the next word decides:
    // "The Taliban has been…" lines come in order of what follows.
    let c = a.concordance.as_ref().unwrap();
    let two: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|&i| {
            let (doc, m) = a.lib.actors.mention(i);
            let t = &a.lib.corpus.articles[doc.ix()].text;
            crate::actors::concordance::words_after(t, m.end as usize, 2)
                .iter()
                .map(|w| w.to_lowercase())
                .collect()
        })
        .collect();
    assert!(two.windows(2).all(|w| w[0] <= w[1]), "{two:?}");
    let ties = two
        .windows(2)
        .filter(|w| w[0][0] == w[1][0] && w[0] != w[1]);
    assert!(ties.count() > 0, "the seeds have a tie to break");
    press(&mut a, "s");
    assert_eq!(a.concordance.as_ref().unwrap().rows, article_order);
}

#[test]
fn a_resort_keeps_the_line_under_the_cursor_on_its_screen_row() {
    let mut a = app(120, 30);
    select(&mut a, "Taliban");
    press(&mut a, "m");
    for _ in 0..3 {
        press(&mut a, "j");
    }
    let c = a.concordance.as_ref().unwrap();
    let (line, row) = (c.current(), c.cursor.selected - c.cursor.offset);
    assert_eq!(row, 3);
    for _ in 0..3 {
        press(&mut a, "s");
        let c = a.concordance.as_ref().unwrap();
        assert_eq!(c.current(), line, "the same line stays selected");
        let moved = c.cursor.selected;
        if (row..=c.rows.len() - a.view_visible() + row).contains(&moved) {
            assert_eq!(moved - c.cursor.offset, row, "{:?}", c.cursor);
        }
    }
}

#[test]
fn enter_on_a_line_reads_the_mention_and_esc_returns_to_the_line() {
    let mut a = app(120, 30);
    select(&mut a, "Bortnikov");
    press(&mut a, "m");
    let at = kwic_words(&a)
        .iter()
        .position(|w| w == "Bortinkov")
        .unwrap();
    for _ in 0..at {
        press(&mut a, "j");
    }
    press(&mut a, "enter");
    assert_eq!(a.view, View::Panes);
    assert_eq!(a.focus, Pane::Reader);
    assert_eq!(cursor_text(&a), "Bortinkov", "the mention is marked");
    let row = a
        .reader
        .row_of(a.reader.targets[a.reader.target.unwrap()].start);
    let h = a.reader_height();
    assert!(
        (a.reader.scroll..a.reader.scroll + h).contains(&row),
        "and on screen"
    );
    press(&mut a, "esc");
    assert_eq!(a.view, View::Concordance);
    assert_eq!(a.concordance.as_ref().unwrap().cursor.selected, at);
}

#[test]
fn the_filter_narrows_the_concordance_to_matching_articles() {
    let mut a = app(120, 30);
    select(&mut a, "Taliban");
    press(&mut a, "m");
    let all = a.concordance.as_ref().unwrap().rows.len();
    type_filter(&mut a, "bishkek");
    press(&mut a, "enter");
    let c = a.concordance.as_ref().unwrap();
    assert!(
        !c.rows.is_empty() && c.rows.len() < all,
        "{} of {all}",
        c.rows.len()
    );
    let set = &a.filter.hits.as_ref().unwrap().1.set;
    for &i in &c.rows {
        assert!(set.contains(a.lib.actors.mention(i).0.0));
    }
}

#[test]
fn related_actors_rank_above_chance_and_enter_selects_one() {
    let mut a = app(120, 30);
    select(&mut a, "Bortnikov");
    press(&mut a, "r");
    assert_eq!(a.view, View::Related);
    let r = a.related.as_ref().unwrap();
    let fsb = actor(&a, "Federal Security Service");
    assert_eq!(
        r.data.sentences.first().map(|x| x.actor),
        Some(fsb),
        "his agency is named with him most beyond chance"
    );
    assert!(
        r.data
            .sentences
            .iter()
            .all(|x| f64::from(x.together) > x.expected)
    );
    press(&mut a, "enter");
    assert_eq!(a.view, View::Panes);
    assert_eq!(a.selected_actor, Some(fsb));
    assert_eq!(a.sidebar.current(), Some(fsb), "the sidebar follows");
}

#[test]
fn the_related_view_counts_over_the_filtered_articles_as_the_other_views_do() {
    let mut a = app(120, 30);
    select(&mut a, "Taliban");
    press(&mut a, "r");
    let whole = a.related.as_ref().unwrap().data.clone();
    assert!(!a.related.as_ref().unwrap().filtered);
    assert_eq!(whole.articles_naming, 5);
    // Filtering from inside the view narrows it at once.
    type_filter(&mut a, "kickstarts");
    assert_eq!(a.view, View::Related);
    let r = a.related.as_ref().unwrap();
    assert!(r.filtered);
    assert_eq!(r.data.articles_naming, 1);
    assert!(r.data.sentence_total < whole.sentence_total);
    // Esc on the filter line: the whole corpus again.
    press(&mut a, "esc");
    let r = a.related.as_ref().unwrap();
    assert!(!r.filtered);
    assert_eq!(r.data, whole);
    // Opened with a filter in force, it is narrowed from the start.
    press(&mut a, "esc");
    type_filter(&mut a, "kickstarts");
    press(&mut a, "enter");
    select(&mut a, "Taliban");
    press(&mut a, "r");
    assert_eq!(a.view, View::Related);
    assert_eq!(a.related.as_ref().unwrap().data.articles_naming, 1);
}

#[test]
fn m_in_related_shows_only_the_sentences_naming_both() {
    let mut a = app(120, 30);
    select(&mut a, "Bortnikov");
    press(&mut a, "r m");
    let c = a.concordance.as_ref().unwrap();
    let with = c.with.expect("restricted to the partner");
    assert!(!c.rows.is_empty());
    assert!(c.rows.len() < a.lib.actors.get(c.actor).mentions as usize);
    for &i in &c.rows {
        let (doc, m) = a.lib.actors.mention(i);
        let text = &a.lib.corpus.articles[doc.ix()].text;
        let starts = crate::actors::sentences::sentence_starts(text);
        let s = crate::actors::sentences::sentence_of(&starts, m.start as usize);
        assert!(a.lib.actors.in_doc(doc).iter().any(|o| o.actor == with
            && crate::actors::sentences::sentence_of(&starts, o.start as usize) == s));
    }
}

#[test]
fn brackets_walk_every_mention_in_the_article_and_enter_selects_it() {
    let mut a = app(120, 30);
    press(&mut a, "tab");
    let doc = a.reader.doc.unwrap();
    let mentions = a.lib.actors.in_doc(doc).to_vec();
    press(&mut a, "]");
    assert_eq!(a.reader.mention, Some(0));
    press(&mut a, "] ]");
    assert_eq!(a.reader.mention, Some(2));
    press(&mut a, "[");
    assert_eq!(a.reader.mention, Some(1));
    let who = mentions[1].actor;
    press(&mut a, "enter");
    assert_eq!(a.selected_actor, Some(who));
    assert_eq!(a.sidebar.current(), Some(who));
    assert_eq!(
        a.reader.targets[a.reader.target.unwrap()],
        mentions[1].range(),
        "n / N walk from the mention followed"
    );
}

#[test]
fn an_actor_followed_from_the_reader_shows_on_a_filtered_sidebar() {
    let mut a = app(120, 30);
    type_filter(&mut a, "putin");
    press(&mut a, "enter");
    let putin = actor(&a, "Vladimir Putin");
    assert!(
        a.sidebar.rows.iter().all(|h| h.actor == putin),
        "the query names only Putin"
    );
    press(&mut a, "tab");
    let doc = a.reader.doc.unwrap();
    let k = a
        .lib
        .actors
        .in_doc(doc)
        .iter()
        .position(|m| m.actor != putin)
        .expect("the article names someone else");
    let who = a.lib.actors.in_doc(doc)[k].actor;
    for _ in 0..=k {
        press(&mut a, "]");
    }
    press(&mut a, "enter");
    assert_eq!(a.selected_actor, Some(who));
    assert_eq!(a.sidebar.current(), Some(who), "the sidebar shows whom");
    let hit = a.sidebar.rows[a.sidebar.cursor.selected];
    let listed = a.list.rows.len() as u32;
    assert_eq!(hit.articles, listed, "counted over the listed articles");
    assert!(hit.mentions >= listed);
    press(&mut a, "esc");
    assert!(
        a.sidebar.rows.iter().all(|h| h.actor == putin),
        "Esc drops the pinned row with the selection"
    );
}

#[test]
fn back_and_forward_restore_selection_filter_view_and_scroll() {
    let mut a = app(120, 30);
    type_filter(&mut a, "taliban");
    press(&mut a, "enter tab j j j");
    let before = (a.reader.doc, a.reader.scroll, a.filter.input.clone());
    assert!(a.reader.scroll > 0);
    press(&mut a, "] enter");
    let followed = a.selected_actor.expect("an actor followed");
    press(&mut a, "m");
    assert_eq!(a.view, View::Concordance);
    press(&mut a, "backspace");
    assert_eq!(a.view, View::Panes, "back from the concordance");
    assert_eq!(a.selected_actor, Some(followed));
    press(&mut a, "backspace");
    assert_eq!(a.selected_actor, None, "back to before following");
    assert_eq!(
        (a.reader.doc, a.reader.scroll, a.filter.input.clone()),
        before
    );
    assert_eq!(a.focus, Pane::Reader);
    press(&mut a, "alt-right");
    assert_eq!(a.selected_actor, Some(followed), "forward again");
    press(&mut a, "ctrl-i alt-right");
    assert_eq!(a.view, View::Concordance);
    press(&mut a, "ctrl-o ctrl-o");
    press(&mut a, "esc");
    assert!(!a.filter.active(), "Esc still clears the restored filter");
    press(&mut a, "backspace backspace backspace");
    assert_eq!(a.message.as_deref(), Some("Nothing to go back to"));
}

#[test]
fn back_after_n_crossed_into_another_article_returns_to_the_one_before() {
    let mut a = app(120, 30);
    select(&mut a, "Bortnikov");
    let first = a.reader.doc;
    let actor = a.selected_actor;
    // Walk Bortnikov's mentions until n opens another article.
    let mut before = (None, String::new(), None);
    for _ in 0..20 {
        press(&mut a, "n");
        if a.reader.doc != first {
            break;
        }
        before = (a.reader.target, cursor_text(&a), a.message.clone());
    }
    let second = a.reader.doc;
    assert_ne!(second, first, "n reaches another article");
    let next = (open_id(&a).to_owned(), cursor_text(&a));
    press(&mut a, "backspace");
    assert_eq!(a.reader.doc, first, "back to the article n left");
    assert_eq!(a.selected_actor, actor, "still walking the same actor");
    // At the mention n had reached, counted (helper-38: the cursor and
    // the count were gone, and n started over above it).
    assert!(before.0.is_some());
    assert_eq!(
        (a.reader.target, cursor_text(&a), a.message.clone()),
        before
    );
    press(&mut a, "n");
    assert_eq!((open_id(&a).to_owned(), cursor_text(&a)), next);
    press(&mut a, "backspace alt-right");
    assert_eq!(a.reader.doc, second);
}

#[test]
fn back_after_esc_from_an_article_opened_in_a_view_leaves_the_view() {
    for opened_from in ["m j j", "t j"] {
        let mut a = app(120, 30);
        select(&mut a, "Bortnikov");
        let view_of = |keys: &str| {
            if keys.starts_with('m') {
                View::Concordance
            } else {
                View::Timeline
            }
        };
        press(&mut a, opened_from);
        press(&mut a, "enter");
        assert_eq!(a.view, View::Panes, "{opened_from}: the article");
        press(&mut a, "esc");
        assert_eq!(
            a.view,
            view_of(opened_from),
            "{opened_from}: Esc comes back"
        );
        // One Backspace leaves the view: the place the jump recorded is
        // the view already on screen.
        press(&mut a, "backspace");
        assert_eq!(a.view, View::Panes, "{opened_from}: one back leaves it");
    }
}

#[test]
fn leaving_a_view_after_reading_from_it_gives_back_the_pane_it_was_opened_from() {
    // helper-37: `"`, Enter on a statement, Esc, Esc left the reader
    // focused, and `t` then showed the whole corpus's timeline instead of
    // the selected actor's.
    for opened_from in ["\"", "m", "t"] {
        let mut a = app(120, 30);
        select(&mut a, "Bortnikov");
        press(&mut a, opened_from);
        press(&mut a, "enter");
        assert_eq!(
            (a.view, a.focus),
            (View::Panes, Pane::Reader),
            "{opened_from}: the article"
        );
        press(&mut a, "esc");
        assert_ne!(a.view, View::Panes, "{opened_from}: Esc comes back");
        press(&mut a, "esc");
        assert_eq!(
            (a.view, a.focus),
            (View::Panes, Pane::Actors),
            "{opened_from}: the pane the view was opened from"
        );
    }
}

#[test]
fn help_scrolling_stops_at_its_end_so_k_moves_at_once() {
    let mut a = app(80, 24);
    press(&mut a, "?");
    for _ in 0..300 {
        press(&mut a, "j");
    }
    let Some(Overlay::Help { scroll: end }) = a.overlay else {
        panic!("help open");
    };
    assert!(end > 0 && end < 300, "stopped at the end: {end}");
    press(&mut a, "j");
    assert_eq!(a.overlay, Some(Overlay::Help { scroll: end }));
    press(&mut a, "k");
    assert_eq!(a.overlay, Some(Overlay::Help { scroll: end - 1 }));
}

#[test]
fn a_box_scrolled_to_its_end_stays_within_it_when_the_window_grows() {
    let scroll = |a: &App| match a.overlay {
        Some(Overlay::Help { scroll } | Overlay::Warnings { scroll }) => scroll,
        _ => panic!("a box open"),
    };
    let mut a = app(40, 12);
    press(&mut a, "? G");
    let small_end = scroll(&a);
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    press(&mut a, "G");
    let big_end = scroll(&a);
    assert!(big_end < small_end, "{big_end} {small_end}");
    a.update(Action::Resize {
        width: 40,
        height: 12,
    });
    press(&mut a, "G");
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(scroll(&a), big_end, "k moves at once");
    press(&mut a, "k");
    assert_eq!(scroll(&a), big_end - 1);
    // The warnings box likewise: no warning is left above an empty box.
    let lines: Vec<String> = (1..=13).map(|i| format!("bad line {i}")).collect();
    let corpus = crate::corpus::Corpus::from_jsonl_bytes(
        "bad.jsonl",
        format!("{}\n{{\"title\": \"ok\"}}\n", lines.join("\n")).into_bytes(),
    );
    let lib = Library::build(corpus, &crate::actors::Extraction::builtin());
    let mut a = App::new(Arc::new(lib), 40, 12);
    press(&mut a, "w G");
    assert!(scroll(&a) > 0);
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(scroll(&a), 0, "all 14 warnings fit at 120x40");
}

#[test]
fn help_scrolls_by_pages_and_to_either_end_with_the_usual_keys() {
    let mut a = app(80, 24);
    press(&mut a, "?");
    let scroll = |a: &App| match a.overlay {
        Some(Overlay::Help { scroll }) => scroll,
        _ => panic!("help open"),
    };
    press(&mut a, "G");
    let end = scroll(&a);
    assert!(end > 40, "the help is long at 80x24: {end}");
    press(&mut a, "g");
    assert_eq!(scroll(&a), 0);
    // A page is the rows the box shows (20 of 24) less one kept in view.
    press(&mut a, "pgdn");
    assert_eq!(scroll(&a), 19);
    press(&mut a, "ctrl-d");
    assert_eq!(scroll(&a), 38);
    press(&mut a, "pgup");
    assert_eq!(scroll(&a), 19);
    press(&mut a, "end");
    assert_eq!(scroll(&a), end);
    press(&mut a, "pgdn");
    assert_eq!(scroll(&a), end, "no further than the end");
    press(&mut a, "home");
    assert_eq!(scroll(&a), 0);
    assert_eq!(
        a.list.cursor.selected, 0,
        "the list did not move under the help"
    );
}

// ---- the story views -----------------------------------------------------

/// The label of the timeline row under the cursor.
fn timeline_label(a: &App) -> String {
    let t = a.timeline.as_ref().unwrap();
    match t.current().unwrap() {
        super::story::TimelineRow::Group(g) | super::story::TimelineRow::Event(g, _) => {
            a.lib.story().timeline.groups[g as usize].label()
        }
    }
}

#[test]
fn t_opens_the_timeline_and_the_selected_actor_restricts_it() {
    let mut a = app(120, 30);
    press(&mut a, "t");
    assert_eq!(a.view, View::Timeline);
    let all = a.timeline.as_ref().unwrap().groups;
    assert_eq!(all, a.lib.story().timeline.groups.len());
    press(&mut a, "esc");
    select(&mut a, "Bortnikov");
    press(&mut a, "t");
    let t = a.timeline.as_ref().unwrap();
    assert!(t.groups > 0 && t.groups < all, "{} of {all}", t.groups);
    let who = actor(&a, "Bortnikov");
    for &r in &t.rows {
        if let super::story::TimelineRow::Group(g) = r {
            let named = a.lib.story().timeline.group_actors(g as usize);
            assert!(named.contains(&who));
        }
    }
}

#[test]
fn t_in_the_actors_pane_takes_the_actor_under_the_cursor() {
    let mut a = app(120, 30);
    let all = a.lib.story().timeline.groups.len();
    press(&mut a, "tab tab j");
    let russia = a.sidebar.current().unwrap();
    assert_eq!(a.selected_actor, None);
    press(&mut a, "t");
    assert_eq!(
        a.selected_actor,
        Some(russia),
        "selected, as the list shows"
    );
    let t = a.timeline.as_ref().unwrap();
    assert_eq!(t.actor, Some(russia));
    assert!(t.groups < all, "{} of {all}", t.groups);
}

#[test]
fn the_filter_narrows_the_timeline_as_you_type() {
    let mut a = app(120, 30);
    press(&mut a, "t");
    let all = a.timeline.as_ref().unwrap().groups;
    type_filter(&mut a, "tashkent");
    let t = a.timeline.as_ref().unwrap();
    assert!(t.groups >= 1 && t.groups < all, "{} of {all}", t.groups);
    assert_eq!(a.view, View::Timeline);
}

#[test]
fn enter_on_an_event_reads_its_sentence_and_esc_returns_to_the_timeline() {
    let mut a = app(120, 30);
    press(&mut a, "t");
    while timeline_label(&a) != "29 May 2024" {
        let before = a.timeline.as_ref().unwrap().cursor.selected;
        press(&mut a, "j");
        assert_ne!(
            before,
            a.timeline.as_ref().unwrap().cursor.selected,
            "no 29 May row"
        );
    }
    press(&mut a, "enter");
    assert_eq!(a.view, View::Panes);
    assert_eq!(a.focus, Pane::Reader);
    let doc = a.reader.doc.unwrap();
    let spot = a.reader.spot.clone().expect("the sentence is marked");
    let text = &a.lib.corpus.articles[doc.ix()].text;
    assert!(
        text[spot.clone()].contains("May 29, 2024"),
        "{}",
        &text[spot.clone()]
    );
    let row = a.reader.row_of(spot.start);
    let h = a.reader_height();
    assert!(
        row >= a.reader.scroll && row < a.reader.scroll + h,
        "the sentence is on screen"
    );
    press(&mut a, "esc");
    assert_eq!(a.view, View::Timeline);
    assert_eq!(timeline_label(&a), "29 May 2024", "the cursor stayed");
}

#[test]
fn a_source_that_does_not_name_the_selected_actor_opens_and_bksp_brings_the_actor_back() {
    let mut a = app(120, 30);
    // An actor, an event naming it, and a source of that event whose
    // article does not name the actor.
    let lib = Arc::clone(&a.lib);
    let tl = &lib.story().timeline;
    let (who, group, doc) = (0..lib.actors.len())
        .map(|i| crate::actors::ActorId(i as u32))
        .find_map(|who| {
            let named = lib.actors.docs_of(who);
            (0..tl.groups.len()).find_map(|g| {
                if !tl.group_actors(g).contains(&who) {
                    return None;
                }
                let other = tl
                    .group_events(g)
                    .iter()
                    .map(|&e| tl.events[e as usize].doc)
                    .find(|d| named.binary_search(d).is_err())?;
                Some((who, g as u32, other))
            })
        })
        .expect("the seeds have an event with such a source");
    let name = lib.actors.get(who).name.to_owned();
    select(&mut a, &name);
    press(&mut a, "t");
    let row_of = |a: &App, row: super::story::TimelineRow| {
        a.timeline
            .as_ref()
            .unwrap()
            .rows
            .iter()
            .position(|&r| r == row)
    };
    let at = row_of(&a, super::story::TimelineRow::Group(group)).expect("the event is listed");
    for _ in 0..at {
        press(&mut a, "j");
    }
    press(&mut a, "space");
    let e = tl
        .group_events(group as usize)
        .iter()
        .copied()
        .find(|&e| tl.events[e as usize].doc == doc)
        .unwrap();
    let at = row_of(&a, super::story::TimelineRow::Event(group, e)).expect("the source is listed");
    while a.timeline.as_ref().unwrap().cursor.selected < at {
        press(&mut a, "j");
    }
    press(&mut a, "enter");
    assert_eq!(a.reader.doc, Some(doc), "{:?}", a.message);
    assert_eq!(a.selected_actor, None);
    let said = a.message.clone().unwrap_or_default();
    assert!(said.contains(&format!("does not name {name}")), "{said}");
    // Back: the actor and its articles again.
    press(&mut a, "backspace");
    assert_eq!(a.selected_actor, Some(who));
}

#[test]
fn space_shows_each_source_of_an_event_and_folds_them_again() {
    let mut a = app(120, 30);
    press(&mut a, "t");
    let rows = a.timeline.as_ref().unwrap().rows.len();
    while timeline_label(&a) != "2003" {
        press(&mut a, "j");
    }
    press(&mut a, "space");
    assert_eq!(a.timeline.as_ref().unwrap().rows.len(), rows + 3);
    press(&mut a, "j j");
    // Enter on a source reads that source's sentence.
    let Some(super::story::TimelineRow::Event(_, e)) = a.timeline.as_ref().unwrap().current()
    else {
        panic!("the cursor is on a source");
    };
    let doc = a.lib.story().timeline.events[e as usize].doc;
    press(&mut a, "enter");
    assert_eq!(a.reader.doc, Some(doc));
    press(&mut a, "esc space");
    assert_eq!(a.timeline.as_ref().unwrap().rows.len(), rows);
    assert_eq!(
        timeline_label(&a),
        "2003",
        "folding puts the cursor on the event"
    );
}

#[test]
fn an_actors_timeline_shows_every_source_of_an_event_it_counts() {
    let mut a = app(120, 30);
    select(&mut a, "al-Qaeda");
    press(&mut a, "t");
    while timeline_label(&a) != "2003" {
        let before = a.timeline.as_ref().unwrap().cursor.selected;
        press(&mut a, "j");
        assert_ne!(
            before,
            a.timeline.as_ref().unwrap().cursor.selected,
            "no 2003 row"
        );
    }
    let Some(super::story::TimelineRow::Group(g)) = a.timeline.as_ref().unwrap().current() else {
        panic!("on the 2003 row");
    };
    let sources = a.lib.story().timeline.groups[g as usize].sources;
    assert_eq!(sources, 3, "the row says ×3");
    press(&mut a, "space");
    let shown = (a.timeline.as_ref().unwrap().rows.iter())
        .filter(|r| matches!(r, super::story::TimelineRow::Event(x, _) if *x == g))
        .count();
    assert_eq!(
        shown, 3,
        "all three sources, not only those naming al-Qaeda"
    );
}

#[test]
fn right_shows_the_sources_and_left_folds_them_whatever_they_were() {
    let mut a = app(120, 30);
    press(&mut a, "t");
    let rows = || a.timeline.as_ref().unwrap().rows.len();
    let folded = rows();
    while timeline_label(&a) != "2003" {
        press(&mut a, "j");
    }
    press(&mut a, "right");
    let open = a.timeline.as_ref().unwrap().rows.len();
    assert_eq!(open, folded + 3);
    // → again leaves them shown, ← folds, and ← again leaves them folded.
    press(&mut a, "right");
    assert_eq!(a.timeline.as_ref().unwrap().rows.len(), open);
    press(&mut a, "left");
    assert_eq!(a.timeline.as_ref().unwrap().rows.len(), folded);
    press(&mut a, "left");
    assert_eq!(a.timeline.as_ref().unwrap().rows.len(), folded);
    assert_eq!(timeline_label(&a), "2003");
}

#[test]
fn quote_key_shows_what_the_actor_in_view_said() {
    let mut a = app(120, 30);
    press(&mut a, "\"");
    assert_eq!(a.view, View::Panes, "no actor in view yet");
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("Select an actor")
    );
    select(&mut a, "Lavrov");
    press(&mut a, "\"");
    assert_eq!(a.view, View::Quotes);
    let q = a.quotes.as_ref().unwrap();
    assert_eq!(q.actor, actor(&a, "Lavrov"));
    assert_eq!(q.rows.len(), 2);
    press(&mut a, "enter");
    let spot = a.reader.spot.clone().unwrap();
    let text = &a.lib.corpus.articles[a.reader.doc.unwrap().ix()].text;
    assert_eq!(
        &text[spot],
        "They are the real power. We care about Afghanistan"
    );
    press(&mut a, "backspace");
    assert_eq!(a.view, View::Quotes, "back goes to the statements");
}

#[test]
fn the_story_views_survive_every_size() {
    let mut a = app(120, 30);
    select(&mut a, "Kabulov");
    for keys in ["t", "space", "esc \"", "G", "esc"] {
        press(&mut a, keys);
        for (w, h) in [(0, 0), (1, 1), (20, 5), (500, 200), (120, 30)] {
            a.update(Action::Resize {
                width: w,
                height: h,
            });
        }
    }
}

#[test]
fn the_timeline_waits_for_the_background_story_without_blocking_keys() {
    use crate::app::action::Loaded;
    let mut a = App::loading(partial(3), 120, 40);
    let complete = Arc::new(Library::seeds());
    assert!(
        complete.story_if_ready().is_none(),
        "the story is read on first use"
    );
    a.update(Action::LibraryLoaded(Loaded(Arc::clone(&complete))));
    press(&mut a, "t");
    assert_eq!(a.view, View::Panes);
    assert!(
        a.message
            .as_deref()
            .unwrap_or("")
            .contains("in the background"),
        "{:?}",
        a.message
    );
    assert!(
        complete.story_if_ready().is_none(),
        "the key did not read it"
    );
    // The loader reads it on its thread, then says so.
    complete.story();
    a.update(Action::StoryReady);
    press(&mut a, "t");
    assert_eq!(a.view, View::Timeline);
}

// ---- the user's config ------------------------------------------------

fn configured(w: u16, h: u16, toml: &str) -> App {
    let c = crate::config::Config::parse(toml, std::path::Path::new("test.toml")).unwrap();
    app(w, h).with_config(c)
}

#[test]
fn a_rebound_key_drives_its_new_action() {
    let mut a = configured(
        120,
        40,
        "[keys.list]\n\"ctrl-n\" = \"down\"\n\"j\" = \"none\"\n",
    );
    press(&mut a, "ctrl-n");
    assert_eq!(a.list.cursor.selected, 1);
    assert_eq!(open_id(&a), "001_4848f0c9aefd9c35.txt");
    // j does nothing in the list now, but still scrolls the reader.
    press(&mut a, "j");
    assert_eq!(a.list.cursor.selected, 1);
    press(&mut a, "tab j");
    assert_eq!(a.reader.scroll, 1);
}

#[test]
fn with_the_sidebar_left_it_is_drawn_left_of_the_list() {
    let a = configured(120, 40, "[layout]\nsidebar = \"left\"\n");
    let (side, list) = (a.layout.actors.unwrap(), a.layout.list.unwrap());
    assert!(side.x + side.w <= list.x, "{:?}", a.layout);
    // A resize keeps the option.
    let mut a = a;
    a.update(Action::Resize {
        width: 130,
        height: 40,
    });
    assert_eq!(a.layout.actors.unwrap().x, 0);
}

/// The widest row of the open article, in cells.
fn widest_row(a: &App) -> usize {
    let text = &a.lib.corpus.articles[a.reader.doc.unwrap().ix()].text;
    a.reader
        .rows
        .iter()
        .filter_map(|r| match r {
            reader::Row::Text { start, end, .. } => Some(crate::text::display_width(
                &text[*start as usize..*end as usize],
            )),
            _ => None,
        })
        .max()
        .unwrap()
}

#[test]
fn wrap_width_caps_the_reader_lines() {
    let wide = app(200, 40);
    assert!(widest_row(&wide) > 60, "without a cap, lines fill the pane");
    let mut capped = configured(200, 40, "[layout]\nwrap_width = 60\n");
    assert_eq!(capped.reader_width(), 60);
    assert!(widest_row(&capped) <= 60);
    assert!(widest_row(&capped) > 50, "wrapped at the cap, not narrower");
    // A pane narrower than the cap wraps at the pane.
    capped.update(Action::Resize {
        width: 70,
        height: 24,
    });
    assert!(capped.reader_width() < 60);
    assert!(widest_row(&capped) <= usize::from(capped.reader_width()));
}

#[test]
fn the_help_shows_the_configured_keys() {
    let mut a = configured(120, 40, "[keys.global]\n\"ctrl-t\" = \"timeline\"\n");
    press(&mut a, "?");
    let rows = a.keymap.help_rows(100, a.pane_context());
    assert!(rows.iter().any(|r| matches!(r,
        keymap::HelpRow::Binding { keys, text, live: true }
            if keys == &[("t".into(), true), ("C-t".into(), true)]
                && text.starts_with("timeline"))));
    press(&mut a, "esc ctrl-t");
    assert_eq!(a.view, View::Timeline);
}

// ---- export (x) -----------------------------------------------------------

mod export {
    use super::*;
    use crate::export::{Format, Selection, What, Written};

    fn overlay(a: &App) -> Option<(What, Format)> {
        match a.overlay {
            Some(Overlay::Export { what, format }) => Some((what, format)),
            _ => None,
        }
    }

    /// Presses keys and returns the effect the last one asked for.
    fn press_for_effect(a: &mut App, keys: &str) -> Option<Effect> {
        let mut last = None;
        for k in keys.split_whitespace() {
            let key = keymap::Key::parse(k).unwrap();
            last = a.action_for_key(key).and_then(|act| a.update(act));
        }
        last
    }

    #[test]
    fn x_opens_the_choices_and_keys_move_between_them() {
        let mut a = app(120, 40);
        press(&mut a, "x");
        assert_eq!(overlay(&a), Some((What::Articles, Format::Markdown)));
        assert_eq!(a.key_context(), keymap::Context::Export);
        press(&mut a, "j");
        assert_eq!(overlay(&a), Some((What::Actors, Format::Markdown)));
        press(&mut a, "j j j j");
        assert_eq!(
            overlay(&a).unwrap().0,
            What::Statements,
            "stops at the last"
        );
        press(&mut a, "k k");
        press(&mut a, "k tab");
        assert_eq!(overlay(&a), Some((What::Actors, Format::Csv)));
        press(&mut a, "tab tab");
        assert_eq!(overlay(&a).unwrap().1, Format::Markdown, "formats wrap");
        press(&mut a, "shift-tab");
        assert_eq!(overlay(&a).unwrap().1, Format::Json);
        // The overlay takes every key: q and / close or do nothing, and
        // the list underneath does not move.
        let before = a.list.cursor.selected;
        press(&mut a, "/");
        assert!(!a.filter.editing && overlay(&a).is_some());
        press(&mut a, "q");
        assert!(!a.quit, "q closes the overlay, not the app");
        assert_eq!(overlay(&a), None);
        assert_eq!(a.list.cursor.selected, before);
    }

    #[test]
    fn enter_asks_to_write_what_the_panes_list() {
        let mut a = app(120, 40);
        press(&mut a, "x j tab");
        let effect = press_for_effect(&mut a, "enter");
        assert_eq!(overlay(&a), None, "writing closes the overlay");
        assert_eq!(
            a.message.as_deref(),
            Some("Writing the actors export (csv)…"),
            "the closed box is not all that shows"
        );
        let Some(Effect::Export {
            selection,
            format,
            scope,
            ..
        }) = effect
        else {
            panic!("no export effect: {effect:?}")
        };
        assert_eq!(format, Format::Csv);
        assert_eq!(
            selection,
            Selection::Actors {
                hits: a.sidebar.rows.clone(),
                within: None
            }
        );
        assert_eq!(scope, None);
    }

    #[test]
    fn an_article_export_carries_the_bookmarks_made_in_this_session() {
        let mut a = app(120, 40);
        press(&mut a, "b");
        let id = a.lib.corpus.articles[a.list.rows[0].ix()].id.clone();
        press(&mut a, "x");
        let Some(Effect::Export {
            selection, marks, ..
        }) = press_for_effect(&mut a, "enter")
        else {
            panic!("no export effect")
        };
        assert_eq!(selection.what(), What::Articles);
        assert!(marks.is_bookmarked(&id), "{id}");
    }

    #[test]
    fn the_export_box_opens_on_what_was_last_exported_and_how() {
        let mut a = app(120, 40);
        press(&mut a, "x");
        assert_eq!(
            a.overlay,
            Some(Overlay::Export {
                what: What::Articles,
                format: Format::Markdown
            })
        );
        press(&mut a, "j tab");
        let Some(Effect::Export { format, .. }) = press_for_effect(&mut a, "enter") else {
            panic!("no export effect")
        };
        assert_eq!(format, Format::Csv);
        press(&mut a, "x");
        assert_eq!(
            a.overlay,
            Some(Overlay::Export {
                what: What::Actors,
                format: Format::Csv
            })
        );
        // A box closed without writing changes nothing.
        press(&mut a, "tab esc x");
        assert_eq!(
            a.overlay,
            Some(Overlay::Export {
                what: What::Actors,
                format: Format::Csv
            })
        );
    }

    #[test]
    fn a_filter_and_an_actor_narrow_the_export_as_they_narrow_the_list() {
        let mut a = app(120, 40);
        select(&mut a, "Bortnikov");
        type_filter(&mut a, "crocus");
        press(&mut a, "enter");
        assert_eq!(a.selected_actor, Some(actor(&a, "Bortnikov")));
        assert!(a.list.rows.len() < 4, "{:?}", a.list.rows);
        press(&mut a, "x");
        let Some(Effect::Export {
            selection, scope, ..
        }) = press_for_effect(&mut a, "enter")
        else {
            panic!("no export effect")
        };
        assert_eq!(selection, Selection::Articles(a.list.rows.clone()));
        let scope = scope.unwrap();
        assert!(
            scope.contains("matching \"crocus\"") && scope.contains("naming Alexander Bortnikov"),
            "{scope}"
        );
        // Mentions: of the selected actor, in the filter's matches only.
        press(&mut a, "x j j");
        let mut hits = a.filter.hits.as_ref().unwrap().1.docs.clone();
        hits.sort_unstable();
        let Some(Effect::Export { selection, .. }) = press_for_effect(&mut a, "enter") else {
            panic!("no export effect")
        };
        assert_eq!(
            selection,
            Selection::Mentions {
                actor: actor(&a, "Bortnikov"),
                within: Some(hits)
            }
        );
    }

    #[test]
    fn nothing_listed_is_nothing_to_export_and_no_empty_file() {
        let mut a = app(120, 40);
        type_filter(&mut a, "zzzzqqqq");
        press(&mut a, "enter");
        assert!(a.list.rows.is_empty());
        press(&mut a, "x");
        let choices = a.export_choices();
        assert_eq!(choices[0].label, "no article is listed");
        assert_eq!(choices[1].label, "no actor is in the sidebar");
        assert!(!choices[0].available && !choices[1].available);
        assert_eq!(press_for_effect(&mut a, "enter"), None);
        assert!(overlay(&a).is_some(), "the overlay stays open");
        let said = a.message.as_deref().unwrap();
        assert!(
            said.contains("Nothing to export: no articles listed"),
            "{said}"
        );
    }

    #[test]
    fn mentions_need_an_actor_and_say_so() {
        let mut a = app(120, 40);
        press(&mut a, "x j j");
        let choices = a.export_choices();
        assert!(!choices[2].available);
        assert_eq!(press_for_effect(&mut a, "enter"), None);
        assert!(overlay(&a).is_some(), "the overlay stays open");
        assert!(a.message.as_deref().unwrap().contains("select one first"));
        press(&mut a, "esc");
        select(&mut a, "Bortnikov");
        press(&mut a, "x");
        let choices = a.export_choices();
        assert_eq!(choices[0].label, "the 4 listed articles");
        assert_eq!(
            choices[2].label,
            "the 8 mentions of Alexander Bortnikov, with sentences"
        );
        assert!(choices[2].available);
    }

    #[test]
    fn x_in_the_timeline_exports_the_events_it_lists() {
        let mut a = app(120, 40);
        select(&mut a, "Bortnikov");
        type_filter(&mut a, "crocus");
        press(&mut a, "enter t");
        assert_eq!(a.view, View::Timeline);
        let listed = a.timeline.as_ref().unwrap().groups;
        assert!(listed > 0);
        press(&mut a, "x");
        assert_eq!(
            overlay(&a).unwrap().0,
            What::Timeline,
            "opens on what is shown"
        );
        assert_eq!(
            a.export_choices()[3].label,
            format!(
                "the {} naming Alexander Bortnikov",
                crate::text::count(listed, "event", "events")
            )
        );
        let mut hits = a.filter.hits.as_ref().unwrap().1.docs.clone();
        hits.sort_unstable();
        let Some(Effect::Export { selection, .. }) = press_for_effect(&mut a, "enter") else {
            panic!("no export effect")
        };
        assert_eq!(
            selection,
            Selection::Timeline {
                actor: Some(actor(&a, "Bortnikov")),
                within: Some(hits.clone())
            }
        );
        // The file holds the rows the view lists, from the filtered
        // articles only.
        let mut out = Vec::new();
        let marks = crate::state::Marks::default();
        let n =
            crate::export::write(&mut out, &a.lib, &selection, Format::Json, None, &marks).unwrap();
        assert_eq!(n, listed);
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out).unwrap();
        for event in rows.iter().flat_map(|r| r["events"].as_array().unwrap()) {
            let id = event["article"].as_str().unwrap();
            assert!(
                hits.iter().any(|&d| a.lib.corpus.articles[d.ix()].id == id),
                "{id} is not a filtered article"
            );
        }
    }

    #[test]
    fn x_in_the_statements_view_exports_what_the_actor_said() {
        let mut a = app(120, 40);
        select(&mut a, "Bortnikov");
        press(&mut a, "\"");
        assert_eq!(a.view, View::Quotes);
        press(&mut a, "x");
        assert_eq!(overlay(&a).unwrap().0, What::Statements);
        let said = a.quotes.as_ref().unwrap().rows.len();
        assert_eq!(
            a.export_choices()[4].label,
            format!("the {said} statements of Alexander Bortnikov")
        );
        assert_eq!(
            a.export_subject(What::Statements),
            Some("Alexander Bortnikov"),
            "the file is named after the speaker"
        );
        press(&mut a, "enter");
        assert_eq!(
            a.message.as_deref(),
            Some(format!("Wrote {said} statements to (memory)").as_str())
        );
    }

    #[test]
    fn from_the_statements_view_the_timeline_is_the_speakers() {
        // helper-31: with "What Vladimir Putin said" on screen (reached by
        // the sidebar's cursor, not selected), the export offered every
        // event and t showed them all.
        let mut a = app(120, 40);
        press(&mut a, "tab tab");
        while a.sidebar.current().map(|x| a.lib.actors.get(x).name) != Some("Vladimir Putin") {
            press(&mut a, "j");
        }
        press(&mut a, "\"");
        assert_eq!(a.view, View::Quotes);
        assert_eq!(a.selected_actor, None);
        press(&mut a, "x");
        let label = a.export_choices()[3].label.clone();
        assert!(label.ends_with("naming Vladimir Putin"), "{label}");
        assert!(
            a.export_subject(What::Timeline) == Some("Vladimir Putin"),
            "the timeline file is named after him too"
        );
        press(&mut a, "esc t");
        assert_eq!(a.view, View::Timeline);
        assert_eq!(a.timeline.as_ref().unwrap().actor, Some(actor(&a, "Putin")));
    }

    #[test]
    fn statements_need_an_actor_and_the_story_its_reading() {
        let mut a = app(120, 40);
        press(&mut a, "x j j j j");
        let choices = a.export_choices();
        assert_eq!(choices[4].label, "select an actor first");
        assert!(!choices[4].available);
        press(&mut a, "enter");
        assert_eq!(
            a.message.as_deref(),
            Some(
                "No actor to export the statements of: select one first (Enter in the actors pane)"
            )
        );
        // While the loader still reads the story, both wait for it and
        // say so; once it is read, the box counts them.
        press(&mut a, "esc");
        select(&mut a, "Bortnikov");
        a.story_pending = true;
        if a.lib.story_if_ready().is_some() {
            a.lib = Arc::new(Library::build(
                crate::corpus::Corpus::seeds(),
                &crate::actors::Extraction::builtin(),
            ));
        }
        press(&mut a, "x");
        let choices = a.export_choices();
        assert_eq!(choices[3].label, "the timeline, once its dates are read");
        assert!(!choices[3].available && !choices[4].available);
        press(&mut a, "j j j enter");
        assert!(
            a.message.as_deref().unwrap().contains("still being read"),
            "{:?}",
            a.message
        );
        a.update(Action::StoryReady);
        let choices = a.export_choices();
        assert!(choices[3].available, "{:?}", choices[3]);
        assert!(
            choices[3].label.starts_with("the 2 events naming"),
            "{:?}",
            choices[3]
        );
    }

    #[test]
    fn the_status_bar_says_where_the_file_went_or_why_not() {
        let mut a = app(120, 40);
        select(&mut a, "Bortnikov");
        // The test harness writes to memory and answers like the binary.
        press(&mut a, "x j j enter");
        assert_eq!(a.message.as_deref(), Some("Wrote 8 mentions to (memory)"));
        a.update(Action::Exported(Ok(Written {
            what: What::Articles,
            path: "/tmp/d.md".into(),
            records: 1,
        })));
        assert_eq!(a.message.as_deref(), Some("Wrote 1 article to /tmp/d.md"));
        a.update(Action::Exported(
            Err("cannot write /ro/d.md: denied".into()),
        ));
        assert_eq!(
            a.message.as_deref(),
            Some("Export failed: cannot write /ro/d.md: denied")
        );
    }

    #[test]
    fn w_while_loading_does_not_claim_everything_loaded() {
        let lib = Arc::new(Library::partial(crate::corpus::Corpus::seeds()));
        let mut a = App::loading(lib, 120, 40);
        press(&mut a, "w");
        let said = a.message.as_deref().unwrap();
        assert!(said.contains("so far"), "{said}");
        assert!(!said.contains("every file and line loaded"), "{said}");
    }

    #[test]
    fn export_waits_for_loading_to_finish() {
        let lib = Arc::new(Library::partial(crate::corpus::Corpus::seeds()));
        let mut a = App::loading(lib, 120, 40);
        press(&mut a, "x");
        assert_eq!(overlay(&a), None);
        assert!(a.message.as_deref().unwrap().contains("Still loading"));
        // A load's progress leaves it; its end takes it away, since it is
        // no longer true.
        use crate::app::action::{LoadStage, LoadStatus, Loaded};
        let status = LoadStatus {
            stage: LoadStage::Indexing,
            articles: 5,
            bytes: 4000,
            fraction: Some(0.9),
            rate: 1e6,
            eta: Some(0.2),
        };
        a.update(Action::LoadProgress(status));
        assert!(a.message.is_some());
        a.update(Action::LibraryLoaded(Loaded(Arc::new(Library::seeds()))));
        assert_eq!(a.message, None);
        press(&mut a, "x");
        assert!(overlay(&a).is_some());
        // A message said while one waits is not taken away with it.
        let lib = Arc::new(Library::partial(crate::corpus::Corpus::seeds()));
        let mut a = App::loading(lib, 120, 40);
        press(&mut a, "x");
        a.update(Action::Notice("The editor could not start".into()));
        a.update(Action::LibraryLoaded(Loaded(Arc::new(Library::seeds()))));
        assert_eq!(a.message.as_deref(), Some("The editor could not start"));
    }
}

// ---- what QA found after the issue 8 merges --------------------------------

#[test]
fn a_pasted_line_break_types_a_space_and_never_acts_as_a_key() {
    let mut a = app(120, 40);
    press(&mut a, "/");
    let effect = a.update(Action::Paste("taliban\nq\r\nx".into()));
    assert!(effect.is_some(), "the pasted query is searched");
    assert_eq!(a.filter.input, "taliban q x");
    assert!(!a.quit && a.overlay.is_none(), "the q and x were typed");
    assert!(a.filter.editing);
    // A typed Tab is a space too, as in a paste, not a lost key.
    press(&mut a, "tab r");
    assert_eq!(a.filter.input, "taliban q x r");
    assert!(a.filter.editing);

    let mut a = app(120, 40);
    press(&mut a, "a");
    a.update(Action::Paste("first line\nx".into()));
    assert_eq!(a.note.as_ref().unwrap().input, "first line x");
    assert!(a.overlay.is_none(), "x did not open the export overlay");

    // Outside a line being edited a paste changes nothing but says where
    // it would go.
    let mut a = app(120, 40);
    let before = a.list.cursor.selected;
    assert_eq!(a.update(Action::Paste("jjjq".into())), None);
    assert_eq!(a.list.cursor.selected, before);
    assert!(!a.quit);
    assert!(a.message.as_deref().unwrap().contains("filter line"));
}

#[test]
fn the_note_line_ignores_the_mouse_so_the_note_stays_on_its_article() {
    let mut a = app(120, 40);
    press(&mut a, "a");
    let doc = a.note.as_ref().unwrap().doc;
    let list = a.layout.list.unwrap();
    a.update(Action::Click {
        col: list.x + 3,
        row: list.y + 7,
        again: false,
    });
    a.update(Action::Scroll {
        col: list.x + 3,
        row: list.y + 3,
        delta: 3,
    });
    assert_eq!(a.list.cursor.selected, 0, "the list did not move");
    assert_eq!(a.note.as_ref().map(|n| n.doc), Some(doc));
    assert_eq!(a.reader.doc, Some(doc));
}

#[test]
fn a_rebound_help_key_closes_the_help_and_ctrl_c_quits_from_any_overlay() {
    let mut a = configured(
        120,
        40,
        "[keys.global]\n\"?\" = \"none\"\n\"ctrl-h\" = \"help\"\n",
    );
    press(&mut a, "ctrl-h");
    assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
    press(&mut a, "ctrl-h");
    assert!(
        a.overlay.is_none(),
        "the key that opened the help closes it"
    );

    for open in ["?", "x"] {
        let mut a = app(120, 40);
        press(&mut a, open);
        assert!(a.overlay.is_some(), "{open} opens an overlay");
        press(&mut a, "ctrl-c");
        assert!(a.quit, "ctrl-c quits from the overlay {open} opened");
    }
    // Ctrl-z suspends from the modal lines and overlays too.
    for open in ["/", "a", "?"] {
        let mut a = app(120, 40);
        press(&mut a, open);
        let key = crate::app::keymap::Key::parse("ctrl-z").unwrap();
        assert_eq!(a.action_for_key(key), Some(Action::Suspend), "{open}");
        assert_eq!(a.update(Action::Suspend), Some(Effect::Suspend), "{open}");
    }
}

#[test]
fn keys_wait_while_the_screen_is_too_small_to_show_them() {
    // helper-23: at 23x5 (only "Terminal too small" on screen) b
    // bookmarked, x Enter wrote an export, and typing reached the filter.
    let mut a = app(120, 30);
    let doc = a.reader.doc.expect("an article is shown");
    a.update(Action::Resize {
        width: 23,
        height: 5,
    });
    press(&mut a, "b x");
    assert!(a.update(Action::Activate).is_none(), "no export is written");
    press(&mut a, "/");
    a.update(Action::FilterInput('p'));
    a.update(Action::Resize {
        width: 120,
        height: 30,
    });
    assert_eq!(a.marks_of(doc), (false, false, false), "nothing was marked");
    assert!(a.overlay.is_none(), "no export box");
    assert!(!a.filter.active() && a.filter.input.is_empty(), "no filter");
    // Quitting works at any size.
    a.update(Action::Resize {
        width: 23,
        height: 5,
    });
    press(&mut a, "q");
    assert!(a.quit);
}

#[test]
fn s_in_the_sidebar_sorts_the_actors_by_articles_then_name_then_mentions_again() {
    let mut a = app(120, 40);
    let names = |a: &App| -> Vec<String> {
        a.sidebar
            .rows
            .iter()
            .map(|h| a.lib.actors.get(h.actor).name.to_owned())
            .collect()
    };
    let by_mentions = names(&a);
    // Under the cursor: Afghanistan, third by mentions.
    press(&mut a, "tab tab j j");
    let chosen = a.sidebar.current();
    press(&mut a, "s");
    assert_eq!(a.sidebar.sort, ActorSort::Articles);
    let rows = &a.sidebar.rows;
    assert!(
        rows.windows(2)
            .all(|w| (w[0].articles, w[0].mentions) >= (w[1].articles, w[1].mentions)),
        "{:?}",
        names(&a)
    );
    // ISIS-K (8 mentions, 5 articles) now comes before Vladimir Putin (9, 4).
    let at = |a: &App, n: &str| names(a).iter().position(|x| x == n).unwrap();
    assert!(at(&a, "ISIS-K") < at(&a, "Vladimir Putin"));
    assert_eq!(a.sidebar.current(), chosen, "the cursor stays on its actor");
    assert_eq!(
        a.message.as_deref(),
        Some("Actors sorted by articles; s again: by name")
    );
    press(&mut a, "s");
    let by_name = names(&a);
    let folded: Vec<String> = by_name.iter().map(|n| n.to_lowercase()).collect();
    assert!(folded.windows(2).all(|w| w[0] <= w[1]), "{by_name:?}");
    assert_eq!(&by_name[..2], ["Afghanistan", "al-Qaeda"], "case aside");
    assert_eq!(a.sidebar.current(), chosen);
    // The order holds while filtering (counts over the matches).
    type_filter(&mut a, "terrorist");
    let filtered: Vec<String> = names(&a).iter().map(|n| n.to_lowercase()).collect();
    assert!(filtered.len() > 3, "{filtered:?}");
    assert!(filtered.windows(2).all(|w| w[0] <= w[1]), "{filtered:?}");
    press(&mut a, "esc s");
    assert_eq!(a.sidebar.sort, ActorSort::Mentions);
    assert_eq!(names(&a), by_mentions);
}

#[test]
fn s_does_nothing_to_the_sidebar_while_actors_are_loading() {
    let lib = Arc::new(Library::partial(crate::corpus::Corpus::seeds()));
    let mut a = App::new(lib, 120, 40);
    a.focus = Pane::Actors;
    press(&mut a, "s");
    assert_eq!(a.sidebar.sort, ActorSort::Mentions);
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .starts_with("Actors are listed when loading finishes"),
        "not silent: {:?}",
        a.message
    );
}
