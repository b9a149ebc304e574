//! Reads the command line and runs [`uniffi_bindgen_async::uniffi_bindgen_main`].

fn main() -> std::process::ExitCode {
    uniffi_bindgen_async::uniffi_bindgen_main()
}
