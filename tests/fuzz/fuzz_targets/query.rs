//! Arbitrary bytes as a query typed one character at a time into the
//! filter. See `checks.rs` for what must hold.

#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| checks::query(bytes));
