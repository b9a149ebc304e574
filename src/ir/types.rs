//! Reads nothing: the IR's user-level types and FFI types, with the helpers every backend shares.

/// A user-level type, as the foreign API sees it. Names are Rust names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    F32,
    F64,
    Bool,
    String,
    Bytes,
    Timestamp,
    Duration,
    Optional(Box<Type>),
    Sequence(Box<Type>),
    /// `HashSet<T>`: on the wire exactly like a sequence; foreign code gets its set type.
    Set(Box<Type>),
    Map(Box<Type>, Box<Type>),
    Record(String),
    Enum(String),
    Object { name: String, is_trait: bool },
    CallbackInterface(String),
    Custom { name: String, builtin: Box<Type> },
}

impl Type {
    /// A stable identifier for the type, usable as part of a generated helper name:
    /// `U32`, `String`, `OptionalString`, `SequenceRecordPoint`, `MapStringI32`, ...
    pub fn canonical_name(&self) -> String {
        match self {
            Type::U8 => "U8".into(),
            Type::I8 => "I8".into(),
            Type::U16 => "U16".into(),
            Type::I16 => "I16".into(),
            Type::U32 => "U32".into(),
            Type::I32 => "I32".into(),
            Type::U64 => "U64".into(),
            Type::I64 => "I64".into(),
            Type::F32 => "F32".into(),
            Type::F64 => "F64".into(),
            Type::Bool => "Bool".into(),
            Type::String => "String".into(),
            Type::Bytes => "Bytes".into(),
            Type::Timestamp => "Timestamp".into(),
            Type::Duration => "Duration".into(),
            Type::Optional(t) => format!("Optional{}", t.canonical_name()),
            Type::Sequence(t) => format!("Sequence{}", t.canonical_name()),
            Type::Set(t) => format!("Set{}", t.canonical_name()),
            Type::Map(k, v) => format!("Map{}{}", k.canonical_name(), v.canonical_name()),
            Type::Record(n) => format!("Type{n}"),
            Type::Enum(n) => format!("Type{n}"),
            Type::Object { name, .. } => format!("Type{name}"),
            Type::CallbackInterface(n) => format!("Type{n}"),
            Type::Custom { name, .. } => format!("Type{name}"),
        }
    }

    /// The FFI type this type is lowered to.
    pub fn ffi_type(&self) -> FfiType {
        match self {
            Type::U8 => FfiType::U8,
            Type::I8 | Type::Bool => FfiType::I8,
            Type::U16 => FfiType::U16,
            Type::I16 => FfiType::I16,
            Type::U32 => FfiType::U32,
            Type::I32 => FfiType::I32,
            Type::U64 => FfiType::U64,
            Type::I64 => FfiType::I64,
            Type::F32 => FfiType::F32,
            Type::F64 => FfiType::F64,
            Type::Object { .. } | Type::CallbackInterface(_) => FfiType::Handle,
            Type::Custom { builtin, .. } => builtin.ffi_type(),
            _ => FfiType::RustBuffer,
        }
    }

    /// Types directly contained in this one (not recursive).
    pub fn children(&self) -> Vec<&Type> {
        match self {
            Type::Optional(t) | Type::Sequence(t) | Type::Set(t) => vec![t],
            Type::Map(k, v) => vec![k, v],
            Type::Custom { builtin, .. } => vec![builtin],
            _ => vec![],
        }
    }

    /// The name of the user-defined type, if this is one.
    pub fn user_name(&self) -> Option<&str> {
        match self {
            Type::Record(n)
            | Type::Enum(n)
            | Type::CallbackInterface(n)
            | Type::Object { name: n, .. }
            | Type::Custom { name: n, .. } => Some(n),
            _ => None,
        }
    }
}

/// A type at the C ABI level.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FfiType {
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    F32,
    F64,
    /// `RustBuffer { capacity: u64, len: u64, data: *mut u8 }`, passed by value.
    RustBuffer,
    /// `ForeignBytes { len: i32, data: *const u8 }`, passed by value.
    ForeignBytes,
    /// An opaque 64-bit handle (objects, futures, callback data).
    Handle,
    /// `RustCallStatus { code: i8, error_buf: RustBuffer }`.
    RustCallStatus,
    /// A function pointer of the named callback type.
    Callback(String),
    /// A struct of the named FFI struct type, by value.
    Struct(String),
    Reference(Box<FfiType>),
    MutReference(Box<FfiType>),
    VoidPointer,
}

impl FfiType {
    /// The suffix UniFFI uses in RustFuture symbol names for this return type.
    pub fn future_suffix(ret: Option<&FfiType>) -> String {
        match ret {
            None => "void".into(),
            Some(FfiType::U8) => "u8".into(),
            Some(FfiType::I8) => "i8".into(),
            Some(FfiType::U16) => "u16".into(),
            Some(FfiType::I16) => "i16".into(),
            Some(FfiType::U32) => "u32".into(),
            Some(FfiType::I32) => "i32".into(),
            Some(FfiType::U64) | Some(FfiType::Handle) => "u64".into(),
            Some(FfiType::I64) => "i64".into(),
            Some(FfiType::F32) => "f32".into(),
            Some(FfiType::F64) => "f64".into(),
            Some(_) => "rust_buffer".into(),
        }
    }

    /// A CamelCase name for the type, as UniFFI uses in FFI struct names
    /// (`ForeignFutureResultU32`, `ForeignFutureResultRustBuffer`, `...Void`).
    pub fn camel_name(ret: Option<&FfiType>) -> String {
        match ret {
            None => "Void".into(),
            Some(FfiType::U8) => "U8".into(),
            Some(FfiType::I8) => "I8".into(),
            Some(FfiType::U16) => "U16".into(),
            Some(FfiType::I16) => "I16".into(),
            Some(FfiType::U32) => "U32".into(),
            Some(FfiType::I32) => "I32".into(),
            Some(FfiType::U64) | Some(FfiType::Handle) => "U64".into(),
            Some(FfiType::I64) => "I64".into(),
            Some(FfiType::F32) => "F32".into(),
            Some(FfiType::F64) => "F64".into(),
            Some(_) => "RustBuffer".into(),
        }
    }
}
