//! Reads nothing: defines the language-neutral IR that `load/` builds and every backend reads.
//!
//! Everything a template needs is precomputed here: Rust names, FFI symbols, FFI types, the
//! async shape of each callable and the thread-switch annotations from `[bindings.async]`.
//! Backends never see uniffi_bindgen types.

pub mod annotations;
pub mod exclude;
mod model;
pub mod rename;
mod types;

pub use model::*;
pub use types::{FfiType, Type};
