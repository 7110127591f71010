#![no_main]
//! Fuzz target `code`: see `tests/fuzz/bodies.rs`.
#[path = "../../tests/fuzz/bodies.rs"]
mod bodies;
libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::run("code", data));
