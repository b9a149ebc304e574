//! Reads an IR module and the `[bindings.python]` config; produces `<namespace>.py`
//! (ctypes FFI, asyncio coroutines) by rendering `templates/python/`.

mod types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::config::LangConfig;
use crate::ir::{Callable, FfiType, Module, Type};
use crate::render::{renamed, OutputFile, Rendered, Support};

pub use types::PyType;

pub const SUPPORT: Support = Support {
    records: true,
    enums: true,
    objects: false,
    callback_interfaces: false,
    custom_types: false,
    bytes_and_time: false,
    collections: true,
    annotations: true,
};

#[derive(Template)]
#[template(path = "python/module.py", escape = "none")]
struct ModuleTemplate<'a> {
    m: &'a Module,
    cdylib: String,
    /// `(symbol, argtypes, restype)` for every FFI function used.
    ffi_decls: Vec<FfiDecl>,
    functions: Vec<PyCallable>,
    converters: Vec<PyType>,
    records: Vec<PyRecord>,
    enums: Vec<PyEnum>,
    exports: Vec<String>,
    /// Whether `import enum` is needed.
    needs_enum: bool,
}

pub struct FfiDecl {
    pub symbol: String,
    pub argtypes: String,
    pub restype: String,
}

/// A callable as the Python template renders it; every string precomputed.
pub struct PyCallable {
    pub name: String,
    pub docstring: Option<String>,
    pub is_async: bool,
    /// `offload`: a blocking Rust call exposed as `async def`, run in an executor.
    pub offload: bool,
    /// `blocking`: an async Rust call that also gets `<name>_blocking`.
    pub blocking: bool,
    /// `a, b`: the parameters forwarded by the offload wrapper.
    pub arg_names: String,
    /// `a: int, b: int = 3`
    pub params: String,
    /// `_UniffiConverterU32.lower(a), ...` (the FFI call's argument list)
    pub lowered_args: String,
    pub return_hint: String,
    /// The expression returning the lifted `raw` value, or `None` for unit.
    pub lift: Option<String>,
    /// Converter name for the declared error, or `None`.
    pub error: Option<String>,
    pub ffi_symbol: String,
    pub poll: String,
    pub complete: String,
    pub free: String,
}

pub struct PyRecord {
    pub name: String,
    pub docstring: Option<String>,
    pub converter: String,
    pub fields: Vec<PyField>,
}

pub struct PyField {
    pub name: String,
    pub hint: String,
    pub converter: String,
    pub default: Option<String>,
}

pub struct PyEnum {
    pub name: String,
    pub docstring: Option<String>,
    pub converter: String,
    /// A flat, non-error enum: rendered as `enum.Enum`.
    pub is_plain_flat: bool,
    pub is_error: bool,
    pub is_flat_error: bool,
    pub variants: Vec<PyVariant>,
}

pub struct PyVariant {
    pub name: String,
    pub docstring: Option<String>,
    /// 1-based index on the wire.
    pub index: usize,
    /// Value of `enum.Enum` members.
    pub value: String,
    pub fields: Vec<PyField>,
}

pub fn render(m: &Module, cfg: &LangConfig, _cfg_file: &Utf8Path) -> Result<Rendered> {
    let cdylib = cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone());
    let functions: Vec<PyCallable> = m.functions.iter().map(|f| callable(m, cfg, f)).collect();
    let records = m.records.iter().map(|r| PyRecord {
        name: class_name(cfg, &r.name),
        docstring: r.docstring.clone(),
        converter: PyType::of(&Type::Record(r.name.clone()), cfg).converter,
        fields: r.fields.iter().map(|f| field(cfg, f)).collect(),
    });
    let enums = m.enums.iter().map(|e| PyEnum {
        name: class_name(cfg, &e.name),
        docstring: e.docstring.clone(),
        converter: PyType::of(&Type::Enum(e.name.clone()), cfg).converter,
        is_plain_flat: e.is_flat && !e.is_error,
        is_error: e.is_error,
        is_flat_error: e.is_flat_error,
        variants: e
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| PyVariant {
                name: if e.is_flat && !e.is_error {
                    v.name.to_shouty_snake_case()
                } else {
                    v.name.to_upper_camel_case()
                },
                docstring: v.docstring.clone(),
                index: i + 1,
                value: v
                    .discriminant
                    .as_ref()
                    .map(types::literal)
                    .unwrap_or_else(|| (i + 1).to_string()),
                fields: v.fields.iter().map(|f| field(cfg, f)).collect(),
            })
            .collect(),
    });
    let records: Vec<PyRecord> = records.collect();
    let enums: Vec<PyEnum> = enums.collect();
    let mut exports: Vec<String> = functions.iter().map(|f| f.name.clone()).collect();
    exports.extend(records.iter().map(|r| r.name.clone()));
    exports.extend(enums.iter().map(|e| e.name.clone()));
    exports.extend(functions.iter().filter(|f| f.blocking).map(|f| format!("{}_blocking", f.name)));
    exports.extend(["InternalError".into(), "uniffi_set_offload_executor".into()]);
    exports.sort();
    let t = ModuleTemplate {
        needs_enum: enums.iter().any(|e| e.is_plain_flat),
        m,
        cdylib,
        ffi_decls: ffi_decls(m),
        functions,
        converters: m.all_types.iter().map(|t| PyType::of(t, cfg)).collect(),
        records,
        enums,
        exports,
    };
    let contents = t.render().context("rendering python/module.py")?;
    Ok(Rendered {
        files: vec![OutputFile { path: format!("{}.py", m.namespace).into(), contents }],
        warnings: Vec::new(),
    })
}

