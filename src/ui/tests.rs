//! Whole-screen tests: drive the app with keys, render into a `TestBackend`,
//! and compare with a snapshot or check the cells a user would look at.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::render;
use crate::app::testing::{press, seeds_app, select, type_filter};
use crate::app::{Action, App};

fn draw(app: &App) -> Terminal<TestBackend> {
    let s = app.layout.screen;
    let mut t = Terminal::new(TestBackend::new(s.w, s.h)).unwrap();
    t.draw(|f| render(app, f)).unwrap();
    t
}

/// The buffer's rows as strings (wide characters once, their skipped cells
/// dropped).
fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The whole screen `app` draws, as text.
fn screen_text(app: &App) -> String {
    rows(draw(app).backend().buffer()).join("\n")
}

/// The status bar `app` draws (the bottom row), as text.
fn status_row(app: &App) -> String {
    rows(draw(app).backend().buffer()).pop().unwrap_or_default()
}

/// The position of the first cell of `needle` on screen.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_in(buf, buf.area, needle)
}

/// The position of the first cell of `needle` inside `area`.
fn find_in(buf: &Buffer, area: Rect, needle: &str) -> Option<(u16, u16)> {
    for y in area.top()..area.bottom() {
        let row: Vec<&str> = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        let line = row.concat();
        if let Some(byte) = line.find(needle) {
            // Map the byte offset back to a column.
            let mut acc = 0;
            for (x, sym) in row.iter().enumerate() {
                if acc == byte {
                    return Some((area.left() + x as u16, y));
                }
                acc += sym.len();
            }
        }
    }
    None
}

/// The screen rect of the article list.
fn list_rect(app: &App) -> Rect {
    let a = app.layout.list.unwrap();
    Rect::new(a.x, a.y, a.w, a.h)
}

