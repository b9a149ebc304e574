//! Reads an IR module and the `[bindings.kotlin]` config; produces
//! `<package path>/<namespace>.kt` (JNA direct mapping, coroutines) by rendering
//! `templates/kotlin/`.

mod callable;
mod callback;
mod facts;
mod names;
mod traits;
mod object;
mod options;
mod types;

use anyhow::{Context, Result};
use askama::Template;
use camino::Utf8Path;
use heck::ToUpperCamelCase;

use crate::config::LangConfig;
use std::collections::BTreeSet;

use crate::ir::{Callable, Enum, FfiType, Field, ForeignImpl, Module, Record, Type};
use crate::backend::{Backend, OutputFile, Rendered};

pub use types::KtType;
use callable::{callable, family_object, KtCallable, Place};
use names::{constant, error_suffix, ident};
use types::{ffi_type, kdoc, literal, Names};

/// The Kotlin backend.
pub struct Kotlin;

impl Backend for Kotlin {
    fn render(&self, m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
        render(m, cfg, cfg_file)
    }
}

#[derive(Template)]
#[template(path = "kotlin/module.kt", escape = "none")]
struct ModuleTemplate<'a> {
    m: &'a Module,
    package: String,
    cdylib: String,
    doc: String,
    ffi_decls: Vec<FfiDecl>,
    /// `(symbol, expected)` for the checksum checks, the expected value as a Kotlin literal.
    checksums: Vec<(String, String)>,
    families: Vec<KtFamily>,
    converters: Vec<KtType>,
    /// Custom types, rendered as typealiases of their builtin type (upstream's default) or of
    /// the configured `type_name`.
    aliases: Vec<KtAlias>,
    /// `imports` of the `custom_types` config, and the external types.
    imports: Vec<String>,
    records: Vec<KtRecord>,
    enums: Vec<KtEnum>,
    functions: Vec<KtCallable>,
    objects: Vec<object::KtObject>,
    /// Callback interfaces and foreign traits: what Rust calls through vtables.
    foreigns: Vec<callback::KtForeign>,
    /// Some interface is implemented in Kotlin: render the handle map and foreign-call runtime.
    has_foreign: bool,
    /// Some foreign method is async: render the foreign-future runtime.
    has_foreign_futures: bool,
    result_structs: Vec<callback::KtResultStruct>,
    /// Some callable is `offload`ed: render `UniffiAsyncConfig` and import `withContext`.
    has_offload: bool,
    /// Some callable has a blocking twin: render the latch-based driver.
    has_blocking: bool,
    /// Some interface is `dispatch = "main"`: track the main thread's sync calls into Rust.
    has_main_dispatch: bool,
    /// `[bindings.kotlin] object_identity`: lifting a known handle returns the live wrapper.
    object_identity: bool,
    /// Some object, record or enum is `Disposable`: render the interface.
    has_disposable: bool,
    /// `kotlin_target_version` and the cleaner keys.
    opts: options::KtOptions,
}

pub struct KtAlias {
    pub doc: String,
    pub name: String,
    pub builtin: String,
}

/// One direct-mapped `external fun`.
pub struct FfiDecl {
    pub symbol: String,
    /// `arg0: Int, arg1: Int, uniffiStatus: Pointer`
    pub params: String,
    /// `: Int`, or empty for void.
    pub ret: String,
}

/// One RustFuture FFI family, rendered as an object implementing `UniffiRustFuture<F>`.
pub struct KtFamily {
    pub object: String,
    /// JVM type `complete` returns (`Unit` for void).
    pub ffi_ret: String,
    pub poll: String,
    pub complete: String,
    pub cancel: String,
    pub free: String,
}

pub struct KtRecord {
    pub name: String,
    /// Methods exported on the record, rendered and indented.
    pub methods: Vec<String>,
    /// Exported Rust trait impls: helpers and the overrides (`toString`, `equals`, ...).
    pub helpers: Vec<String>,
    pub overrides: Vec<String>,
    pub comparable: bool,
    /// Holds Rust objects: `Disposable`, `destroy()` destroying them.
    pub disposable: bool,
    /// `var` (upstream's default) or `val` with `generate_immutable_records`.
    pub keyword: &'static str,
    pub doc: String,
    pub converter: String,
    pub fields: Vec<KtField>,
}

pub struct KtField {
    pub name: String,
    pub doc: String,
    pub type_name: String,
    pub converter: String,
    /// ` = literal` or empty.
    pub default: String,
}

