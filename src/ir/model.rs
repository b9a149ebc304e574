//! Reads nothing: the IR's data types (module, callables, types' declarations, annotations),
//! built by `load/` and read by every backend.

use super::types::{FfiType, Type};

/// One UniFFI component (one crate's exported interface).
#[derive(Debug, Clone)]
pub struct Module {
    /// The namespace (module name in the generated code).
    pub namespace: String,
    /// The crate name; FFI symbols of the runtime (`ffi_<crate>_...`) use it.
    pub crate_name: String,
    /// The cdylib basename, without `lib` and extension (e.g. `basics`).
    pub cdylib: String,
    /// The crate's version from its `Cargo.toml` (library mode through `cargo metadata`), if
    /// known; a JS `package.json` carries it.
    pub crate_version: Option<String>,
    pub docstring: Option<String>,
    /// The UniFFI contract version the scaffolding must report.
    pub contract_version: u32,
    /// `ffi_<crate>_uniffi_contract_version`.
    pub contract_version_symbol: String,
    /// RustBuffer helper symbols.
    pub rustbuffer: RustBufferSymbols,
    pub functions: Vec<Callable>,
    pub objects: Vec<Object>,
    pub records: Vec<Record>,
    pub enums: Vec<Enum>,
    pub callback_interfaces: Vec<CallbackInterface>,
    pub custom_types: Vec<CustomType>,
    /// Every RustFuture FFI family this module uses, one per FFI return type, sorted.
    pub future_families: Vec<FutureFamily>,
    /// Every foreign-future result struct / completion callback pair the module's foreign
    /// async methods use, one per FFI symbol (not per return type: a handle and a `u64`
    /// share one), sorted by struct name.
    pub foreign_future_shapes: Vec<ForeignFutureShape>,
    /// Every type that appears anywhere, sorted and deduplicated (incl. nested ones).
    pub all_types: Vec<Type>,
    /// Types defined by another UniFFI component (crate) of the same library: the bindings
    /// import them from that component's generated module. Sorted by name.
    pub external_types: Vec<ExternalType>,
    /// API checksums to verify at load time: (checksum symbol, expected value).
    pub checksums: Vec<(String, u16)>,
}

/// A type this module uses but another component defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalType {
    /// The type as it appears in this module's signatures.
    pub ty: Type,
    /// The namespace (generated module name) that defines it.
    pub namespace: String,
    /// That component's crate name (its FFI symbols use it).
    pub crate_name: String,
    /// Whether its values hold object references (transitively, through the records and enums
    /// of every component): no derived equality then, and holders are `Disposable`.
    pub holds_objects: bool,
    /// Used as an error by some component of the library (its bindings name it as an error).
    pub is_error: bool,
}

#[derive(Debug, Clone)]
pub struct RustBufferSymbols {
    pub alloc: String,
    pub from_bytes: String,
    pub free: String,
    pub reserve: String,
}

/// What kind of thing a callable is; the owner is the object's Rust name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallableKind {
    Function,
    Constructor { object: String, primary: bool },
    Method { object: String },
    /// A method of a callback interface or foreign trait (called by Rust, implemented abroad).
    ForeignMethod { owner: String, index: usize },
}

/// A function, constructor or method, with everything needed to call it across the FFI.
#[derive(Debug, Clone)]
pub struct Callable {
    /// The Rust name (`fn_name`).
    pub name: String,
    pub kind: CallableKind,
    pub docstring: Option<String>,
    pub args: Vec<Arg>,
    /// The user-level return type (`None` for unit). Constructors return their object.
    pub ret: Option<Type>,
    /// The error type when the Rust signature returns `Result<_, E>`.
    pub throws: Option<Type>,
    /// The exported FFI symbol (`uniffi_<crate>_fn_func_<name>`, ...).
    pub ffi_symbol: String,
    /// FFI argument types in order, including the receiver handle for methods (first) but not
    /// the trailing `&mut RustCallStatus`.
    pub ffi_args: Vec<FfiType>,
    /// The FFI return type of the symbol (for async callables: the future handle).
    pub ffi_ret: Option<FfiType>,
    /// Whether the symbol takes a trailing `&mut RustCallStatus`.
    pub has_call_status: bool,
    /// `Some` when the Rust side is `async`.
    pub async_shape: Option<AsyncShape>,
    /// Thread-switch annotations from `[bindings.async]`.
    pub annotations: AsyncAnnotations,
}

