//! Reads uniffi_bindgen's FFI types and literal metadata; produces the IR's FFI types, its
//! RustFuture families and foreign-future shapes (one per FFI symbol set), and literals.

use std::collections::BTreeMap;

use uniffi_bindgen::interface::{ComponentInterface, FfiType as UFfi};
use uniffi_meta::{DefaultValueMetadata, LiteralMetadata};

use crate::ir::{self, FfiType};

pub(super) fn family(ci: &ComponentInterface, ret: Option<FfiType>) -> ir::FutureFamily {
    let u = ret.as_ref().map(to_uffi);
    ir::FutureFamily {
        suffix: FfiType::future_suffix(ret.as_ref()),
        poll: ci.ffi_rust_future_poll(u.clone()).name().to_owned(),
        complete: ci.ffi_rust_future_complete(u.clone()).name().to_owned(),
        cancel: ci.ffi_rust_future_cancel(u.clone()).name().to_owned(),
        free: ci.ffi_rust_future_free(u).name().to_owned(),
        ffi_ret: ret,
    }
}

pub(super) fn collect_families(m: &ir::Module) -> Vec<ir::FutureFamily> {
    let all = m
        .functions
        .iter()
        .chain(
            m.objects
                .iter()
                .flat_map(|o| o.constructors.iter().chain(o.methods.iter())),
        )
        .chain(m.records.iter().flat_map(|r| r.methods.iter()))
        .chain(m.enums.iter().flat_map(|e| e.methods.iter()));
    // Keyed by the FFI symbols, not the whole struct: two FFI return types can share one
    // family (an object handle and a `u64` both use the `u64` functions), and each family's
    // functions must be declared exactly once.
    let mut by_symbol: BTreeMap<String, ir::FutureFamily> = BTreeMap::new();
    for f in all.filter_map(|c| c.async_shape.as_ref()?.rust_future()) {
        by_symbol.entry(f.poll.clone()).or_insert_with(|| f.clone());
    }
    by_symbol.into_values().collect()
}

pub(super) fn collect_foreign_shapes(m: &ir::Module) -> Vec<ir::ForeignFutureShape> {
    let impls = m
        .callback_interfaces
        .iter()
        .map(|c| &c.foreign)
        .chain(m.objects.iter().filter_map(|o| o.foreign.as_ref()));
    let mut by_symbol: BTreeMap<String, ir::ForeignFutureShape> = BTreeMap::new();
    for c in impls.flat_map(|f| f.methods.iter()) {
        if let Some(ir::AsyncShape::ForeignFuture(s)) = &c.async_shape {
            by_symbol
                .entry(s.result_struct.clone())
                .or_insert_with(|| s.clone());
        }
    }
    by_symbol.into_values().collect()
}

pub(super) fn ffi_ty(t: &UFfi) -> FfiType {
    match t {
        UFfi::UInt8 => FfiType::U8,
        UFfi::Int8 => FfiType::I8,
        UFfi::UInt16 => FfiType::U16,
        UFfi::Int16 => FfiType::I16,
        UFfi::UInt32 => FfiType::U32,
        UFfi::Int32 => FfiType::I32,
        UFfi::UInt64 => FfiType::U64,
        UFfi::Int64 => FfiType::I64,
        UFfi::Float32 => FfiType::F32,
        UFfi::Float64 => FfiType::F64,
        UFfi::RustBuffer(_) => FfiType::RustBuffer,
        UFfi::ForeignBytes => FfiType::ForeignBytes,
        UFfi::Callback(n) => FfiType::Callback(n.clone()),
        UFfi::Struct(n) => FfiType::Struct(n.clone()),
        UFfi::Handle => FfiType::Handle,
        UFfi::RustCallStatus => FfiType::RustCallStatus,
        UFfi::Reference(t) => FfiType::Reference(Box::new(ffi_ty(t))),
        UFfi::MutReference(t) => FfiType::MutReference(Box::new(ffi_ty(t))),
        UFfi::VoidPointer => FfiType::VoidPointer,
    }
}

pub(super) fn to_uffi(t: &FfiType) -> UFfi {
    match t {
        FfiType::U8 => UFfi::UInt8,
        FfiType::I8 => UFfi::Int8,
        FfiType::U16 => UFfi::UInt16,
        FfiType::I16 => UFfi::Int16,
        FfiType::U32 => UFfi::UInt32,
        FfiType::I32 => UFfi::Int32,
        FfiType::U64 => UFfi::UInt64,
        FfiType::I64 => UFfi::Int64,
        FfiType::F32 => UFfi::Float32,
        FfiType::F64 => UFfi::Float64,
        FfiType::Handle => UFfi::Handle,
        _ => UFfi::RustBuffer(None),
    }
}

pub(super) fn default_value(d: &DefaultValueMetadata) -> ir::Literal {
    match d {
        DefaultValueMetadata::Default => ir::Literal::Default,
        DefaultValueMetadata::Literal(l) => literal(l),
    }
}

pub(super) fn literal(l: &LiteralMetadata) -> ir::Literal {
    match l {
        LiteralMetadata::Boolean(b) => ir::Literal::Bool(*b),
        LiteralMetadata::String(s) => ir::Literal::String(s.clone()),
        LiteralMetadata::UInt(v, _, _) => ir::Literal::UInt(*v),
        LiteralMetadata::Int(v, _, _) => ir::Literal::Int(*v),
        LiteralMetadata::Float(s, _) => ir::Literal::Float(s.clone()),
        LiteralMetadata::Enum(variant, t) => ir::Literal::Enum {
            enum_name: t.name().unwrap_or_default().to_owned(),
            variant: variant.clone(),
        },
        LiteralMetadata::EmptySequence => ir::Literal::EmptySequence,
        LiteralMetadata::EmptySet => ir::Literal::EmptySet,
        LiteralMetadata::EmptyMap => ir::Literal::EmptyMap,
        LiteralMetadata::None => ir::Literal::None,
        LiteralMetadata::Some { inner } => default_value(inner),
    }
}

pub(super) fn doc(d: Option<&str>) -> Option<String> {
    d.map(str::to_owned)
}
