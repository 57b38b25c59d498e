//! Arbitrary bytes as one `.txt` article: loaded, wrapped and cut into
//! context. See `checks.rs` for what must hold.

#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::txt(bytes));
