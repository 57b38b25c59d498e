//! The README promises things; these tests keep it honest.

use dossier::app::keymap::{Context, Keymap};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn the_key_table_lists_every_binding_as_the_keymap_has_it() {
    let readme = readme();
    for (ctx, bindings) in Keymap::default().sections() {
        if ctx == Context::Help {
            continue;
        }
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{k}`")).collect();
            let row = format!("| {} |", keys.join(" "));
            let found = readme
                .lines()
                .any(|l| l.starts_with(&row) && l.contains(&format!("| {} |", b.help)));
            assert!(found, "README key table lacks {row} ... {}", b.help);
        }
    }
}

#[test]
fn the_two_setup_commands_are_there() {
    let readme = readme();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test "));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run runs the README test command"
    );
}