pub struct KtEnum {
    pub name: String,
    /// Methods exported on the enum, rendered and indented.
    pub methods: Vec<String>,
    /// Exported Rust trait impls: helpers, the overrides of the enum class (flat enums:
    /// `toString` only) and those repeated in each data-class variant.
    pub helpers: Vec<String>,
    pub overrides: Vec<String>,
    pub variant_overrides: Vec<String>,
    pub comparable: bool,
    /// Fieldless variants are plain `object`s (a `data object` may not override `equals`).
    pub object_keyword: &'static str,
    pub doc: String,
    pub converter: String,
    /// A flat, non-error enum: rendered as `enum class`.
    pub is_plain_flat: bool,
    pub is_error: bool,
    pub is_flat_error: bool,
    /// Holds Rust objects: `Disposable`, `destroy()` destroying them.
    pub disposable: bool,
    /// For flat enums whose discriminants are not just `0..n`: the Kotlin type of the
    /// `value` property (`ULong` / `Long`).
    pub value_type: Option<String>,
    pub variants: Vec<KtVariant>,
}

pub struct KtVariant {
    pub name: String,
    pub doc: String,
    /// 1-based index on the wire.
    pub index: usize,
    pub fields: Vec<KtField>,
    /// For non-flat error variants: the `message` template (`a=$a, b=$b`).
    pub message: String,
    /// The discriminant as a literal of `value_type`, when the enum has one.
    pub value: String,
    /// An error variant with a field named `message`: it overrides `Throwable.message` itself.
    pub message_field: bool,
}

fn render(m: &Module, cfg: &LangConfig, cfg_file: &Utf8Path) -> Result<Rendered> {
    let opts = options::options(cfg, cfg_file)?;
    let n = Names::new(m, cfg);
    facts::check_defaults(m, &n)?;
    let holders = facts::object_holders(m);
    let package = cfg.package_name.clone().unwrap_or_else(|| format!("uniffi.{}", m.namespace));
    let has_disposable = !m.objects.is_empty()
        || m.records.iter().any(|r| holders.contains(&r.name))
        || m.enums.iter().any(|e| holders.contains(&e.name));
    let t = ModuleTemplate {
        opts,
        has_disposable,
        m,
        cdylib: cfg.cdylib_name.clone().unwrap_or_else(|| m.cdylib.clone()),
        doc: kdoc(m.docstring.as_deref(), 0),
        ffi_decls: ffi_decls(m, &n),
        checksums: m.checksums.iter().map(|(s, v)| (s.clone(), v.to_string())).collect(),
        families: m.future_families.iter().map(family).collect(),
        converters: m.all_types.iter().map(|t| KtType::of(t, &n)).collect(),
        aliases: m
            .custom_types
            .iter()
            .filter_map(|c| {
                // With conversions but no `type_name`, the app's imports provide the type.
                let target = match cfg.custom_types.get(&c.name) {
                    Some(t) if types::custom_conversions(&n, &c.name).is_some() => t.type_name.clone()?,
                    _ => KtType::of(&c.builtin, &n).name,
                };
                Some(KtAlias { doc: kdoc(c.docstring.as_deref(), 0), name: n.class(&c.name), builtin: target })
            })
            .collect(),
        imports: {
            let mut all: BTreeSet<String> =
                cfg.custom_types.values().flat_map(|c| c.imports.iter().flatten()).cloned().collect();
            all.extend(n.external_imports());
            all.into_iter().collect()
        },
        records: m.records.iter().map(|r| record(&n, r, holders.contains(&r.name))).collect(),
        enums: m.enums.iter().map(|e| enumeration(&n, e, holders.contains(&e.name))).collect(),
        functions: m.functions.iter().map(|f| callable(&n, f, Place::Free)).collect(),
        objects: m.objects.iter().map(|o| object::object(&n, o)).collect(),
        foreigns: foreign_impls(m)
            .map(|(name, doc, f, ty)| {
                let mut k = callback::foreign(&n, name, doc, f, &ty);
                if matches!(ty, Type::Object { .. }) {
                    k.interface_decls.clear(); // traits get their interface from object.kt
                }
                k
            })
            .collect(),
        has_foreign: foreign_impls(m).next().is_some(),
        has_foreign_futures: foreign_impls(m).any(|(_, _, f, _)| f.methods.iter().any(|c| c.is_async())),
        result_structs: m.foreign_future_shapes.iter().map(callback::result_struct).collect(),
        has_offload: callables(m).any(|f| f.annotations.offload),
        has_blocking: callables(m).any(|f| f.annotations.blocking && f.is_async()),
        object_identity: cfg.object_identity == Some(true),
        has_main_dispatch: foreign_impls(m).any(|(_, _, f, _)| f.dispatch.is_main()),
        package: package.clone(),
    };
    let contents = t.render().context("rendering kotlin/module.kt")?;
    let path = format!("{}/{}.kt", package.replace('.', "/"), m.namespace);
    let warnings = cfg
        .custom_types
        .keys()
        .filter(|name| types::custom_conversions(&n, name).is_none())
        .map(|name| format!("kotlin: `custom_types.{name}` needs `lift` and `lower`; `{name}` is a typealias of its builtin type"))
        .collect();
    Ok(Rendered { files: vec![OutputFile { path: path.into(), contents }], warnings })
}