#[test]
fn seeds_at_120x40() {
    let app = seeds_app(120, 40);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn seeds_at_80x24_hide_the_sidebar() {
    let app = seeds_app(80, 24);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn bortnikov_selected_and_n_across_an_article_boundary() {
    let mut app = seeds_app(120, 40);
    select(&mut app, "Bortnikov");
    press(&mut app, "n n");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn bortnikov_selected_at_80x24_with_focus_in_the_reader() {
    let mut app = seeds_app(80, 24);
    select(&mut app, "Bortnikov");
    press(&mut app, "n n n tab");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_at_120x40() {
    let mut app = seeds_app(120, 40);
    press(&mut app, "?");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn help_overlay_at_80x24() {
    let mut app = seeds_app(80, 24);
    press(&mut app, "?");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn a_narrow_help_shows_a_wide_filter_example_whole_on_its_own_row() {
    let mut app = seeds_app(40, 12);
    press(&mut app, "? G");
    let screen = screen_text(&app);
    assert!(screen.contains("  Putin  sérgei "), "{screen}");
    assert!(!screen.contains("Putin  s…"), "{screen}");
}

#[test]
fn too_small_says_so() {
    let app = seeds_app(20, 6);
    let t = draw(&app);
    let text = rows(t.backend().buffer()).join("\n");
    assert!(text.contains("Terminal too"), "{text}");
}

#[test]
fn the_help_footer_names_the_keys_a_config_binds() {
    use crate::app::keymap::{Code, Context, Key};
    let mut app = seeds_app(100, 30);
    // Page down by Ctrl-d only, and show the help with h as well as ?.
    app.keymap
        .bind(Context::Global, Key::plain(Code::PageDown), None);
    app.keymap
        .bind(Context::Global, Key::char('h'), Some(Action::ToggleHelp));
    press(&mut app, "?");
    let screen = screen_text(&app);
    assert!(
        screen.contains("Esc/? close · j/k/C-d/PgUp scroll"),
        "{screen}"
    );
    assert!(!screen.contains("PgDn"), "{screen}");
}

#[test]
fn a_narrow_box_keeps_the_first_parts_of_its_footer_whole() {
    let mut app = seeds_app(30, 8);
    press(&mut app, "?");
    let screen = screen_text(&app);
    assert!(screen.contains("Esc/? close"), "{screen}");
    // The scroll part is whole or left out, never cut.
    assert!(
        !screen.contains("/PgUp scroll") || screen.contains("j/k/PgDn/PgUp scroll"),
        "{screen}"
    );
    press(&mut app, "esc x");
    let screen = screen_text(&app);
    assert!(screen.contains("Enter write"), "{screen}");
}

#[test]
fn the_help_lists_every_binding_of_the_keymap() {
    // Tall enough for every row of the help at once.
    let mut app = seeds_app(200, 200);
    press(&mut app, "?");
    let t = draw(&app);
    // Descriptions may wrap onto the next row: compare without spaces and
    // borders, so a wrapped description still reads as one.
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '┃')
            .collect::<String>()
    };
    let text = squash(&rows(t.backend().buffer()).join(""));
    for (_, bindings) in app.keymap.sections() {
        for b in bindings {
            assert!(text.contains(&squash(b.help)), "help lacks {:?}", b.help);
        }
    }
}

#[test]
fn mentions_are_styled_by_selection_and_cursor() {
    let mut app = seeds_app(120, 40);
    select(&mut app, "Bortnikov");
    press(&mut app, "n n");
    let t = draw(&app);
    let buf = t.backend().buffer();
    // The cursor is on "Aleksandr Bortnikov" in article 001.
    let (x, y) = find(buf, "Aleksandr Bortnikov").expect("on screen");
    let cell = &buf[(x, y)];
    assert_eq!(cell.bg, Color::LightRed);
    assert!(cell.modifier.contains(Modifier::BOLD));
    // "Bortinkov" is his too: filled with the person colour.
    let (x, y) = find(buf, "Bortinkov also").expect("on screen");
    assert_eq!(buf[(x, y)].bg, Color::Yellow);
    // Another actor's mention is only coloured and underlined.
    let (x, y) = find(buf, "FSB)").expect("on screen");
    assert_eq!(buf[(x, y)].fg, Color::Cyan);
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert_eq!(buf[(x, y)].bg, Color::Reset);
}

#[test]
fn the_selected_article_row_is_highlighted() {
    let mut app = seeds_app(120, 40);
    press(&mut app, "j");
    let t = draw(&app);
    let buf = t.backend().buffer();
    let list = list_rect(&app);
    let (x, y) = find_in(buf, list, "Russia kickstarts").unwrap();
    assert_ne!(buf[(x, y)].bg, Color::Reset);
    let (x, y) = find_in(buf, list, "Kremlin considers").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Reset);
}

#[test]
fn only_visible_rows_are_drawn_and_the_list_scrolls() {
    let mut app = seeds_app(120, 9);
    press(&mut app, "G");
    let t = draw(&app);
    let text = rows(t.backend().buffer()).join("\n");
    assert!(text.contains("The Russian Ministry"), "{text}");
    assert!(!text.contains("Kremlin considers removing"), "{text}");
}

#[test]
fn no_size_panics_in_any_state() {
    let sizes = (0..=130u16)
        .step_by(7)
        .flat_map(|w| (0..=45u16).step_by(4).map(move |h| (w, h)))
        .chain([
            (0, 0),
            (1, 1),
            (20, 6),
            (24, 6),
            (59, 10),
            (60, 10),
            (99, 24),
            (100, 24),
        ]);
    // Keys wait while the screen is too small, so each state is made at
    // a size that shows it and then drawn at the size tried.
    let at = |app: &mut App, w: u16, h: u16| {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
    };
    for (w, h) in sizes {
        let mut app = seeds_app(w, h);
        draw(&app);
        at(&mut app, 120, 40);
        select(&mut app, "Bortnikov");
        press(&mut app, "n n tab");
        at(&mut app, w, h);
        draw(&app);
        at(&mut app, 120, 40);
        press(&mut app, "?");
        at(&mut app, w, h);
        draw(&app);
        // A frame of another size than the app was told must not panic
        // either (a resize event still on its way).
        let mut t = Terminal::new(TestBackend::new(w / 2 + 3, h + 5)).unwrap();
        t.draw(|f| render(&app, f)).unwrap();
        app.update(Action::Resize {
            width: w / 2,
            height: h / 2,
        });
        draw(&app);
    }
}

#[test]
fn typing_a_filter_at_120x40() {
    let mut app = seeds_app(120, 40);
    type_filter(&mut app, "bort");
    let t = draw(&app);
    insta::assert_snapshot!(t.backend());
    let last = rows(t.backend().buffer()).pop().unwrap();
    assert!(last.starts_with("/ bort"), "{last}");
    assert!(last.contains("4 of 5 articles · 1 actor"), "{last}");
}

#[test]
fn an_accepted_filter_at_80x24() {
    let mut app = seeds_app(80, 24);
    type_filter(&mut app, "kabul");
    press(&mut app, "enter");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn filter_matches_are_drawn_in_titles_names_and_the_reader() {
    let mut app = seeds_app(120, 40);
    type_filter(&mut app, "kick");
    press(&mut app, "enter");
    let t = draw(&app);
    let buf = t.backend().buffer();
    // The list title's matched letters.
    let (x, y) = find_in(buf, list_rect(&app), "kickstarts").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Indexed(179));
    assert_ne!(
        buf[(x + 4, y)].bg,
        Color::Indexed(179),
        "only 'kick' is matched"
    );
    // The same word in the reader's title.
    let reader = app.layout.reader.unwrap();
    let reader = Rect::new(reader.x, reader.y, reader.w, reader.h);
    let (x, y) = find_in(buf, reader, "kickstarts").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Indexed(179));
}

#[test]
fn a_filter_with_an_unknown_kind_says_so() {
    let mut app = seeds_app(120, 40);
    type_filter(&mut app, "k:planet");
    let t = draw(&app);
    let last = rows(t.backend().buffer()).pop().unwrap();
    assert!(last.contains("unknown kind"), "{last}");
}

#[test]
fn the_filter_cursor_stays_visible_in_a_long_query() {
    let mut app = seeds_app(40, 10);
    let long = "taliban ".repeat(10);
    type_filter(&mut app, &long);
    let mut t = Terminal::new(TestBackend::new(40, 10)).unwrap();
    t.draw(|f| render(&app, f)).unwrap();
    let pos = t.get_cursor_position().unwrap();
    assert_eq!(pos.y, 9);
    assert!(pos.x < 40, "{pos:?}");
}

#[test]
fn a_hidden_kind_at_120x40() {
    let mut app = seeds_app(120, 40);
    // Hide places: move to Moscow, the first place, and press h.
    press(&mut app, "tab tab j j j h");
    let t = draw(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(screen.contains("· no plc"), "{screen}");
    assert!(!screen.contains("Moscow   "), "{screen}");
    insta::assert_snapshot!(t.backend());
}

// ---- concordance, related actors, mention cursor --------------------------

#[test]
fn concordance_in_article_order_at_120x30() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Bortnikov");
    press(&mut app, "m");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn concordance_sorted_by_the_word_to_the_left_at_120x30() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Bortnikov");
    press(&mut app, "m s");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn concordance_sorted_by_the_word_to_the_right_at_80x24() {
    let mut app = seeds_app(80, 24);
    select(&mut app, "Taliban");
    press(&mut app, "m s s");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn related_actors_at_120x30() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Bortnikov");
    press(&mut app, "r");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn a_narrow_empty_list_says_so_with_an_ellipsis_where_cut() {
    let mut app = seeds_app(70, 20);
    type_filter(&mut app, "zzzzqqqq");
    press(&mut app, "enter");
    let screen = screen_text(&app);
    let line = screen
        .lines()
        .find(|l| l.contains("No article"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        line.contains("No article matches the filter") || line.contains('…'),
        "{line}"
    );
}

#[test]
fn related_rows_keep_their_counts_and_names_when_narrow() {
    for w in [24u16, 30, 40, 60, 80, 120] {
        let mut app = seeds_app(120, 30);
        select(&mut app, "Kabulov");
        press(&mut app, "r");
        app.update(Action::Resize {
            width: w,
            height: 30,
        });
        let screen = rows(draw(&app).backend().buffer());
        let r = app.related.as_ref().unwrap();
        for (c, name) in [(0, "entence"), (1, "rticle")] {
            let want = format!("{name} ({})", r.list(c).len());
            assert!(
                screen.iter().any(|l| l.contains(&want)),
                "{w} columns, {want}:\n{}",
                screen.join("\n")
            );
        }
        // The first row of the first list: its name readable (12 cells
        // or whole) and its count of times together whole, not cut.
        let first = r.list(0)[0];
        let name = app.lib.actors.get(first.actor).name;
        let shown: String = name.chars().take(11).collect();
        let row = screen
            .iter()
            .find(|l| l.contains(&shown))
            .unwrap_or_else(|| panic!("{w} columns, {shown}:\n{}", screen.join("\n")));
        let together = format!(" {} ", first.together);
        assert!(row.contains(&together), "{w} columns: {row}");
    }
}

#[test]
fn a_long_related_list_keeps_its_count_in_the_heading_when_narrow() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Kabulov");
    press(&mut app, "r");
    let actors = app.lib.actors.len() as u32;
    let r = app.related.as_mut().unwrap();
    // As many partners as the most named actor of a big corpus has.
    r.data.sentences = (0..19_123u32)
        .map(|i| crate::actors::related::Related {
            actor: crate::actors::ActorId(i % actors),
            together: 1 + i % 7,
            expected: 0.5,
            score: f64::from(i % 1000),
        })
        .collect();
    r.peaks[0] = crate::actors::related::Peaks::of(&r.data.sentences);
    for w in [24u16, 30, 40, 60] {
        app.update(Action::Resize {
            width: w,
            height: 30,
        });
        let screen = rows(draw(&app).backend().buffer());
        assert!(
            screen.iter().any(|l| l.contains("(19,123)")),
            "{w} columns:\n{}",
            screen.join("\n")
        );
        // A heading that stays sits over its column: the figure under
        // "with" ends where "with" does.
        if let Some(head) = screen
            .iter()
            .find(|l| l.contains("(19,123)") && l.contains("with"))
        {
            let end = head.find("with").unwrap() + "with".len();
            let row = &screen[screen.iter().position(|l| l == head).unwrap() + 1];
            let cells: Vec<char> = row.chars().collect();
            let head_cells = head[..end].chars().count();
            assert!(
                cells[head_cells - 1].is_ascii_digit(),
                "{w}:\n{head}\n{row}"
            );
        }
    }
}

#[test]
fn narrow_headings_and_the_filter_line_never_cut_a_number() {
    let cut_number = |l: &str| {
        let c: Vec<char> = l.chars().collect();
        c.windows(2).any(|w| w[0].is_ascii_digit() && w[1] == '…')
            || c.windows(3)
                .any(|w| w[0].is_ascii_digit() && w[1] == ',' && w[2] == '…')
    };
    for w in 24u16..=60 {
        let mut app = seeds_app(120, 30);
        select(&mut app, "Taliban");
        press(&mut app, "m");
        app.update(Action::Resize {
            width: w,
            height: 20,
        });
        let screen = rows(draw(&app).backend().buffer());
        assert!(!cut_number(&screen[1]), "{w}: {}", screen[1]);
        assert!(screen[1].contains("mention"), "{w}: {}", screen[1]);

        let mut app = seeds_app(120, 30);
        type_filter(&mut app, "taliban");
        app.update(Action::Resize {
            width: w,
            height: 20,
        });
        let screen = rows(draw(&app).backend().buffer());
        let last = screen.last().unwrap();
        assert!(!cut_number(last), "{w}: {last}");
    }
}

#[test]
fn an_empty_sidebar_says_why_whole_when_narrow() {
    let mut app = seeds_app(120, 40);
    type_filter(&mut app, "putin");
    press(&mut app, "enter tab tab h");
    assert!(app.sidebar.rows.is_empty(), "persons hidden: nobody left");
    let screen = screen_text(&app);
    for words in ["No actor of the kinds", "matches", "shows every kind again"] {
        assert!(screen.contains(words), "{words}:\n{screen}");
    }
}

#[test]
fn the_sidebar_sorted_by_articles_at_120x30() {
    let mut app = seeds_app(120, 30);
    press(&mut app, "tab tab s");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn the_sorted_column_of_the_sidebar_is_the_bold_one() {
    let mut app = seeds_app(120, 30);
    let bold = |app: &App, label: &str| {
        let t = draw(app);
        let buf = t.backend().buffer();
        let a = app.layout.actors.unwrap();
        let area = Rect::new(a.x, a.y, a.w, a.h);
        let (x, y) = find_in(buf, area, label).unwrap();
        buf[(x, y)].style().add_modifier.contains(Modifier::BOLD)
    };
    assert!(bold(&app, "ment") && !bold(&app, "arts") && !bold(&app, "Actor "));
    press(&mut app, "tab tab s");
    assert!(bold(&app, "arts") && !bold(&app, "ment"));
    press(&mut app, "s");
    assert!(bold(&app, "Actor ") && !bold(&app, "arts"));
}

#[test]
fn the_sidebar_sorted_by_name_at_100x20() {
    let mut app = seeds_app(100, 20);
    press(&mut app, "tab tab s s");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn the_concordance_title_says_how_the_actor_is_written_as_room_allows() {
    let top = |w: u16| {
        let mut app = seeds_app(w, 24);
        select(&mut app, "Bortnikov");
        press(&mut app, "m");
        rows(draw(&app).backend().buffer())[0].clone()
    };
    assert!(
        top(120).contains(
            "· written Alexander Bortnikov 5, Aleksandr Bortnikov 1, Bortinkov 1, Bortnikov 1 "
        ),
        "{}",
        top(120)
    );
    assert!(
        top(112).contains("· written Alexander Bortnikov 5, Aleksandr Bortnikov 1, and 2 more"),
        "{}",
        top(112)
    );
    assert!(
        top(80).contains("· written Alexander Bortnikov 5, and 3 more"),
        "{}",
        top(80)
    );
    assert!(
        top(60).contains("Concordance: Alexander Bortnikov · 4 spellings"),
        "{}",
        top(60)
    );
    assert!(!top(40).contains("spellings"), "{}", top(40));
    // Narrowed to a filter's articles, the counts are still the corpus's,
    // and the title says so.
    let mut app = seeds_app(160, 24);
    select(&mut app, "Bortnikov");
    type_filter(&mut app, "kickstarts");
    press(&mut app, "enter m");
    let top = rows(draw(&app).backend().buffer())[0].clone();
    assert!(
        top.contains("· written (in all articles) Alexander Bortnikov 5,"),
        "{top}"
    );
}

#[test]
fn after_enter_from_a_view_the_hints_say_esc_goes_back_to_it() {
    let mut app = seeds_app(160, 40);
    select(&mut app, "Bortnikov");
    press(&mut app, "m enter");
    let status = status_row(&app);
    assert!(status.contains("Esc to mentions"), "{status}");
    press(&mut app, "esc t enter");
    let status = status_row(&app);
    assert!(status.contains("Esc to timeline"), "{status}");
    // Back in the panes by Esc, Esc goes back to no view.
    press(&mut app, "esc esc");
    let status = status_row(&app);
    assert!(!status.contains("Esc to"), "{status}");
    // From the statements, by their name.
    select(&mut app, "Lavrov");
    press(&mut app, "\" enter");
    let status = status_row(&app);
    assert!(status.contains("Esc to statements"), "{status}");
}

#[test]
fn the_related_view_says_when_it_counts_the_filtered_articles_only() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Taliban");
    press(&mut app, "r");
    let screen = screen_text(&app);
    assert!(
        screen.contains(" in its 5 articles name Taliban"),
        "{screen}"
    );
    type_filter(&mut app, "kickstarts");
    let screen = screen_text(&app);
    assert!(
        screen.contains(" in its 1 filtered article name Taliban"),
        "{screen}"
    );
    // A filter no article of the actor's matches says so, in words.
    type_filter(&mut app, "qqxzzy");
    let screen = screen_text(&app);
    assert!(
        screen.contains(" None of the filtered articles names Taliban"),
        "{screen}"
    );
}

#[test]
fn related_actors_at_30x16() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Kabulov");
    press(&mut app, "r");
    app.update(Action::Resize {
        width: 30,
        height: 16,
    });
    insta::assert_debug_snapshot!(draw(&app).backend());
}

#[test]
fn related_actors_stacked_at_60x24() {
    let mut app = seeds_app(60, 24);
    select(&mut app, "Kabulov");
    press(&mut app, "r");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn a_short_first_related_list_leaves_its_room_to_the_second_at_60x30() {
    // helper-21: with Lavrov's few same-sentence partners, the same-article
    // list stopped at half the height and ten lines stayed empty.
    let mut app = seeds_app(60, 30);
    select(&mut app, "Lavrov");
    press(&mut app, "r");
    let r = app.related.as_ref().unwrap();
    let (first, second) = (r.list(0).len(), r.list(1).len());
    let [h0, h1] = app.related_heights();
    assert_eq!(h0, first.max(1) + 1, "the first list takes what it needs");
    assert!(
        second >= h1,
        "the second fills the rest: {second} rows, {h1} lines"
    );
    let t = draw(&app);
    let screen = rows(t.backend().buffer());
    // The line above the bottom border holds a row of the second list.
    let last = &screen[screen.len() - 3];
    assert!(
        last.trim_matches(|c| c == '┃' || c == ' ').len() > 10,
        "{}",
        screen.join("\n")
    );
    insta::assert_snapshot!(t.backend());
    // j walks the second list to its last row on screen and beyond.
    press(&mut app, "tab");
    for _ in 0..h1 + 2 {
        press(&mut app, "j");
    }
    let r = app.related.as_ref().unwrap();
    assert_eq!(r.cursors[1].selected, h1 + 2);
    assert!(r.cursors[1].offset > 0, "it scrolled");
}

#[test]
fn the_mention_cursor_marks_a_mention_in_the_reader() {
    let mut app = seeds_app(120, 30);
    press(&mut app, "tab ] ]");
    let k = app.reader.mention.expect("] puts the cursor on a mention");
    let doc = app.reader.doc.unwrap();
    let m = app.lib.actors.in_doc(doc)[k];
    let said = &app.lib.corpus.articles[doc.ix()].text[m.range()];
    let t = draw(&app);
    let buf = t.backend().buffer();
    let reader = app.layout.reader.unwrap();
    let area = Rect::new(reader.x, reader.y, reader.w, reader.h);
    let (x, y) = find_in(buf, area, said).expect("the mention is on screen");
    assert_eq!(
        buf[(x, y)].style(),
        buf[(x, y)]
            .style()
            .patch(super::theme::Theme::default().current_mention()),
        "the mention under the cursor is drawn as the current one"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn every_view_renders_at_any_size() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (24, 6),
        (30, 8),
        (59, 20),
        (200, 60),
        (500, 200),
    ] {
        for keys in ["m", "r", "m s", "r tab j"] {
            let mut app = seeds_app(120, 30);
            select(&mut app, "Taliban");
            press(&mut app, keys);
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| render(&app, f)).unwrap();
        }
    }
}

#[test]
fn the_related_cursor_stays_on_screen_when_the_lists_are_stacked() {
    let mut app = seeds_app(60, 24);
    select(&mut app, "Taliban");
    press(&mut app, "r");
    assert!(app.related.as_ref().unwrap().data.sentences.len() > 15);
    for _ in 0..15 {
        press(&mut app, "j");
    }
    let r = app.related.as_ref().unwrap();
    let name = &app.lib.actors.get(r.current().unwrap()).name;
    let t = draw(&app);
    let text = rows(t.backend().buffer()).join("\n");
    let shown = crate::text::fit(name, 20);
    assert!(
        text.contains(shown.trim_end_matches('…')),
        "{name} (under the cursor) is on screen:\n{text}"
    );
}

#[test]
fn a_narrow_list_keeps_the_end_of_an_id_shown_for_want_of_a_byline() {
    use crate::corpus::Corpus;
    let lines = [
        r#"{"id": "business/101.txt", "title": "Markets", "body": "Shares fell."}"#,
        r#"{"id": "business/102.txt", "title": "Banks", "body": "Rates rose."}"#,
        r#"{"id": "z", "title": "Credited", "body": "x", "byline": "A very long byline indeed"}"#,
    ];
    let corpus = Corpus::from_jsonl_bytes("c.jsonl", lines.join("\n").into_bytes());
    let lib = crate::library::Library::build(corpus, &crate::actors::Extraction::builtin());
    let app = App::new(std::sync::Arc::new(lib), 60, 12);
    let screen = screen_text(&app);
    // The two ids differ only at their end, which stays in view.
    assert!(screen.contains("…/101.txt"), "{screen}");
    assert!(screen.contains("…/102.txt"), "{screen}");
    // A byline still keeps its start.
    assert!(screen.contains("A very "), "{screen}");
}

#[test]
fn a_narrow_status_line_drops_the_mentions_count_before_the_warnings() {
    use crate::corpus::{Corpus, LoadWarning, Problem};
    let mut corpus = Corpus::seeds();
    corpus.warnings = vec![LoadWarning::new("feed.jsonl:17", Problem::MissingTitle)];
    let lib = crate::library::Library::build(corpus, &crate::actors::Extraction::builtin());
    let lib = std::sync::Arc::new(lib);
    let app = App::new(std::sync::Arc::clone(&lib), 80, 24);
    let status = status_row(&app);
    assert!(status.contains("1 load warning"), "{status}");
    assert!(!status.contains("mentions"), "{status}");
    // With room for all, the counts stay together, the warning after.
    let app = App::new(lib, 140, 24);
    let status = status_row(&app);
    assert!(
        status.contains(" 5 articles · 51 actors · 247 mentions · 1 load warning "),
        "{status}"
    );
}

#[test]
fn warnings_overlay_lists_each_file_and_why() {
    use crate::corpus::{Corpus, LoadWarning, Problem};
    let mut corpus = Corpus::seeds();
    corpus.warnings = vec![
        LoadWarning::new("bbc/sport/199.txt", Problem::InvalidUtf8 { at: 1234 }),
        LoadWarning::new("feed/photo.txt", Problem::Binary { utf16: false }),
        LoadWarning::new("feed.jsonl:17", Problem::MissingTitle),
        LoadWarning::new("README.md", Problem::NotAnArticle),
    ];
    let lib = crate::library::Library::build(corpus, &crate::actors::Extraction::builtin());
    let mut app = App::new(std::sync::Arc::new(lib), 100, 24);
    let t = draw(&app);
    let status = rows(t.backend().buffer()).pop().unwrap();
    assert!(status.contains("4 load warnings"), "{status}");
    press(&mut app, "w");
    let t = draw(&app);
    insta::assert_snapshot!(t.backend());
    // All four show whole: j has nothing to scroll.
    press(&mut app, "j j j j j j");
    assert_eq!(
        app.overlay,
        Some(crate::app::Overlay::Warnings { scroll: 0 })
    );
    press(&mut app, "esc");
    assert_eq!(app.overlay, None);
}

#[test]
fn w_without_warnings_says_so() {
    let mut app = seeds_app(100, 24);
    press(&mut app, "w");
    assert_eq!(app.overlay, None);
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("No load warnings")
    );
}

#[test]
fn the_status_line_keeps_help_and_the_selected_actor_when_narrow() {
    for w in [60, 80, 100] {
        let mut app = seeds_app(w, 24);
        select(&mut app, "Kabulov");
        press(&mut app, "esc");
        select(&mut app, "Kabulov");
        app.message = None;
        let t = draw(&app);
        let status = rows(t.backend().buffer()).pop().unwrap();
        assert!(status.contains("? help"), "{w}: {status}");
        assert!(status.contains("Zamir Kabulov"), "{w}: {status}");
        let text_end = status.trim_end().find("? help").unwrap();
        assert!(
            status[..text_end].contains("   "),
            "three cells between the text and the keys: {status}"
        );
    }
}

#[test]
fn an_overlay_hints_its_own_keys_not_the_panes() {
    let mut app = seeds_app(120, 35);
    press(&mut app, "x");
    let status = status_row(&app);
    assert!(
        status.contains("Enter write") && status.contains("Tab format"),
        "{status}"
    );
    assert!(
        !status.contains("timeline") && !status.contains("Enter read"),
        "{status}"
    );
    press(&mut app, "esc ?");
    let status = status_row(&app);
    assert!(status.contains("Esc close"), "{status}");
    assert!(
        !status.contains("q quit") && !status.contains("Tab pane"),
        "{status}"
    );
}

#[test]
fn a_message_takes_the_status_line_before_the_hints() {
    let mut app = seeds_app(80, 24);
    app.message =
        Some("Export failed: permission denied in /tmp/qa/ro (start dossier in a folder)".into());
    let status = status_row(&app);
    // Too long to sit beside "? help", it takes the whole line (helper-24
    // saw messages cut to keep the hint).
    assert!(
        status
            .contains("Export failed: permission denied in /tmp/qa/ro (start dossier in a folder)"),
        "{status}"
    );
    assert!(!status.contains("? help"), "{status}");
    // A short one keeps "? help".
    app.message = Some("Copied the article's id".into());
    let status = status_row(&app);
    assert!(status.contains("Copied the article's id"), "{status}");
    assert!(status.contains("? help"), "{status}");
    // Without a message the hints have their room back.
    app.message = None;
    let status = status_row(&app);
    assert!(
        status.contains("/ filter") && status.contains("q quit"),
        "{status}"
    );
}

#[test]
fn a_narrow_filtered_status_line_ends_on_a_whole_part() {
    // helper-24: it ended "1 of 5 articles · …".
    let mut app = seeds_app(120, 30);
    type_filter(&mut app, "bortnikov");
    press(&mut app, "enter");
    let mut cut = 0;
    for w in 30..60 {
        app.update(Action::Resize {
            width: w,
            height: 20,
        });
        let status = status_row(&app);
        assert!(!status.contains("· …"), "{w}: {status}");
        assert!(status.contains("4 of 5 articles"), "{w}: {status}");
        cut += usize::from(!status.contains("/bortnikov"));
    }
    assert!(cut > 0, "some width cuts the line");
}

#[test]
fn timeline_at_120x30() {
    let mut app = seeds_app(120, 30);
    press(&mut app, "t");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn a_narrow_timeline_keeps_every_year() {
    let mut app = seeds_app(56, 20);
    press(&mut app, "t");
    press(&mut app, "G");
    let t = draw(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    // "20 November 2024" does not fit the narrow date column: the month is
    // cut, never the year.
    assert!(screen.contains("Nov 2024"), "{screen}");
    assert!(!screen.contains("November 20…"), "{screen}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_narrow_timeline_keeps_its_keys_in_the_heading() {
    // At 56 cells the heading was cut at "· Space: each so…", so Enter
    // was never named.
    let mut app = seeds_app(56, 20);
    press(&mut app, "t");
    let screen = screen_text(&app);
    assert!(
        screen.contains(" events · Space: each source · Enter: read"),
        "{screen}"
    );
    // Keys rebound in the config are the ones named.
    use crate::app::keymap::{Code, Context, Key};
    let mut app = seeds_app(120, 30);
    app.keymap
        .bind(Context::Timeline, Key::plain(Code::Char(' ')), None);
    app.keymap
        .bind(Context::Timeline, Key::char('x'), Some(Action::Expand));
    press(&mut app, "t");
    let screen = screen_text(&app);
    assert!(
        screen.contains("in date order · x: each source · Enter: read"),
        "{screen}"
    );
}

#[test]
fn timeline_with_the_4_october_sources_expanded_at_80x24() {
    let mut app = seeds_app(80, 24);
    press(&mut app, "t");
    let at = {
        let t = app.timeline.as_ref().unwrap();
        let lib = &app.lib;
        t.rows
            .iter()
            .position(|r| match r {
                crate::app::story::TimelineRow::Group(g) => {
                    lib.story().timeline.groups[*g as usize].label() == "4 October 2024?"
                }
                _ => false,
            })
            .expect("the 4 October event is listed")
    };
    for _ in 0..at {
        press(&mut app, "j");
    }
    press(&mut app, "space");
    let t = draw(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(screen.contains("×2"), "{screen}");
    assert_eq!(screen.matches("↳").count(), 2, "{screen}");
    // The footer counts events, as the header does: the two sources'
    // lines are not events of their own.
    assert!(screen.contains("22 events"), "{screen}");
    assert!(screen.contains(" 2-19 of 22 "), "{screen}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn before_the_first_answer_the_filter_says_it_is_searching() {
    let mut app = seeds_app(100, 24);
    press(&mut app, "/");
    // The search is handed to the worker (not run here): no answer yet.
    app.update(Action::FilterInput('b'));
    let status = status_row(&app);
    assert!(status.contains("searching…"), "{status}");
    assert!(
        !status.contains("5 of 5"),
        "not every article matches: {status}"
    );
}

#[test]
fn a_problem_with_the_query_is_said_whole_when_the_query_leaves_room() {
    for w in [100, 120] {
        let mut app = seeds_app(w, 24);
        crate::app::testing::type_filter(&mut app, "is:later");
        let status = status_row(&app);
        assert!(
            status.contains("use is:unread, is:read, is:bookmarked or is:noted"),
            "{w}: {status}"
        );
        assert!(status.starts_with("/ is:later"), "{w}: {status}");
        // Kept with Enter, it is still said.
        press(&mut app, "enter");
        let status = status_row(&app);
        assert!(status.contains("unknown mark \"later\""), "{w}: {status}");
    }
}

#[test]
fn with_an_actor_selected_the_status_counts_the_articles_listed() {
    let mut app = seeds_app(120, 24);
    let kabulov = crate::app::testing::actor(&app, "Kabulov");
    app.select_actor(Some(kabulov));
    app.message = None;
    let listed = app.list.rows.len();
    assert!(listed < 5, "Kabulov is not in every seed article");
    let status = status_row(&app);
    assert!(
        status.contains(&format!("selected · {listed} of 5 articles")),
        "{status}"
    );
}

#[test]
fn a_filtered_timeline_counts_the_sources_it_lists() {
    let mut app = seeds_app(120, 30);
    press(&mut app, "t");
    let screen = rows(draw(&app).backend().buffer());
    let row_2003 = |screen: &[String]| {
        screen
            .iter()
            .find(|l| l.contains("2003   "))
            .cloned()
            .unwrap_or_default()
    };
    assert!(row_2003(&screen).contains("×3"), "{screen:#?}");
    press(&mut app, "esc");
    crate::app::testing::type_filter(&mut app, "kabulov");
    press(&mut app, "enter t");
    let screen = rows(draw(&app).backend().buffer());
    let row = row_2003(&screen);
    assert!(row.contains("×2") && !row.contains("×3"), "{screen:#?}");
    // One article kept: nothing to show under the row, so no ▸, and
    // Space says so (helper-32: the row kept its ▸ and Space "expanded"
    // to the one article left).
    press(&mut app, "esc esc");
    crate::app::testing::type_filter(&mut app, "kickstarts");
    press(&mut app, "enter t");
    let screen = rows(draw(&app).backend().buffer());
    let row = row_2003(&screen);
    assert!(
        row.contains(" 2003   ") && !row.contains('▸') && !row.contains('×'),
        "{screen:#?}"
    );
    // 2003 is the second row.
    assert!(screen[3].contains(" 2003   "), "{screen:#?}");
    press(&mut app, "j space");
    assert_eq!(
        app.message.as_deref(),
        Some("Only one source reports this event")
    );
}

#[test]
fn narrow_titles_drop_words_whole() {
    let mut app = seeds_app(100, 24);
    crate::app::testing::type_filter(&mut app, "a");
    press(&mut app, "enter tab tab h");
    let top = rows(draw(&app).backend().buffer()).remove(0);
    assert!(top.contains("Actors ") && top.contains(" · no "), "{top}");
    assert!(!top.contains('…'), "a word cut: {top}");
    // The help's title drops its second half rather than cut it.
    let mut app = seeds_app(40, 15);
    press(&mut app, "?");
    let screen = screen_text(&app);
    assert!(screen.contains(" Keys "), "{screen}");
    assert!(!screen.contains("dimmed ones do nothing her"), "{screen}");
}

#[test]
fn a_filtered_timeline_says_which_articles_its_events_come_from() {
    let mut app = seeds_app(120, 30);
    crate::app::testing::type_filter(&mut app, "lavrov");
    press(&mut app, "enter t");
    let screen = screen_text(&app);
    // The filter narrows the articles, not the events in them.
    assert!(
        screen.contains(" of the 1 filtered article in date order"),
        "{screen}"
    );
}

#[test]
fn the_help_scrolled_to_its_end_stays_there_when_the_window_shrinks() {
    // helper-33 (and earlier rounds): scrolled to the end at 120 columns
    // and shrunk to 50x15, the help showed "Related actors", mid-list.
    let mut app = seeds_app(120, 40);
    press(&mut app, "? G");
    app.update(Action::Resize {
        width: 50,
        height: 15,
    });
    let screen = screen_text(&app);
    assert!(screen.contains("a capital or an accent is"), "{screen}");
    // Back to the top, and wider: still the top.
    press(&mut app, "g");
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert!(
        screen_text(&app).contains(" Keys "),
        "{}",
        screen_text(&app)
    );
    // Shown whole in a tall window, then shrunk: the top, not the end.
    let mut app = seeds_app(200, 200);
    press(&mut app, "?");
    app.update(Action::Resize {
        width: 50,
        height: 15,
    });
    let top = screen_text(&app);
    assert!(!top.contains("a capital or an accent is"), "{top}");
}

#[test]
fn the_help_scrolls_down_to_the_filter_language() {
    // The scroll stopped at the keys' end, so the section under them
    // could not be reached.
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = seeds_app(w, h);
        press(&mut app, "? G");
        let screen = screen_text(&app);
        assert!(screen.contains("Filter: what to type after /"), "{screen}");
        assert!(
            screen.contains("a capital or an accent is matched as typed"),
            "{screen}"
        );
    }
}

#[test]
fn a_narrow_help_wraps_the_filter_language() {
    // The rows were cut: at 60 cells "both words (a typo in a long word
    // is forgiven)" lost its end.
    let mut app = seeds_app(60, 40);
    press(&mut app, "? G");
    let screen = screen_text(&app);
    for (typed, meaning) in crate::app::keymap::FILTER_SYNTAX {
        let last = meaning.split(' ').next_back().unwrap_or_default();
        assert!(screen.contains(typed), "{typed}:\n{screen}");
        assert!(screen.contains(last), "{meaning}:\n{screen}");
    }
    let help: Vec<&str> = screen.lines().filter(|l| l.contains('┃')).collect();
    assert!(help.iter().all(|l| !l.contains('…')), "{screen}");
}

#[test]
fn a_narrow_status_line_drops_counts_whole() {
    // helper-23: "5 articles · 51 actors · 24…" read as 24 of something.
    let app = seeds_app(40, 12);
    let status = status_row(&app);
    assert!(status.starts_with(" 5 articles · 51 actors "), "{status}");
    assert!(!status.contains('…'), "{status}");
}

#[test]
fn kinds_too_many_to_name_in_the_title_are_counted() {
    // helper-24: with several kinds hidden the title was a bare number.
    let mut app = seeds_app(120, 30);
    press(&mut app, "tab tab");
    for _ in 0..4 {
        press(&mut app, "h");
    }
    let t = draw(&app);
    let top = rows(t.backend().buffer())[0].clone();
    assert!(top.contains(" Actors ("), "{top}");
    assert!(top.contains(" · 4 kinds hidden "), "{top}");
}

#[test]
fn every_kind_hidden_says_so_and_how_to_show_them() {
    // helper-23: with every kind hidden the sidebar said "No actors found".
    let mut app = seeds_app(120, 30);
    press(&mut app, "tab tab");
    for _ in 0..6 {
        press(&mut app, "h");
    }
    assert!(app.sidebar.rows.is_empty(), "every kind is hidden");
    let screen = screen_text(&app);
    assert!(screen.contains("No actor of the kinds shown"), "{screen}");
    assert!(screen.contains("H shows every kind again"), "{screen}");
    assert!(!screen.contains("No actors found"), "{screen}");
}

#[test]
fn an_empty_timeline_of_one_actor_names_the_actor() {
    // helper-20: it said "No dated event in the filtered articles" while
    // the filtered article had many.
    let mut app = seeds_app(120, 30);
    crate::app::testing::type_filter(&mut app, "@caliber");
    press(&mut app, "enter");
    select(&mut app, "Caliber.Az");
    press(&mut app, "t");
    let screen = screen_text(&app);
    assert!(
        screen.contains(" No dated event names Caliber.Az in the filtered articles"),
        "{screen}"
    );
}

#[test]
fn a_view_under_a_filter_that_matches_nothing_says_so() {
    // helper-38: the timeline said "0 events of the 0 filtered articles"
    // and "No dated event in the filtered articles".
    for key in ["t", "\"", "m"] {
        let mut app = seeds_app(120, 30);
        select(&mut app, "Bortnikov");
        press(&mut app, key);
        crate::app::testing::type_filter(&mut app, "zzqxw");
        press(&mut app, "enter");
        assert!(app.list.rows.is_empty());
        let screen = screen_text(&app);
        assert!(
            screen.contains("No article matches the filter (Esc on / clears it)"),
            "{key}: {screen}"
        );
        assert!(
            !screen.contains("in the filtered articles"),
            "{key}: {screen}"
        );
    }
}

#[test]
fn timeline_of_one_actor_at_120x30() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Bortnikov");
    press(&mut app, "t");
    let t = draw(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(screen.contains("Timeline: Alexander Bortnikov"), "{screen}");
    assert!(
        !screen.contains("2018–2020"),
        "an event not naming him is shown:\n{screen}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn quotes_of_shaheen_at_120x30() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Shaheen");
    press(&mut app, "\"");
    let t = draw(&app);
    let screen = rows(t.backend().buffer()).join("\n");
    assert!(screen.contains(" “We welcome the proposal"), "{screen}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn quotes_of_kabulov_at_60x20() {
    let mut app = seeds_app(60, 20);
    select(&mut app, "Kabulov");
    press(&mut app, "\"");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn a_narrow_view_under_a_filter_keeps_how_many_it_lists() {
    // helper-37: at 40x12 under a filter, the statements' header was cut
    // to "149 statements: 52 quoted, 97 report…", losing the count the
    // rows below show.
    for (view, all) in [("\"", "9 statements"), ("m", "8 mentions")] {
        let mut app = seeds_app(40, 12);
        select(&mut app, "Kabulov");
        type_filter(&mut app, "petersburg");
        press(&mut app, "enter");
        press(&mut app, view);
        let screen = screen_text(&app);
        let listed = match &app.view {
            crate::app::View::Quotes => app.quotes.as_ref().unwrap().rows.len(),
            _ => app.concordance.as_ref().unwrap().rows.len(),
        };
        let want = format!(" {listed} of {all}");
        assert!(
            (1..8).contains(&listed) && screen.contains(&want),
            "{view}: {want:?} in\n{screen}"
        );
    }
}

#[test]
fn the_passage_opened_from_the_quotes_is_underlined_in_the_reader() {
    let mut app = seeds_app(120, 30);
    select(&mut app, "Lavrov");
    press(&mut app, "\" enter");
    assert_eq!(app.view, crate::app::View::Panes);
    let t = draw(&app);
    let buf = t.backend().buffer();
    let reader = app.layout.reader.unwrap();
    let area = Rect::new(reader.x, reader.y, reader.w, reader.h);
    let (x, y) = find_in(buf, area, "real power").expect("the statement is on screen");
    assert!(
        buf[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::UNDERLINED),
        "the statement is underlined"
    );
}

#[test]
fn export_overlay_at_80x24_with_an_actor_selected() {
    let mut app = seeds_app(80, 24);
    select(&mut app, "Bortnikov");
    press(&mut app, "x j j tab");
    let t = draw(&app);
    let text = rows(t.backend().buffer()).join("\n");
    assert!(
        text.contains("the 8 mentions of Alexander Bortnikov"),
        "{text}"
    );
    assert!(
        text.contains("dossier-mentions-alexander-bortnikov-YYYYMMDD-HHMMSS.csv"),
        "{text}"
    );
    // The chosen line and format stand out from the rest.
    let buf = t.backend().buffer();
    let (mx, my) = find(buf, "Mentions").unwrap();
    let (ax, ay) = find(buf, "Actors ").unwrap();
    assert_ne!(buf[(mx, my)].style().bg, buf[(ax, ay)].style().bg);
    let (cx, cy) = find(buf, "CSV").unwrap();
    let (jx, jy) = find(buf, "JSON").unwrap();
    assert_ne!(buf[(cx, cy)].style().bg, buf[(jx, jy)].style().bg);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn export_overlay_at_120x40_without_an_actor() {
    let mut app = seeds_app(120, 40);
    press(&mut app, "x");
    let t = draw(&app);
    let text = rows(t.backend().buffer()).join("\n");
    assert!(text.contains("select an actor first"), "{text}");
    assert!(text.contains("the 5 listed articles"), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn the_export_box_names_the_folder_keeping_its_end() {
    let dir = format!("/home/analyst/{}corpora/russia-2024", "deep/".repeat(20));
    // With rows to spare the box grows to show the folder whole.
    let mut app = seeds_app(80, 24);
    app.export_dir = Some(dir.clone());
    press(&mut app, "x");
    let screen = screen_text(&app);
    assert!(!screen.contains("into …"), "nothing is cut:\n{screen}");
    assert!(screen.contains(" into /home/analyst/deep/"), "{screen}");
    assert!(
        screen.contains("deep/corpora/russia-2024 (time in UTC)."),
        "{screen}"
    );
    // Without them, the folder loses its start.
    let mut app = seeds_app(80, 13);
    app.export_dir = Some(dir);
    press(&mut app, "x");
    let screen = screen_text(&app);
    assert!(screen.contains(" into …"), "the start is cut:\n{screen}");
    assert!(
        screen.contains("deep/corpora/russia-2024 (time in UTC)."),
        "{screen}"
    );
}

#[test]
fn a_narrow_export_box_wraps_the_file_name_rather_than_cut_it() {
    let box_of = |h: u16| {
        let mut app = seeds_app(40, h);
        app.export_dir = Some("/home/analyst/work/corpora/russia-2024".into());
        press(&mut app, "x");
        screen_text(&app)
    };
    // Rows to spare: the sentence whole, a spacer given up for it.
    let tall = box_of(16);
    assert!(tall.contains("HHMMSS.md into /home/analyst/"), "{tall}");
    assert!(tall.contains("work/corpora/russia-2024 (time in"), "{tall}");
    // One row to spare: the file name whole, the folder cut at its start.
    let short = box_of(14);
    assert!(short.contains(" HHMMSS.md "), "{short}");
    assert!(
        short.contains("into …/russia-2024 (time in UTC)."),
        "{short}"
    );
    assert!(!short.contains("YYYYMMDD…"), "{short}");
}

#[test]
fn a_short_export_box_keeps_the_choices_and_the_format() {
    let mut app = seeds_app(30, 10);
    press(&mut app, "x");
    let screen = screen_text(&app);
    // Every format whole, its label given up for them.
    for row in [
        "Articles",
        "Actors",
        "Mentions",
        "[Markdown]",
        "CSV",
        "JSON",
    ] {
        assert!(screen.contains(row), "{row} is shown:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn export_overlay_renders_at_any_size() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (12, 4),
        (20, 6),
        (24, 6),
        (40, 12),
        (300, 90),
    ] {
        let mut app = seeds_app(120, 30);
        select(&mut app, "Taliban");
        press(&mut app, "x j j");
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| render(&app, f)).unwrap();
    }
}

/// The seeds with marks: article 1 read, 2 bookmarked, 3 bookmarked and
/// with a note, the rest unread.
fn marked_app(w: u16, h: u16) -> App {
    use crate::corpus::DocId;
    let mut app = seeds_app(w, h);
    // The user's first key makes the article shown at start theirs.
    press(&mut app, "j k");
    app.update(Action::ReadFor {
        doc: DocId(0),
        secs: 3,
    });
    press(&mut app, "j b j b a");
    for c in "ask Moscow desk".chars() {
        app.update(Action::NoteInput(c));
    }
    press(&mut app, "enter");
    // The next key clears the one-shot "Note saved".
    app.message = None;
    app
}

#[test]
fn the_list_shows_unread_bookmarked_and_noted_marks() {
    let app = marked_app(120, 40);
    let t = draw(&app);
    let screen = rows(t.backend().buffer());
    let list = list_rect(&app);
    // Row pairs: the title row carries the unread dot and the star, the
    // byline row the note sign.
    let title_row = |i: u16| &screen[usize::from(list.y + 1 + 2 * i)];
    let byline_row = |i: u16| &screen[usize::from(list.y + 2 + 2 * i)];
    // After the border and the selection bar.
    let marks = |s: &str| {
        s.chars()
            .skip(usize::from(list.x) + 2)
            .take(3)
            .collect::<String>()
    };
    assert_eq!(marks(title_row(0)), "   ", "read, no bookmark");
    assert_eq!(marks(title_row(1)), "•★ ", "unread, bookmarked");
    assert_eq!(marks(title_row(2)), "•★ ");
    assert_eq!(marks(byline_row(1)), "   ");
    assert_eq!(marks(byline_row(2)), " ✎ ", "noted");
    assert_eq!(marks(title_row(3)), "•  ");
    assert!(
        screen[usize::from(list.y)].contains("Articles (5) · 4 unread · 2★"),
        "{}",
        screen[usize::from(list.y)]
    );
    // The reader shows the open article's note under its title.
    let (_, y) = find(t.backend().buffer(), "✎ ask Moscow desk").unwrap();
    let (_, title_y) = find(t.backend().buffer(), "Taliban Not Terrorists").unwrap_or((0, y - 1));
    assert!(y > list.y && y <= title_y + 3);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn the_note_line_edits_in_the_status_bar() {
    let mut app = marked_app(100, 24);
    press(&mut app, "a");
    app.update(Action::NoteInput('!'));
    let mut t = draw(&app);
    let status = rows(t.backend().buffer()).pop().unwrap();
    assert!(status.starts_with("✎ note ask Moscow desk!"), "{status}");
    assert!(status.contains("Enter save"), "{status}");
    // The terminal cursor sits after the text typed.
    let at = t.get_cursor_position().unwrap();
    assert_eq!((at.x, at.y), (7 + 16, 23));
    insta::assert_snapshot!(t.backend());
    for (w, h) in [(0, 0), (1, 1), (20, 6)] {
        let mut small = app.clone();
        small.update(Action::Resize {
            width: w,
            height: h,
        });
        draw(&small);
    }
}

#[test]
fn a_new_note_line_names_its_article_until_typed_in() {
    let mut app = seeds_app(100, 24);
    press(&mut app, "j a");
    let status = status_row(&app);
    assert!(
        status.starts_with("✎ note on “Russia kickstarts process to remove Taliban"),
        "{status}"
    );
    // The first letter typed takes its place; the cursor starts there.
    assert_eq!(draw(&app).get_cursor_position().unwrap().x, 7);
    app.update(Action::NoteInput('x'));
    let status = status_row(&app);
    assert!(status.starts_with("✎ note x "), "{status}");
    assert!(!status.contains("on “"), "{status}");
}

#[test]
fn a_narrow_note_line_gives_the_hint_up_before_the_note() {
    let status = |w: u16, typed: &str| {
        let mut app = seeds_app(w, 12);
        press(&mut app, "j a");
        for c in typed.chars() {
            app.update(Action::NoteInput(c));
        }
        status_row(&app)
    };
    assert_eq!(status(24, ""), "✎ note on “Russia kick…”");
    assert_eq!(status(24, "call the desk"), "✎ note call the desk    ");
    // Wider, the hint keeps whole parts only.
    let s = status(80, "");
    assert!(s.ends_with(" Enter save · Esc cancel "), "{s}");
}

#[test]
fn a_narrow_view_cuts_its_empty_message_with_an_ellipsis() {
    let mut app = seeds_app(40, 12);
    select(&mut app, "Kabul");
    press(&mut app, "\"");
    let screen = screen_text(&app);
    assert!(
        screen.contains(" No statement is attributed to this a…┃"),
        "{screen}"
    );
}

#[test]
fn w_lists_a_problem_with_the_users_own_files_before_the_load_warnings() {
    // helper-38: a corrupt marks file was the 101st entry, below a
    // hundred load warnings, while the status line sent the user to `w`.
    use crate::corpus::{Corpus, LoadWarning, Problem};
    let mut corpus = Corpus::seeds();
    corpus.warnings = (1..=40)
        .map(|i| LoadWarning::new(format!("feed.jsonl:{i}"), Problem::MissingTitle))
        .collect();
    let lib = crate::library::Library::build(corpus, &crate::actors::Extraction::builtin());
    let mut app = App::new(std::sync::Arc::new(lib), 100, 24);
    app.update(Action::MarksLoaded {
        marks: std::sync::Arc::default(),
        warnings: vec!["marks/seeds.json: not a marks file; moved aside".into()],
        notes: Vec::new(),
    });
    press(&mut app, "w");
    let screen = screen_text(&app);
    let first = screen.lines().position(|l| l.contains("not a marks file"));
    let load = screen.lines().position(|l| l.contains("feed.jsonl:1"));
    assert!(first.is_some() && first < load, "{screen}");
}

#[test]
fn a_problem_with_the_saved_marks_is_said_and_listed_under_w() {
    let mut app = seeds_app(100, 24);
    app.update(Action::MarksLoaded {
        marks: std::sync::Arc::default(),
        warnings: vec![
            "/home/me/.local/share/dossier/marks/seeds.json: not a marks file (EOF while parsing \
             an object at line 2 column 0); moved aside to \
             /home/me/.local/share/dossier/marks/seeds.json.corrupt-1700000000000, starting \
             with no marks"
                .into(),
        ],
        notes: Vec::new(),
    });
    let t = draw(&app);
    let status = rows(t.backend().buffer()).pop().unwrap();
    assert!(
        status.starts_with(" A problem with the saved marks (w says which)"),
        "{status}"
    );
    press(&mut app, "j");
    let t = draw(&app);
    let status = rows(t.backend().buffer()).pop().unwrap();
    assert!(status.contains("1 warning about saved marks"), "{status}");
    press(&mut app, "w");
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn a_problem_with_the_past_queries_is_listed_as_one() {
    // helper-32: it was counted and listed under "saved marks".
    let mut app = seeds_app(120, 24);
    app.update(Action::QueriesLoaded(Err(
        "/data/dossier/queries.txt: cannot read the past queries (Not a directory)".into(),
    )));
    press(&mut app, "j");
    let status = rows(draw(&app).backend().buffer()).pop().unwrap();
    assert!(status.contains("1 warning about past queries"), "{status}");
    app.update(Action::MarksLoaded {
        marks: std::sync::Arc::default(),
        warnings: vec!["/data/dossier/marks/seeds.json: Not a directory".into()],
        notes: Vec::new(),
    });
    press(&mut app, "j");
    let status = rows(draw(&app).backend().buffer()).pop().unwrap();
    assert!(
        status.contains("2 warnings about past queries and saved marks"),
        "{status}"
    );
    press(&mut app, "w");
    let screen = screen_text(&app);
    let heading = |h: &str| {
        screen
            .lines()
            .any(|l| l.trim_matches(['│', '┃', ' ']).starts_with(h))
    };
    assert!(
        heading("past queries") && heading("saved marks"),
        "{screen}"
    );
}

#[test]
fn on_a_narrow_screen_the_hints_keep_tab_the_way_to_the_hidden_panes() {
    for w in [56, 59] {
        let app = seeds_app(w, 14);
        let l = &app.layout;
        let shown = [l.list, l.reader, l.actors].iter().flatten().count();
        assert_eq!(shown, 1, "one pane at {w}");
        let status = status_row(&app);
        assert!(status.contains("Tab pane"), "{w}: {status}");
    }
}

#[test]
fn a_narrow_view_hints_what_enter_does_before_the_filter() {
    // The views' Enter was the first hint to go, before the filter, which
    // acts on the panes behind.
    let mut app = seeds_app(46, 14);
    select(&mut app, "Bortnikov");
    press(&mut app, "m");
    let status = status_row(&app);
    assert!(status.contains("Enter read"), "{status}");
    assert!(!status.contains("filter"), "{status}");
}

/// The list narrowed by a filter and an actor, with a bookmark: the
/// longest title the list has, in a list `list_w` cells wide.
fn narrowed_app(w: u16, h: u16, list_w: u16) -> App {
    let mut app = seeds_app(w, h);
    app.settings.layout.list_width = crate::config::Width::Cells(list_w);
    app.update(Action::Resize {
        width: w,
        height: h,
    });
    press(&mut app, "b");
    type_filter(&mut app, "bort");
    press(&mut app, "enter");
    select(&mut app, "Bortnikov");
    press(&mut app, "tab tab");
    app.message = None;
    app
}

/// The list's title row, inside its corners.
fn list_title_row(app: &App, t: &Terminal<TestBackend>) -> String {
    let list = list_rect(app);
    rows(t.backend().buffer())[usize::from(list.y)]
        .chars()
        .skip(usize::from(list.x))
        .take(usize::from(list.width))
        .collect()
}

#[test]
fn a_narrow_list_keeps_its_counts_and_drops_whole_words() {
    let app = narrowed_app(80, 24, 26);
    let t = draw(&app);
    let title = list_title_row(&app, &t);
    assert!(title.contains(" 4/5 · 4 unread · 1★ "), "{title}");
    assert!(!title.contains("Articles"), "{title}");
    assert!(!title.contains('…'), "nothing is cut mid-word: {title}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_wide_list_shows_its_whole_title() {
    let app = narrowed_app(200, 30, 80);
    let t = draw(&app);
    let title = list_title_row(&app, &t);
    assert!(
        title.contains(" Articles 4/5 naming Alexander Bortnikov · filtered · 4 unread · 1★ "),
        "{title}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_narrow_help_shows_whole_descriptions() {
    // helper-21 at 30x8: "back t / before / the la".
    for screen_w in [26, 30, 40, 52, 80] {
        let mut app = seeds_app(screen_w, 14);
        press(&mut app, "?");
        let screen = screen_text(&app);
        let width = usize::from(crate::app::keymap::help_width(screen_w).saturating_sub(2));
        let mut seen = 0;
        for row in app.keymap.help_rows(width, app.pane_context()) {
            if let crate::app::keymap::HelpRow::Binding { text, .. } = row {
                // The first rows are on screen: each one whole.
                if seen < 5 {
                    assert!(
                        screen.contains(text.trim_end()),
                        "{screen_w}: {text:?} in\n{screen}"
                    );
                }
                seen += 1;
            }
        }
        assert!(seen > 5);
    }
}

/// The help overlay's rows as text, each led by a mark: `-` when the row
/// is drawn dim (its keys do nothing where the help was opened), `~` when
/// only some of its keys are, blank when it works.
fn help_marked(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    let dim = super::theme::Theme::default().dim().fg;
    let is_dim = |x: u16, y: u16| Some(buf[(x, y)].fg) == dim;
    let (tx, ty) = find(buf, "Keys · dimmed").expect("the help is open");
    let left = tx - 1;
    let right = (left..buf.area.width)
        .find(|&x| buf[(x, ty + 1)].symbol() == "┃")
        .unwrap();
    let keys_at = left + 2;
    let desc_at = keys_at + crate::app::keymap::HELP_KEYS_W as u16;
    let mut out = Vec::new();
    for y in ty + 1..buf.area.height {
        if buf[(left - 1, y)].symbol() != "┃" {
            break;
        }
        let text: String = (left..right).map(|x| buf[(x, y)].symbol()).collect();
        let shown = |xs: std::ops::Range<u16>| -> Vec<u16> {
            xs.filter(|&x| buf[(x, y)].symbol() != " ").collect()
        };
        let keys = shown(keys_at..desc_at);
        let cells = if keys.is_empty() {
            shown(desc_at..right)
        } else {
            keys
        };
        let dimmed = cells.iter().filter(|&&x| is_dim(x, y)).count();
        let mark = match dimmed {
            0 => ' ',
            n if n == cells.len() => '-',
            _ => '~',
        };
        out.push(format!("{mark}{}", text.trim_end()));
    }
    out
}

#[test]
fn the_help_dims_the_keys_that_do_nothing_in_the_concordance() {
    let mut app = seeds_app(110, 160);
    select(&mut app, "Bortnikov");
    press(&mut app, "m ?");
    let t = draw(&app);
    let rows = help_marked(&t);
    let row = |start: &str| {
        rows.iter()
            .find(|r| r[1..].trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no row {start}:\n{}", rows.join("\n")))
            .clone()
    };
    // The panes' keys: marks, focus, the reader's mention cursor.
    for dead in ["b ", "u ", "a ", "Tab ", "] ", "m "] {
        assert!(row(dead).starts_with('-'), "{}", row(dead));
    }
    // What works here: moving, leaving, the view's own keys, the help's.
    for live in ["j ↓", "q C-c", "o "] {
        assert!(row(live).starts_with(' '), "{}", row(live));
    }
    // `s` sorts here; the sidebar's `s` does not apply.
    let with = |text: &str| rows.iter().find(|r| r.contains(text)).unwrap().clone();
    assert!(with("by the word to the left").starts_with(' '));
    assert!(with("sort by mentions, by articles").starts_with('-'));
    assert!(row("Concordance (m) (here)").starts_with(' '));
    // Another view's Enter does not apply; the concordance's does.
    let enters: Vec<&String> = rows.iter().filter(|r| r.contains("Enter ")).collect();
    assert!(
        enters
            .iter()
            .any(|r| r.starts_with(' ') && r.contains("at this mention"))
    );
    assert!(
        enters
            .iter()
            .any(|r| r.starts_with('-') && r.contains("focus the reader"))
    );
    insta::assert_snapshot!(rows.join("\n"));
}

#[test]
fn the_help_from_the_list_dims_the_sidebar_keys_but_not_its_own() {
    let mut app = seeds_app(110, 160);
    press(&mut app, "?");
    let rows = help_marked(&draw(&app));
    let find_row = |s: &str| rows.iter().find(|r| r.contains(s)).unwrap().clone();
    assert!(find_row("hide this actor's kind").starts_with('-'));
    assert!(find_row("read the article (focus the reader)").starts_with(' '));
    assert!(find_row("bookmark the article in view").starts_with(' '));
    assert!(find_row("Article list (here)").starts_with(' '));
    // The filter line's keys work once / opens it, not in the list.
    assert!(find_row("keep the filter, go to the list").starts_with('-'));
    assert!(find_row("close the help").starts_with(' '));
}

#[test]
fn while_loading_the_list_counts_no_actors_and_then_counts_them() {
    use std::sync::Arc;

    use crate::app::action::Loaded;
    use crate::library::Library;
    let mut c = crate::corpus::Corpus::seeds();
    c.articles.truncate(3);
    let mut a = App::loading(Arc::new(Library::partial(c)), 120, 40);
    a.update(Action::LibraryLoaded(Loaded(Arc::new(Library::partial(
        crate::corpus::Corpus::seeds(),
    )))));
    let screen = screen_text(&a);
    assert!(screen.contains("Kremlin considers"), "{screen}");
    assert!(!screen.contains("0 actors"), "{screen}");
    a.update(Action::LibraryLoaded(Loaded(Arc::new(Library::seeds()))));
    let screen = screen_text(&a);
    let n = a.lib.actors.actor_count(crate::corpus::DocId(0));
    assert!(screen.contains(&format!(" {n} actors")), "{screen}");
}

#[test]
fn the_filter_line_while_loading_says_only_titles_are_searched_yet() {
    use std::sync::Arc;

    use crate::app::action::{LoadStage, LoadStatus};
    use crate::library::Library;
    let mut a = App::loading(
        Arc::new(Library::partial(crate::corpus::Corpus::seeds())),
        120,
        40,
    );
    a.update(Action::LoadProgress(LoadStatus {
        stage: LoadStage::Indexing,
        articles: 5,
        bytes: 20_000,
        fraction: Some(0.5),
        rate: 0.0,
        eta: None,
    }));
    type_filter(&mut a, "taliban");
    let status = status_row(&a);
    assert!(
        status.contains(" of 5 articles · titles only until loaded"),
        "{status}"
    );
    assert!(
        !status.contains("actors"),
        "no actor is known yet: {status}"
    );
}

#[test]
fn while_loading_a_message_keeps_the_bar_and_waiting_keys_are_not_hinted() {
    // helper-24: m during a load said actors come later, and the bar was
    // gone until the load ended; the hints offered keys that wait.
    use std::sync::Arc;

    use crate::app::action::{LoadStage, LoadStatus, Loaded};
    use crate::library::Library;
    let mut a = App::loading(
        Arc::new(Library::partial(crate::corpus::Corpus::seeds())),
        120,
        40,
    );
    a.update(Action::LibraryLoaded(Loaded(Arc::new(Library::partial(
        crate::corpus::Corpus::seeds(),
    )))));
    a.update(Action::LoadProgress(LoadStatus {
        stage: LoadStage::Indexing,
        articles: 5,
        bytes: 20_000,
        fraction: Some(0.5),
        rate: 0.0,
        eta: None,
    }));
    for pane in ["", "tab", "tab"] {
        press(&mut a, pane);
        let status = status_row(&a);
        for waiting in ["select", "mention", "timeline"] {
            assert!(!status.contains(waiting), "{waiting} waits: {status}");
        }
    }
    press(&mut a, "m");
    let status = status_row(&a);
    assert!(a.message.is_some());
    assert!(status.contains(a.message.as_deref().unwrap()), "{status}");
    assert!(
        status.starts_with(" Indexing ██████░░░░░░ 50% · "),
        "the bar stays, named: {status}"
    );
    if let Some(e) = a.update(Action::LibraryLoaded(Loaded(Arc::new(Library::seeds())))) {
        crate::app::testing::run(&mut a, e);
    }
    let status = status_row(&a);
    assert!(status.contains("timeline"), "loaded: {status}");
}

#[test]
fn a_page_up_in_the_warnings_goes_back_a_whole_screen() {
    use std::sync::Arc;

    use crate::library::Library;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    // Ten short warnings (lines 2-11, two rows each at 60x24), then tall
    // ones (four rows each).
    let mut lines = String::from("{\"title\": \"Fine\", \"body\": \"One good line.\"}\n");
    lines.push_str(&"{\"title\": \"t\"}\n".repeat(10));
    lines.push_str(&"{\"title\": [1,]}\n".repeat(20));
    std::fs::write(&path, lines).unwrap();
    let corpus = crate::corpus::Corpus::load_path(&path).unwrap();
    let lib = Library::build(corpus, &crate::actors::Extraction::builtin());
    let mut a = App::new(Arc::new(lib), 60, 24);
    press(&mut a, "w");
    let first_shown = |a: &App| -> String {
        let screen = rows(draw(a).backend().buffer()).join("\n");
        let at = screen.split("bad.jsonl:").nth(1).unwrap_or_default();
        at.chars().take_while(char::is_ascii_digit).collect()
    };
    press(&mut a, "pgdn");
    assert_eq!(first_shown(&a), "12", "a page down shows the tall ones");
    // Back up by the screenful above (the ten short ones), not by as many
    // warnings as the tall page holds.
    press(&mut a, "pgup");
    assert_eq!(first_shown(&a), "2");
}

#[test]
fn a_page_of_warnings_skips_none_of_them() {
    use std::sync::Arc;

    use crate::library::Library;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    let mut lines = String::from("{\"title\": \"Fine\", \"body\": \"One good line.\"}\n");
    for n in 2..=41 {
        // Problems of two lengths: at 60 columns one wraps, one does not.
        lines.push_str(&format!("{{\"title\": {}}}\n", "[1,".repeat(n % 7)));
    }
    std::fs::write(&path, lines).unwrap();
    let corpus = crate::corpus::Corpus::load_path(&path).unwrap();
    assert_eq!(corpus.warnings.len(), 40);
    let lib = Library::build(corpus, &crate::actors::Extraction::builtin());
    let mut a = App::new(Arc::new(lib), 60, 24);
    press(&mut a, "w");
    // The line numbers of the places on screen, page after page.
    let mut seen: Vec<usize> = Vec::new();
    for _ in 0..12 {
        let screen = screen_text(&a);
        seen.extend(screen.split("bad.jsonl:").skip(1).filter_map(|s| {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<usize>().ok()
        }));
        press(&mut a, "pgdn");
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen, (2..=41).collect::<Vec<_>>());
    // G shows the last screenful, full, not the last warning alone.
    press(&mut a, "g G");
    let screen = rows(draw(&a).backend().buffer());
    let places = screen.iter().filter(|l| l.contains("bad.jsonl:")).count();
    assert!(screen.iter().any(|l| l.contains("bad.jsonl:41")));
    assert!(places > 3, "{}", screen.join("\n"));
    press(&mut a, "j");
    let again = rows(draw(&a).backend().buffer());
    assert_eq!(again, screen, "j at the end stays");
}

#[test]
fn keys_wider_than_their_column_get_a_row_of_their_own() {
    // helper-24: at 24x8 the help read "S-Tabfocus the".
    let width = 18;
    let app = seeds_app(24, 8);
    let help = app.keymap.help_rows(width, app.pane_context());
    let at = help
        .iter()
        .position(|r| matches!(r, crate::app::keymap::HelpRow::Binding { keys, .. } if keys.first().is_some_and(|k| k.0 == "S-Tab")))
        .expect("S-Tab is in the help");
    assert!(
        matches!(
            &help[at],
            crate::app::keymap::HelpRow::Binding { text: "", .. }
        ),
        "{:?}",
        help[at]
    );
    assert!(
        matches!(&help[at + 1], crate::app::keymap::HelpRow::Binding { keys, text, .. } if keys.is_empty() && text.starts_with("focus")),
        "{:?}",
        help[at + 1]
    );
    let typed = crate::app::keymap::filter_help_rows(width);
    assert!(typed.contains(&("\"crocus hall\"", "")), "{typed:?}");
    let mut app = seeds_app(120, 40);
    press(&mut app, "?");
    app.update(Action::Resize {
        width: 24,
        height: 12,
    });
    let screen = screen_text(&app);
    assert!(screen.contains("┃  S-Tab "), "{screen}");
    assert!(!screen.contains("S-Tabfocus"), "{screen}");
}

#[test]
fn a_narrow_export_box_shows_the_chosen_format_whole() {
    // helper-24: at 24x8 the box ended "Format   [Markdow".
    let mut app = seeds_app(120, 40);
    press(&mut app, "x");
    app.update(Action::Resize {
        width: 24,
        height: 8,
    });
    let screen = screen_text(&app);
    assert!(screen.contains("[Markdown]"), "{screen}");
    // Too short for every choice: the chosen one stays, the farthest go.
    press(&mut app, "j j j j");
    let screen = screen_text(&app);
    assert!(screen.contains("▸ Statements"), "{screen}");
    assert!(!screen.contains("Articles  "), "{screen}");
    assert!(screen.contains("[Markdown]"), "{screen}");
    press(&mut app, "k k k k");
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    let screen = screen_text(&app);
    assert!(
        screen.contains("Format   [Markdown]  CSV   JSON"),
        "{screen}"
    );
}

#[test]
fn the_filtered_sidebar_says_whether_names_matched_or_articles() {
    // helper-30: "in matches" read as both "whose names match" (/kabul)
    // and "named in the matching articles" (/terror).
    let title_at = |width: u16, q: &str| {
        let mut app = seeds_app(width, 40);
        type_filter(&mut app, q);
        let screen = screen_text(&app);
        let top = screen.lines().next().unwrap().to_owned();
        top[top.find("Actors").expect("the sidebar's title")..].to_owned()
    };
    let title = |q: &str| title_at(200, q);
    assert!(
        title("bortnikov").starts_with("Actors 1/51 whose names match"),
        "{}",
        title("bortnikov")
    );
    // helper-32: a shorter title said "by name", as the name sort does,
    // over a list in order of mentions.
    for width in [120, 100] {
        let t = title_at(width, "bortnikov");
        assert!(
            t.contains("names match") && !t.contains("by name"),
            "{width}: {t}"
        );
    }
    let t = title("kickstarts");
    assert!(
        t.starts_with("Actors ") && t.contains(" in matching articles"),
        "{t}"
    );
}

#[test]
fn a_narrow_sidebar_gives_names_room_before_the_kind_and_articles() {
    // helper-30: at 24x8 the sidebar alone left names 6 cells ("Talib…").
    let mut app = seeds_app(24, 8);
    press(&mut app, "tab tab");
    let screen = screen_text(&app);
    assert!(screen.contains(" Taliban "), "{screen}");
    assert!(
        screen.contains("ment") && !screen.contains("kind"),
        "{screen}"
    );
    // Wide enough, every column is back.
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let screen = screen_text(&app);
    assert!(
        screen.contains("kind") && screen.contains("arts"),
        "{screen}"
    );
}
