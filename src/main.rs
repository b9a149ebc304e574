//! Reads the command line and runs [`uniffi_bindgen_async::cli`]; the only place that exits.

fn main() {
    if let Err(err) = uniffi_bindgen_async::cli::run(std::env::args_os()) {
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}