fn family(f: &crate::ir::FutureFamily) -> KtFamily {
    KtFamily {
        object: family_object(&f.suffix),
        ffi_ret: f.ffi_ret.as_ref().map_or("kotlin.Unit".into(), ffi_type),
        poll: f.poll.clone(),
        complete: f.complete.clone(),
        cancel: f.cancel.clone(),
        free: f.free.clone(),
    }
}

fn field(n: &Names, f: &Field, indent: usize) -> KtField {
    let t = KtType::of(&f.ty, n);
    KtField {
        name: ident(&f.name),
        doc: kdoc(f.docstring.as_deref(), indent),
        default: f.default.as_ref().map(|d| format!(" = {}", literal(d, &f.ty, n))).unwrap_or_default(),
        type_name: t.name,
        converter: t.converter,
    }
}

fn record(n: &Names, r: &Record, disposable: bool) -> KtRecord {
    let t = traits::traits(n, &r.trait_methods, true, 4);
    let t = if r.fields.is_empty() { traits::KtTraits::default() } else { t };
    KtRecord {
        methods: value_methods(n, &r.methods, true),
        overrides: t.overrides(&n.class(&r.name), true),
        comparable: t.has_cmp,
        helpers: t.helpers,
        name: n.class(&r.name),
        disposable,
        keyword: if n.cfg.generate_immutable_records == Some(true) && !n.cfg.mutable_records.contains(&r.name) {
            "val"
        } else {
            "var"
        },
        doc: kdoc(r.docstring.as_deref(), 0),
        converter: KtType::of(&Type::Record(r.name.clone()), n).converter,
        fields: r.fields.iter().map(|f| field(n, f, 4)).collect(),
    }
}

/// Methods exported on a record (`record`) or enum, as members of its class.
fn value_methods(n: &Names, methods: &[Callable], record: bool) -> Vec<String> {
    methods.iter().map(|c| callable::render_member(&callable(n, c, Place::ValueMethod { record }), 4)).collect()
}

fn enumeration(n: &Names, e: &Enum, disposable: bool) -> KtEnum {
    let plain_flat = e.is_flat && !e.is_error;
    // As upstream: a `value` property only for a `#[repr]` type, of that type.
    let value_type = e.discr_type.clone().filter(|_| plain_flat);
    let class = n.class(&e.name);
    let mut t = traits::traits(n, &e.trait_methods, true, 4);
    if plain_flat {
        // An `enum class` keeps its own equals/hashCode/compareTo (final): as upstream, only
        // Display/Debug are exported for flat enums.
        t = traits::KtTraits { helpers: t.helpers, to_string: t.to_string, ..Default::default() };
        if t.to_string.is_none() {
            t.helpers.clear();
        }
    }
    KtEnum {
        methods: value_methods(n, &e.methods, false),
        overrides: t.overrides(&class, true),
        variant_overrides: if plain_flat || e.is_error { Vec::new() } else { t.overrides(&class, false) },
        comparable: t.has_cmp,
        object_keyword: if t.overrides_any() { "object" } else { "data object" },
        helpers: t.helpers,
        name: n.class(&e.name),
        doc: kdoc(e.docstring.as_deref(), 0),
        converter: KtType::of(&Type::Enum(e.name.clone()), n).converter,
        is_plain_flat: plain_flat,
        is_error: e.is_error,
        is_flat_error: e.is_flat_error,
        disposable,
        value_type: value_type.as_ref().map(|t| KtType::of(t, n).name),
        variants: e
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mut fields: Vec<KtField> = v.fields.iter().map(|f| field(n, f, 8)).collect();
                // Tuple variants (`Label(String)`): upstream names the fields `v1`, `v2`, ...
                for (j, f) in fields.iter_mut().enumerate() {
                    if f.name.is_empty() || f.name.chars().all(|c| c.is_ascii_digit()) {
                        f.name = format!("v{}", j + 1);
                    }
                    // An error's `message` of type String overrides Throwable's; other
                    // members of Throwable cannot be redeclared.
                    let overrides = f.name == "message" && f.type_name == "kotlin.String";
                    if e.is_error && !overrides && names::THROWABLE_MEMBERS.contains(&f.name.as_str()) {
                        f.name.push('_');
                    }
                }
                let value = match (&value_type, &v.discriminant) {
                    (Some(t), Some(d)) => literal(d, t, n),
                    _ => String::new(),
                };
                let message = fields
                    .iter()
                    // `this.`: in the getter, a bare `field` would be its backing field.
                    .map(|f| format!("{0}=${{this.{1}}}", f.name.trim_matches('`'), f.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                KtVariant {
                    name: if plain_flat {
                        constant(&v.name)
                    } else if e.is_error {
                        names::variant_class(&error_suffix(&v.name.to_upper_camel_case()))
                    } else {
                        names::variant_class(&v.name)
                    },
                    doc: kdoc(v.docstring.as_deref(), 4),
                    index: i + 1,
                    message_field: e.is_error && fields.iter().any(|f| f.name == "message"),
                    fields,
                    message,
                    value,
                }
            })
            .collect(),
    }
}