impl Callable {
    pub fn is_async(&self) -> bool {
        self.async_shape.is_some()
    }

    /// For a stream's `next` method (`annotations.stream_next`): the item type `T` of its
    /// `Option<T>` return.
    pub fn stream_item(&self) -> Option<&Type> {
        match (&self.ret, self.annotations.stream_next) {
            (Some(Type::Optional(t)), true) => Some(t),
            _ => None,
        }
    }

    /// The name used in config annotations: `fn_name` or `Type.method_name`.
    pub fn config_name(&self) -> String {
        match &self.kind {
            CallableKind::Function => self.name.clone(),
            CallableKind::Constructor { object, .. } | CallableKind::Method { object } => {
                format!("{object}.{}", self.name)
            }
            CallableKind::ForeignMethod { owner, .. } => format!("{owner}.{}", self.name),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Arg {
    pub name: String,
    pub ty: Type,
    pub ffi_ty: FfiType,
    /// A default literal, already language-neutral (see [`Literal`]).
    pub default: Option<Literal>,
}

/// How an async callable is driven.
#[derive(Debug, Clone)]
pub enum AsyncShape {
    /// Foreign code drives a RustFuture: poll with a continuation, complete, free.
    RustFuture(FutureFamily),
    /// Rust awaits a foreign future: the foreign method receives a completion callback.
    ForeignFuture(ForeignFutureShape),
}

impl AsyncShape {
    pub fn rust_future(&self) -> Option<&FutureFamily> {
        match self {
            AsyncShape::RustFuture(f) => Some(f),
            AsyncShape::ForeignFuture(_) => None,
        }
    }
}

/// The RustFuture FFI family for one FFI return type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FutureFamily {
    /// Suffix naming the return type: `u32`, `rust_buffer`, `void`, ...
    pub suffix: String,
    /// FFI type that `complete` returns (`None` for void).
    pub ffi_ret: Option<FfiType>,
    pub poll: String,
    pub complete: String,
    pub cancel: String,
    pub free: String,
}

/// The foreign-future completion types for an async foreign method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignFutureShape {
    /// Name of the FFI struct that carries the result (`ForeignFutureResultU32`, ...).
    pub result_struct: String,
    /// Name of the completion callback type (`ForeignFutureCompleteU32`, ...).
    pub complete_callback: String,
    /// FFI type of the return value inside the result struct (`None` for void).
    pub ffi_ret: Option<FfiType>,
}

#[derive(Debug, Clone)]
pub struct Object {
    pub name: String,
    pub docstring: Option<String>,
    /// True for exported traits (`Arc<dyn Trait>`); `has_foreign` when foreign code may implement it.
    pub is_trait: bool,
    pub has_foreign: bool,
    pub constructors: Vec<Callable>,
    pub methods: Vec<Callable>,
    pub clone_symbol: String,
    pub free_symbol: String,
    /// For foreign-implementable traits: the vtable init symbol and the foreign methods.
    pub foreign: Option<ForeignImpl>,
    /// Trait methods exported from Rust (Display, Debug, Eq, Hash, Ord).
    pub trait_methods: TraitMethods,
    /// Exported traits this object implements (`#[uniffi::export] impl Trait for Object`).
    pub trait_impls: Vec<TraitImpl>,
    /// Thrown as an error by some function of any component of the library.
    pub is_error: bool,
}

impl Object {
    /// The method that makes this object a native async stream (`[bindings.async] streams`).
    pub fn stream_next(&self) -> Option<&Callable> {
        self.methods.iter().find(|m| m.annotations.stream_next)
    }
}

/// An exported trait an object implements.
#[derive(Debug, Clone)]
pub struct TraitImpl {
    /// An `Object { is_trait: true }` or a `CallbackInterface` type.
    pub ty: Type,
    /// Whether foreign code can implement the trait too (`with_foreign`, callback interfaces).
    pub has_foreign: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TraitMethods {
    pub display: Option<Callable>,
    pub debug: Option<Callable>,
    pub eq: Option<Callable>,
    pub ne: Option<Callable>,
    pub hash: Option<Callable>,
    pub cmp: Option<Callable>,
}

/// A callback interface or the foreign side of a foreign trait.
#[derive(Debug, Clone)]
pub struct ForeignImpl {
    /// `uniffi_<crate>_fn_init_callback_vtable_<name>`.
    pub init_symbol: String,
    /// The vtable struct name (`VTableCallbackInterface<Name>`).
    pub vtable_struct: String,
    pub methods: Vec<Callable>,
    pub dispatch: Dispatch,
}

impl ForeignImpl {
    /// The method through which Rust consumes a foreign native stream that implements this
    /// trait (`[bindings.async] streams` on a callback interface or `with_foreign` trait).
    pub fn stream_next(&self) -> Option<&Callable> {
        self.methods.iter().find(|m| m.annotations.stream_next)
    }
}

#[derive(Debug, Clone)]
pub struct CallbackInterface {
    pub name: String,
    pub docstring: Option<String>,
    pub foreign: ForeignImpl,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub name: String,
    pub docstring: Option<String>,
    pub fields: Vec<Field>,
    /// Methods exported on the record (`#[uniffi::export] impl Record`); the receiver is the
    /// record itself, lowered like any argument.
    pub methods: Vec<Callable>,
    /// Trait methods exported from Rust (Display, Debug, Eq, Hash, Ord); receiver: the value.
    pub trait_methods: TraitMethods,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    pub default: Option<Literal>,
    pub docstring: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub docstring: Option<String>,
    /// True when no variant has fields.
    pub is_flat: bool,
    /// True when used as the error type of some callable.
    pub is_error: bool,
    /// Flat errors cross the FFI as variant + message string (`flat_error`).
    pub is_flat_error: bool,
    pub non_exhaustive: bool,
    /// The `#[repr]` integer type, when the Rust enum declares one (upstream's
    /// `variant_discr_type`): bindings expose the discriminants as values of that type.
    pub discr_type: Option<Type>,
    /// Trait methods exported from Rust (Display, Debug, Eq, Hash, Ord); receiver: the value.
    pub trait_methods: TraitMethods,
    pub variants: Vec<Variant>,
    /// Methods exported on the enum; the receiver is the enum value, lowered like any argument.
    pub methods: Vec<Callable>,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub name: String,
    pub docstring: Option<String>,
    /// The explicit discriminant, as written in Rust, when one was given or implied.
    pub discriminant: Option<Literal>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub struct CustomType {
    pub name: String,
    pub docstring: Option<String>,
    pub builtin: Type,
}

/// A default or discriminant value, language-neutral.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    String(String),
    UInt(u64),
    Int(i64),
    Float(String),
    /// `None` for options.
    None,
    /// `[]` / `{}` for sequences and maps.
    EmptySequence,
    EmptySet,
    EmptyMap,
    /// `Default::default()` for the field's type.
    Default,
    /// An enum variant by name.
    Enum { enum_name: String, variant: String },
}

/// Thread-switch annotations of one callable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AsyncAnnotations {
    /// Blocking Rust call exposed as foreign async, run on a foreign worker pool.
    pub offload: bool,
    /// Async Rust call that also gets a blocking twin (`name_blocking` / `nameBlocking`).
    pub blocking: bool,
    /// Swift: Task cancellation reaches Rust (infallible calls become `async throws`); a
    /// no-op in the other languages.
    pub cancellable: bool,
    /// `[bindings.async] streams`: this async method (`&self`, no arguments, returning
    /// `Option<T>`) is its object's stream: each call yields the next item, `None` ends it.
    pub stream_next: bool,
}

/// Where a callback interface's / foreign trait's methods run when Rust calls them from a
/// Rust-owned thread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dispatch {
    /// On whatever thread Rust calls from (after the language's own runtime hand-off).
    #[default]
    Caller,
    /// On the language's main thread / event loop; inline when already there.
    Main,
}

impl Dispatch {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "caller" => Some(Dispatch::Caller),
            "main" => Some(Dispatch::Main),
            _ => None,
        }
    }

    pub fn is_main(self) -> bool {
        self == Dispatch::Main
    }
}
