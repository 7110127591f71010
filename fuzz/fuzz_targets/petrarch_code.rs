#![no_main]
//! Fuzz target `petrarch_code`: see `tests/fuzz/bodies.rs`.
#[path = "../../tests/fuzz/bodies.rs"]
mod bodies;
libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::run("petrarch_code", data));
