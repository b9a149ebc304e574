//! Upstream UniFFI's own `uniffi-bindgen` CLI at the pinned version, built from crates.io, so
//! the benchmarks compare against bindings generated at bench time (nothing of it is committed).

fn main() {
    uniffi::uniffi_bindgen_main()
}