/// Direct-mapped declarations for every symbol the module calls (runtime ones are in the
/// template).
fn ffi_decls(m: &Module, n: &Names) -> Vec<FfiDecl> {
    let status = "uniffiStatus: Pointer";
    let mut out = Vec::new();
    for c in callables(m) {
        let mut params: Vec<String> =
            c.ffi_args.iter().enumerate().map(|(i, t)| format!("arg{i}: {}", ffi_type(t))).collect();
        if c.has_call_status {
            params.push(status.into());
        }
        out.push(FfiDecl {
            symbol: c.ffi_symbol.clone(),
            params: params.join(", "),
            ret: ret_decl(c.ffi_ret.as_ref()),
        });
    }
    let handle = ffi_type(&FfiType::Handle);
    for (name, _, f, _) in foreign_impls(m) {
        out.push(FfiDecl {
            symbol: f.init_symbol.clone(),
            params: format!("vtable: UniffiVTable{}Struct", n.class(name)),
            ret: String::new(),
        });
    }
    for o in &m.objects {
        out.push(FfiDecl {
            symbol: o.clone_symbol.clone(),
            params: format!("handle: {handle}, {status}"),
            ret: format!(": {handle}"),
        });
        out.push(FfiDecl {
            symbol: o.free_symbol.clone(),
            params: format!("handle: {handle}, {status}"),
            ret: String::new(),
        });
    }
    for f in &m.future_families {
        out.push(FfiDecl {
            symbol: f.poll.clone(),
            params: format!(
                "handle: {handle}, callback: Pointer, callbackData: {handle}"
            ),
            ret: String::new(),
        });
        out.push(FfiDecl {
            symbol: f.complete.clone(),
            params: format!("handle: {handle}, {status}"),
            ret: ret_decl(f.ffi_ret.as_ref()),
        });
        for sym in [&f.cancel, &f.free] {
            out.push(FfiDecl {
                symbol: sym.clone(),
                params: format!("handle: {handle}"),
                ret: String::new(),
            });
        }
    }
    out
}

/// Every interface Kotlin may implement: `(Rust name, doc, vtable, type)`.
fn foreign_impls(m: &Module) -> impl Iterator<Item = (&str, Option<&str>, &ForeignImpl, Type)> {
    let callbacks = m.callback_interfaces.iter().map(|c| {
        (c.name.as_str(), c.docstring.as_deref(), &c.foreign, Type::CallbackInterface(c.name.clone()))
    });
    let traits = m.objects.iter().filter_map(|o| {
        let ty = Type::Object { name: o.name.clone(), is_trait: o.is_trait };
        o.foreign.as_ref().map(|f| (o.name.as_str(), o.docstring.as_deref(), f, ty))
    });
    callbacks.chain(traits)
}

/// Every callable the module calls into Rust: functions, constructors, methods, trait methods
/// (of objects, records and enums).
pub(super) fn callables(m: &Module) -> impl Iterator<Item = &Callable> {
    fn trait_fns(t: &crate::ir::TraitMethods) -> impl Iterator<Item = &Callable> {
        [&t.display, &t.debug, &t.eq, &t.ne, &t.hash, &t.cmp].into_iter().flatten()
    }
    m.functions
        .iter()
        .chain(m.objects.iter().flat_map(|o| {
            o.constructors.iter().chain(o.methods.iter()).chain(trait_fns(&o.trait_methods))
        }))
        .chain(m.records.iter().flat_map(|r| r.methods.iter().chain(trait_fns(&r.trait_methods))))
        .chain(m.enums.iter().flat_map(|e| e.methods.iter().chain(trait_fns(&e.trait_methods))))
}

fn ret_decl(t: Option<&FfiType>) -> String {
    t.map(|t| format!(": {}", ffi_type(t))).unwrap_or_default()
}