fn class_name(cfg: &LangConfig, rust: &str) -> String {
    renamed(cfg, rust, rust.to_upper_camel_case())
}

fn field(cfg: &LangConfig, f: &crate::ir::Field) -> PyField {
    let t = PyType::of(&f.ty, cfg);
    PyField {
        name: f.name.to_snake_case(),
        hint: t.hint,
        converter: t.converter,
        default: f.default.as_ref().map(types::literal),
    }
}

fn callable(m: &Module, cfg: &LangConfig, c: &Callable) -> PyCallable {
    let params = c
        .args
        .iter()
        .map(|a| {
            let t = PyType::of(&a.ty, cfg);
            match &a.default {
                Some(d) => format!("{}: {} = {}", a.name.to_snake_case(), t.hint, types::literal(d)),
                None => format!("{}: {}", a.name.to_snake_case(), t.hint),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let lowered_args = c
        .args
        .iter()
        .map(|a| format!("{}.lower({})", PyType::of(&a.ty, cfg).converter, a.name.to_snake_case()))
        .collect::<Vec<_>>()
        .join(", ");
    let ret = c.ret.as_ref().map(|t| PyType::of(t, cfg));
    let fam = c.async_shape.as_ref().and_then(|s| s.rust_future());
    let _ = m;
    PyCallable {
        name: renamed(cfg, &c.config_name(), c.name.to_snake_case()),
        docstring: c.docstring.clone(),
        is_async: c.is_async(),
        offload: c.annotations.offload,
        blocking: c.annotations.blocking,
        arg_names: c.args.iter().map(|a| a.name.to_snake_case()).collect::<Vec<_>>().join(", "),
        params,
        lowered_args,
        return_hint: ret.as_ref().map_or("None".into(), |t| t.hint.clone()),
        lift: ret.map(|t| {
            if t.lift_is_typed() {
                format!("{}.lift(raw)", t.converter)
            } else {
                format!("typing.cast(\"{}\", {}.lift(raw))", t.hint, t.converter)
            }
        }),
        error: c.throws.as_ref().map(|t| PyType::of(t, cfg).converter),
        ffi_symbol: c.ffi_symbol.clone(),
        poll: fam.map(|f| f.poll.clone()).unwrap_or_default(),
        complete: fam.map(|f| f.complete.clone()).unwrap_or_default(),
        free: fam.map(|f| f.free.clone()).unwrap_or_default(),
    }
}

/// ctypes declarations for every symbol the module calls.
fn ffi_decls(m: &Module) -> Vec<FfiDecl> {
    let mut out = Vec::new();
    let status = "ctypes.POINTER(_UniffiRustCallStatus)";
    for c in &m.functions {
        let mut args: Vec<String> = c.ffi_args.iter().map(ctype).collect();
        if c.has_call_status {
            args.push(status.into());
        }
        out.push(FfiDecl {
            symbol: c.ffi_symbol.clone(),
            argtypes: args.join(", "),
            restype: c.ffi_ret.as_ref().map_or("None".into(), ctype),
        });
    }
    for f in &m.future_families {
        let h = ctype(&FfiType::Handle);
        out.push(FfiDecl {
            symbol: f.poll.clone(),
            argtypes: format!("{h}, _UNIFFI_CONTINUATION_TYPE, {h}"),
            restype: "None".into(),
        });
        out.push(FfiDecl {
            symbol: f.complete.clone(),
            argtypes: format!("{h}, {status}"),
            restype: f.ffi_ret.as_ref().map_or("None".into(), ctype),
        });
        for sym in [&f.cancel, &f.free] {
            out.push(FfiDecl { symbol: sym.clone(), argtypes: h.clone(), restype: "None".into() });
        }
    }
    out
}

fn ctype(t: &FfiType) -> String {
    match t {
        FfiType::U8 => "ctypes.c_uint8".into(),
        FfiType::I8 => "ctypes.c_int8".into(),
        FfiType::U16 => "ctypes.c_uint16".into(),
        FfiType::I16 => "ctypes.c_int16".into(),
        FfiType::U32 => "ctypes.c_uint32".into(),
        FfiType::I32 => "ctypes.c_int32".into(),
        FfiType::U64 | FfiType::Handle => "ctypes.c_uint64".into(),
        FfiType::I64 => "ctypes.c_int64".into(),
        FfiType::F32 => "ctypes.c_float".into(),
        FfiType::F64 => "ctypes.c_double".into(),
        FfiType::RustBuffer => "_UniffiRustBuffer".into(),
        FfiType::ForeignBytes => "_UniffiForeignBytes".into(),
        FfiType::RustCallStatus => "_UniffiRustCallStatus".into(),
        FfiType::Callback(n) => format!("_Uniffi{n}"),
        FfiType::Struct(n) => format!("_Uniffi{n}"),
        FfiType::Reference(t) | FfiType::MutReference(t) => format!("ctypes.POINTER({})", ctype(t)),
        FfiType::VoidPointer => "ctypes.c_void_p".into(),
    }
}
