//! The config file as a user writes it: the printed default, overlays, and
//! the errors a typo gets.

use super::*;
use crate::app::keymap::{Code, HelpRow};

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("/home/me/.config/dossier/config.toml"))
}

fn err(text: &str) -> ConfigError {
    parse(text).expect_err("the config is rejected")
}

#[test]
fn the_printed_default_is_exactly_the_compiled_in_defaults() {
    let c = parse(DEFAULT_TOML).unwrap();
    assert_eq!(c.settings, Settings::default());
    // Binding the default keys again changes nothing, not even their order
    // in the help.
    assert_eq!(c.keymap, Keymap::default());
    assert_eq!(c, Config::default());
}

#[test]
fn the_printed_default_binds_every_action_and_documents_every_colour() {
    let table: toml::Table = toml::from_str(DEFAULT_TOML).unwrap();
    let keys = table["keys"].as_table().unwrap();
    let bound: Vec<&str> = keys
        .values()
        .flat_map(|t| t.as_table().unwrap().values())
        .map(|v| v.as_str().unwrap())
        .collect();
    for (_, name) in Action::BINDABLE {
        assert!(
            bound.contains(&name),
            "the default config does not bind {name}"
        );
    }
    // The colour lines are commented out (so `theme` still decides), and
    // uncommented they are the dark theme.
    let uncommented: String = DEFAULT_TOML
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if Colors::NAMES
                    .iter()
                    .any(|n| rest.starts_with(&format!("{n} = "))) =>
            {
                rest
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let c = parse(&uncommented).unwrap();
    assert_eq!(c.settings.palette, Palette::DARK);
    for name in Colors::NAMES {
        assert!(
            uncommented.contains(&format!("\n{name} = ")),
            "the default config does not document colour {name}"
        );
    }
}

#[test]
fn the_printed_defaults_comments_say_what_the_help_says() {
    // helper-33: the comments on x and in [keys.export] still listed three
    // export choices of five, and t's said "of the selected actor".
    let km = Keymap::default();
    let helps = |action: &Action| -> Vec<&str> {
        km.sections()
            .into_iter()
            .flat_map(|(_, bs)| bs)
            .filter(|b| b.action == *action)
            .map(|b| b.help)
            .collect()
    };
    let mut comment: Vec<&str> = Vec::new();
    let mut checked = 0;
    for line in DEFAULT_TOML.lines() {
        if let Some(c) = line.strip_prefix("# ") {
            comment.push(c);
            continue;
        }
        let said = comment.join(" ");
        comment.clear();
        let Some((key, value)) = line.split_once(" = ") else {
            continue;
        };
        let name = value.trim_matches('"');
        let action = Action::BINDABLE.iter().find(|(_, n)| *n == name);
        if let (true, false, Some((action, _))) = (key.starts_with('"'), said.is_empty(), action) {
            let helps = helps(action);
            assert!(
                helps.contains(&said.as_str()),
                "{key} = {value}: the comment says {said:?}, the help {helps:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} comments read");
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("# just a comment\n").unwrap(), Config::default());
}

#[test]
fn a_user_file_changes_only_what_it_names() {
    let c = parse(
        r##"
theme = "light"
[ui]
mouse = false
[layout]
sidebar = "left"
list_width = "35%"
wrap_width = 72
[colors]
person = "#ff8800"
match = 220
border = "Light Blue"
"##,
    )
    .unwrap();
    let s = c.settings;
    assert!(!s.mouse);
    assert_eq!(s.layout.sidebar, Side::Left);
    assert_eq!(s.layout.list_width, Width::Percent(35));
    assert_eq!(s.layout.sidebar_width, Width::Auto);
    assert_eq!(s.layout.wrap_width, 72);
    assert!(!s.palette.mono);
    assert_eq!(s.palette.colors.person, Color::Rgb(0xff, 0x88, 0));
    assert_eq!(s.palette.colors.r#match, Color::Indexed(220));
    assert_eq!(s.palette.colors.border, Color::LightBlue);
    // Everything else is the light theme's.
    assert_eq!(s.palette.colors.organization, Colors::LIGHT.organization);
    assert_eq!(s.palette.colors.selection, Colors::LIGHT.selection);
    assert_eq!(c.keymap, Keymap::default());
}

#[test]
fn mono_is_a_theme_too() {
    assert!(parse("theme = \"mono\"").unwrap().settings.palette.mono);
}

#[test]
fn a_theme_of_the_wrong_type_or_name_says_which_themes_there_are() {
    // helper-34: `theme = 3` said only "wanted string or table".
    for bad in ["theme = 3", "theme = \"blue\"", "theme = true"] {
        let msg = err(bad).to_string();
        assert!(
            ["dark", "light", "mono"].iter().all(|t| msg.contains(t)),
            "{bad}: {msg}"
        );
    }
}

#[test]
fn a_misspelt_boolean_says_both_words() {
    // helper-38: `mouse = tru` said "expected `true`", as if `false`
    // were no value.
    for bad in ["tru", "fals", "\"yes\"", "1", "yes", "No", "on"] {
        let e = err(&format!("[ui]\nmouse = {bad}\n"));
        assert_eq!(e.line(), Some(2), "{bad}");
        let msg = e.to_string();
        assert!(msg.contains("`true` or `false`"), "{bad}: {msg}");
    }
}

#[test]
fn an_unknown_key_names_itself_the_file_and_the_line() {
    let e = err("theme = \"dark\"\n\n[layout]\nsidebar_widht = \"30%\"\n");
    assert_eq!(e.line(), Some(4));
    let msg = e.to_string();
    assert!(msg.contains("sidebar_widht"), "{msg}");
    assert!(
        msg.contains("/home/me/.config/dossier/config.toml, line 4"),
        "{msg}"
    );
    // The valid keys are listed, and the line is quoted.
    assert!(msg.contains("sidebar_width"), "{msg}");
    assert!(msg.contains("4 | sidebar_widht = \"30%\""), "{msg}");

    let e = err("colour = \"red\"\n");
    assert_eq!(e.line(), Some(1));
    assert!(e.to_string().contains("unknown field `colour`"), "{e}");

    let e = err("[keys.lists]\nj = \"down\"\n");
    assert_eq!(e.line(), Some(1));
    assert!(e.to_string().contains("`lists`"), "{e}");
}

#[test]
fn a_bad_colour_is_named_with_what_to_write() {
    let e = err("[colors]\nperson = \"yelow\"\n");
    assert_eq!(e.line(), Some(2));
    let msg = e.to_string();
    assert!(msg.contains("`yelow` is not a colour"), "{msg}");
    assert!(msg.contains("#rrggbb"), "{msg}");
    assert_eq!(err("[colors]\n\nkey = 256\n").line(), Some(3));
    assert_eq!(err("[colors]\nkey = \"#12345\"\n").line(), Some(2));
    assert_eq!(err("[colors]\ncolour_of_sky = \"blue\"\n").line(), Some(2));
}

#[test]
fn colours_are_names_hex_or_palette_numbers() {
    for (s, c) in [
        ("red", Color::Red),
        ("Light-Red", Color::LightRed),
        ("bright_blue", Color::LightBlue),
        ("grey", Color::Gray),
        ("dark gray", Color::DarkGray),
        ("default", Color::Reset),
        ("#0a0B0c", Color::Rgb(10, 11, 12)),
        ("17", Color::Indexed(17)),
    ] {
        assert_eq!(s.parse::<Color>(), Ok(c), "{s}");
    }
    for s in ["", "#12", "#gg0000", "256", "-1", "blurple"] {
        assert!(s.parse::<Color>().is_err(), "{s}");
    }
}

#[test]
fn widths_are_auto_percentages_or_cells() {
    let w = |v: &str| parse(&format!("[layout]\nlist_width = {v}\n"));
    assert_eq!(
        w("\"auto\"").unwrap().settings.layout.list_width,
        Width::Auto
    );
    assert_eq!(
        w("\"40%\"").unwrap().settings.layout.list_width,
        Width::Percent(40)
    );
    assert_eq!(
        w("44").unwrap().settings.layout.list_width,
        Width::Cells(44)
    );
    for bad in ["\"0%\"", "\"95%\"", "\"wide\"", "0", "-3", "true", "5000"] {
        let e = w(bad).expect_err(bad);
        assert_eq!(e.line(), Some(2), "{bad}: {e}");
    }
    // A number in quotes is text: the message says to drop them.
    let e = w("\"40\"").expect_err("quoted number");
    assert!(e.to_string().contains("write 40 without quotes"), "{e}");
    // The reader's wrap width is cells only, said in words, not serde's
    // "expected u16".
    for bad in ["-1", "\"wide\"", "70000"] {
        let e = err(&format!("[layout]\nwrap_width = {bad}\n"));
        assert_eq!(e.line(), Some(2), "{bad}: {e}");
        assert!(e.to_string().contains("is not a number of cells"), "{e}");
    }
    // A number, but one no text can be read at.
    for (bad, says) in [
        ("2", "too narrow"),
        ("19", "too narrow"),
        ("4000", "too wide"),
    ] {
        let e = err(&format!("[layout]\nwrap_width = {bad}\n"));
        assert_eq!(e.line(), Some(2), "{bad}: {e}");
        assert!(e.to_string().contains(says), "{bad}: {e}");
    }
    for fine in ["0", "20", "72", "1000"] {
        let c = parse(&format!("[layout]\nwrap_width = {fine}\n")).expect(fine);
        assert_eq!(c.settings.layout.wrap_width.to_string(), fine);
    }
}

#[test]
fn a_bad_key_or_action_names_the_line_and_the_fix() {
    let e = err("[keys.global]\n\"ctrl+n\" = \"down\"\n");
    assert_eq!(e.line(), Some(2));
    assert!(e.to_string().contains("`ctrl+n` is not a key"), "{e}");

    let e = err("[keys.list]\nj = \"down\"\nk = \"select_prev\"\n");
    assert_eq!(e.line(), Some(3));
    assert!(e.to_string().contains("`select_prev`"), "{e}");

    // A near miss gets a suggestion, anything else the list of actions.
    let e = err("[keys.list]\nJ = \"dwon\"\n");
    assert!(e.to_string().contains("did you mean `down`?"), "{e}");
    let e = err("[keys.list]\nJ = \"xyzzy\"\n");
    assert!(e.to_string().contains("focus_next"), "{e}");
    assert!(e.to_string().contains("\"none\""), "{e}");

    // An action that takes an argument is not bindable by name.
    assert!(parse("[keys.list]\nJ = \"filter_input\"\n").is_err());

    // The help and the export overlay take only their own actions: a key
    // bound there to anything else would be dead.
    let e = err("[keys.export]\nj = \"down\"\nenter = \"timeline\"\n");
    assert_eq!(e.line(), Some(3));
    assert!(
        e.to_string().contains("`timeline` does nothing in Export"),
        "{e}"
    );
    assert!(e.to_string().contains("activate"), "{e}");
    assert!(parse("[keys.help]\nctrl-h = \"help\"\n").is_ok());
    assert!(parse("[keys.help]\nn = \"next_mention\"\n").is_err());
}

#[test]
fn a_binding_that_breaks_typing_or_does_nothing_is_refused() {
    // j bound in the filter line would make "john" impossible to type.
    for table in ["filter", "note"] {
        let e = err(&format!("[keys.{table}]\nj = \"down\"\n"));
        assert_eq!(e.line(), Some(2), "{e}");
        assert!(e.to_string().contains("`j` types itself"), "{e}");
        assert!(e.to_string().contains("ctrl-j"), "{e}");
    }
    assert!(parse("[keys.filter]\n\"ctrl-j\" = \"filter_history_next\"\n").is_ok());
    // Keys of a view or a line bound where they act on nothing.
    for (table, action) in [
        ("list", "kwic_sort"),
        ("reader", "unfold"),
        ("actors", "filter_accept"),
        ("global", "note_clear"),
        ("filter", "timeline"),
    ] {
        let e = err(&format!("[keys.{table}]\nf3 = \"{action}\"\n"));
        assert!(
            e.to_string()
                .contains(&format!("`{action}` does nothing in")),
            "{e}"
        );
    }
    for (table, action) in [
        ("concordance", "kwic_sort"),
        ("global", "kwic_sort"),
        ("timeline", "fold"),
    ] {
        assert!(
            parse(&format!("[keys.{table}]\nX = \"{action}\"\n")).is_ok(),
            "{table} {action}"
        );
    }
    // Unbinding every quit key would leave no way out.
    let e = err("[keys.global]\nq = \"none\"\n\"ctrl-c\" = \"none\"\n");
    assert!(e.to_string().contains("no key is left to quit"), "{e}");
    assert!(
        parse("[keys.global]\nq = \"none\"\n").is_ok(),
        "ctrl-c still quits"
    );
    // Nor may a line, an overlay or a view keep no key that closes it
    // (helper-34: the filter line stayed open until Ctrl-C quit).
    let e = err("[keys.filter]\nesc = \"none\"\nenter = \"none\"\n");
    assert!(
        e.to_string().contains(
            "no key is left to close the filter line (/): keep one bound to \
             \"filter_accept\" or \"filter_cancel\", such as [keys.filter] esc"
        ),
        "{e}"
    );
    for (table, keys) in [
        ("note", &["esc", "enter"][..]),
        ("help", &["esc", "?", "q", "w"]),
        // (The global "?" closes the export box too.)
        ("export", &["esc", "x", "q", "?"]),
        ("timeline", &["esc"]),
    ] {
        let unbound: String = keys
            .iter()
            .map(|k| format!("\"{k}\" = \"none\"\n"))
            .collect();
        let e = err(&format!("[keys.{table}]\n{unbound}"));
        assert!(
            e.to_string().contains("no key is left to close"),
            "{table}: {e}"
        );
        // One key left is enough.
        let one: String = keys[1..]
            .iter()
            .map(|k| format!("\"{k}\" = \"none\"\n"))
            .collect();
        assert!(parse(&format!("[keys.{table}]\n{one}")).is_ok(), "{table}");
    }
    // The global Esc goes back in the views unless a view unbinds it.
    assert!(parse("[keys.global]\nesc = \"none\"\n").is_ok());
}

#[test]
fn a_binding_replaces_the_key_in_its_context_only() {
    let c = parse(
        r#"
[keys.list]
"ctrl-n" = "down"
"j" = "up"
[keys.actors]
"q" = "none"
"#,
    )
    .unwrap();
    let km = &c.keymap;
    assert_eq!(km.lookup(Key::ctrl('n'), Context::List), Some(Action::Down));
    assert_eq!(km.lookup(Key::char('j'), Context::List), Some(Action::Up));
    // The reader keeps the global j.
    assert_eq!(
        km.lookup(Key::char('j'), Context::Reader),
        Some(Action::Down)
    );
    assert_eq!(km.lookup(Key::ctrl('n'), Context::Reader), None);
    // "none" in a pane stops the global binding there, and only there.
    assert_eq!(km.lookup(Key::char('q'), Context::Actors), None);
    assert_eq!(km.lookup(Key::char('q'), Context::List), Some(Action::Quit));
}

#[test]
fn a_global_binding_moves_a_key_from_one_action_to_another() {
    let c = parse("[keys.global]\n\"n\" = \"down\"\n\"ctrl-n\" = \"next_mention\"\n").unwrap();
    let km = &c.keymap;
    assert_eq!(km.lookup(Key::char('n'), Context::List), Some(Action::Down));
    assert_eq!(
        km.lookup(Key::ctrl('n'), Context::Reader),
        Some(Action::NextMention)
    );
    // The status bar's hints name the key that now does it.
    assert_eq!(
        km.key_for(&Action::NextMention, Context::List),
        Some(Key::ctrl('n'))
    );
}

#[test]
fn unbinding_a_key_in_the_filter_line_lets_it_type() {
    let c = parse("[keys.filter]\n\"ctrl-u\" = \"none\"\n\"ctrl-k\" = \"filter_clear\"\n").unwrap();
    let km = &c.keymap;
    assert_eq!(km.lookup(Key::ctrl('u'), Context::Filter), None);
    assert_eq!(
        km.lookup(Key::ctrl('k'), Context::Filter),
        Some(Action::FilterClear)
    );
    assert_eq!(
        km.lookup(Key::char('x'), Context::Filter),
        Some(Action::FilterInput('x'))
    );
}

/// The help rows of `km` as (keys, text) pairs, the keys of wrapped rows
/// joined to their first.
fn help(km: &Keymap) -> Vec<(Context, String, String)> {
    let mut out: Vec<(Context, String, String)> = Vec::new();
    let mut ctx = Context::Global;
    for row in km.help_rows(200, Context::List) {
        match row {
            HelpRow::Heading(c) => ctx = c,
            HelpRow::Binding { keys, text, .. } if !keys.is_empty() => {
                let keys: Vec<String> = keys.into_iter().map(|k| k.0).collect();
                out.push((ctx, keys.join(" "), text.to_owned()));
            }
            HelpRow::Binding { text, .. } => {
                if let Some(last) = out.last_mut() {
                    last.2.push(' ');
                    last.2.push_str(text);
                }
            }
            HelpRow::Blank => {}
        }
    }
    out
}

#[test]
fn config_bindings_round_trip_into_the_help() {
    let c = parse(
        r#"
[keys.global]
"ctrl-n" = "next_mention"
[keys.reader]
"ctrl-t" = "timeline"
[keys.actors]
"h" = "none"
"#,
    )
    .unwrap();
    let rows = help(&c.keymap);
    // An added key joins the action's row.
    assert!(
        rows.iter().any(|(ctx, keys, text)| *ctx == Context::Global
            && keys == "n C-n"
            && text.starts_with("next mention of the selected actor")),
        "{rows:#?}"
    );
    // A new binding in a pane gets its own row there, with the action's help.
    assert!(
        rows.iter().any(|(ctx, keys, text)| *ctx == Context::Reader
            && keys == "C-t"
            && text.starts_with("timeline: dated events")),
        "{rows:#?}"
    );
    // An unbound key is gone from the help, with the row it was alone on.
    assert!(
        !rows
            .iter()
            .any(|(ctx, _, text)| *ctx == Context::Actors && text.starts_with("hide this actor")),
        "{rows:#?}"
    );
    // Nothing else changed.
    let before = help(&Keymap::default());
    assert_eq!(rows.len(), before.len());
}

#[test]
fn no_color_is_any_non_empty_value() {
    use std::ffi::OsStr;
    assert!(!no_color(None));
    assert!(!no_color(Some(OsStr::new(""))));
    assert!(no_color(Some(OsStr::new("1"))));
    assert!(no_color(Some(OsStr::new("0"))));
}

#[test]
fn loading_a_file_names_it_when_it_is_missing_or_broken() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let e = Config::load(Some(&missing)).unwrap_err();
    assert!(matches!(e, ConfigError::Unreadable { .. }));
    let msg = e.to_string();
    assert!(
        msg.contains("nope.toml") && msg.contains("--config"),
        "{msg}"
    );

    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[layout]\nsidebar = \"left\"\n").unwrap();
    let (c, read) = Config::load(Some(&file)).unwrap();
    assert_eq!(read.as_deref(), Some(file.as_path()));
    assert_eq!(c.settings.layout.sidebar, Side::Left);

    std::fs::write(&file, b"theme = \"dark\xff\"\n").unwrap();
    let e = Config::load(Some(&file)).unwrap_err();
    assert!(e.to_string().contains("UTF-8"), "{e}");

    // A folder is not a config file.
    let e = Config::load(Some(dir.path())).unwrap_err();
    assert!(matches!(e, ConfigError::Unreadable { .. }), "{e}");
    assert!(e.to_string().contains("a config is a file"), "{e}");
}

#[test]
fn the_default_place_is_dossiers_own_config_folder() {
    if let Some(p) = default_path() {
        assert!(p.ends_with("dossier/config.toml"), "{}", p.display());
    }
}

#[test]
fn keys_in_the_file_parse_like_the_keymap_s_own() {
    let c = parse("[keys.timeline]\n\"shift-tab\" = \"expand\"\n\"space\" = \"none\"\n").unwrap();
    assert_eq!(
        c.keymap
            .lookup(Key::plain(Code::BackTab), Context::Timeline),
        Some(Action::Expand)
    );
    assert_eq!(c.keymap.lookup(Key::char(' '), Context::Timeline), None);
}

#[test]
fn of_two_mistakes_the_first_in_the_file_is_named() {
    // helper-20: line 3 was named before line 2, the keys of a table
    // being read in alphabetical order.
    let e = err("[colors]\nperson = \"#zzzzzz\"\nmatch = 300\n");
    let ConfigError::Invalid { line, .. } = e else {
        panic!("{e:?}")
    };
    assert_eq!(line, Some(2));
}
