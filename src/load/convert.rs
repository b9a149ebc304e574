//! Reads a `uniffi_bindgen::ComponentInterface` and produces an [`ir::Module`] with every FFI
//! symbol, FFI type and async shape precomputed.

use std::collections::BTreeSet;

use anyhow::Result;
use uniffi_bindgen::interface::{
    self as ui, Argument, ComponentInterface, Method,
};
use uniffi_meta::Type as UType;

use super::ffi::{collect_families, collect_foreign_shapes, default_value, doc, family, ffi_ty, literal};
use crate::ir::{self, Callable, CallableKind, FfiType, Type};

pub fn module(ci: &ComponentInterface, cdylib: &str) -> Result<ir::Module> {
    let mut m = ir::Module {
        namespace: ci.namespace().to_owned(),
        crate_name: ci.crate_name().to_owned(),
        cdylib: cdylib.to_owned(),
        crate_version: None,
        docstring: ci.namespace_docstring().map(str::to_owned),
        contract_version: ci.uniffi_contract_version(),
        contract_version_symbol: ci.ffi_uniffi_contract_version().name().to_owned(),
        rustbuffer: ir::RustBufferSymbols {
            alloc: ci.ffi_rustbuffer_alloc().name().to_owned(),
            from_bytes: ci.ffi_rustbuffer_from_bytes().name().to_owned(),
            free: ci.ffi_rustbuffer_free().name().to_owned(),
            reserve: ci.ffi_rustbuffer_reserve().name().to_owned(),
        },
        functions: Vec::new(),
        objects: Vec::new(),
        records: Vec::new(),
        enums: Vec::new(),
        callback_interfaces: Vec::new(),
        custom_types: Vec::new(),
        future_families: Vec::new(),
        foreign_future_shapes: Vec::new(),
        all_types: Vec::new(),
        external_types: Vec::new(),
        checksums: ci.iter_checksums().collect(),
    };
    let cx = Cx { ci };
    for f in ci.function_definitions() {
        m.functions
            .push(cx.callable(f, f.name(), CallableKind::Function, f.ffi_func())?);
    }
    for o in ci.object_definitions() {
        m.objects.push(cx.object(o)?);
    }
    for r in ci.record_definitions() {
        refuse_constructors(r.name(), r.constructors())?;
        m.records.push(ir::Record {
            name: r.name().to_owned(),
            docstring: doc(r.docstring()),
            fields: r
                .fields()
                .iter()
                .map(|f| cx.field(f))
                .collect::<Result<_>>()?,
            methods: r
                .methods()
                .iter()
                .map(|m| cx.method(r.name(), m))
                .collect::<Result<_>>()?,
            trait_methods: cx.trait_methods(r.name(), r.uniffi_trait_methods())?,
        });
    }
    for e in ci.enum_definitions() {
        m.enums.push(cx.enum_(e)?);
    }
    for cb in ci.callback_interface_definitions() {
        m.callback_interfaces.push(ir::CallbackInterface {
            name: cb.name().to_owned(),
            docstring: doc(cb.docstring()),
            foreign: cx.foreign(
                cb.name(),
                cb.vtable_methods(),
                cb.ffi_init_callback().name(),
                cb.vtable_definition().name(),
            )?,
        });
    }
    for ty in ci.iter_local_types() {
        if let UType::Custom { name, builtin, .. } = ty {
            m.custom_types.push(ir::CustomType {
                name: name.clone(),
                docstring: ci
                    .get_custom_type_definition(name)
                    .and_then(|c| doc(c.docstring())),
                builtin: cx.ty(builtin)?,
            });
        }
    }
    m.custom_types.sort_by(|a, b| a.name.cmp(&b.name));
    m.future_families = collect_families(&m);
    m.foreign_future_shapes = collect_foreign_shapes(&m);
    m.all_types = collect_types(ci, &cx)?;
    for t in ci.iter_external_types() {
        let namespace = ci.namespace_for_type(t)?.to_owned();
        m.external_types.push(super::external::external_type(ci, t, cx.ty(t)?, namespace));
    }
    m.external_types.sort_by(|a, b| a.ty.cmp(&b.ty));
    Ok(m)
}

struct Cx<'a> {
    ci: &'a ComponentInterface,
}

impl Cx<'_> {
    fn ty(&self, t: &UType) -> Result<Type> {
        Ok(match t {
            UType::UInt8 => Type::U8,
            UType::Int8 => Type::I8,
            UType::UInt16 => Type::U16,
            UType::Int16 => Type::I16,
            UType::UInt32 => Type::U32,
            UType::Int32 => Type::I32,
            UType::UInt64 => Type::U64,
            UType::Int64 => Type::I64,
            UType::Float32 => Type::F32,
            UType::Float64 => Type::F64,
            UType::Boolean => Type::Bool,
            UType::String => Type::String,
            UType::Bytes => Type::Bytes,
            UType::Timestamp => Type::Timestamp,
            UType::Duration => Type::Duration,
            UType::Object { name, imp, .. } => Type::Object {
                name: name.clone(),
                is_trait: imp.is_trait_interface(),
            },
            UType::Record { name, .. } => Type::Record(name.clone()),
            UType::Enum { name, .. } => Type::Enum(name.clone()),
            UType::CallbackInterface { name, .. } => Type::CallbackInterface(name.clone()),
            UType::Box { inner_type } => self.ty(inner_type)?,
            UType::Optional { inner_type } => Type::Optional(Box::new(self.ty(inner_type)?)),
            UType::Sequence { inner_type } => Type::Sequence(Box::new(self.ty(inner_type)?)),
            UType::Map {
                key_type,
                value_type,
            } => Type::Map(Box::new(self.ty(key_type)?), Box::new(self.ty(value_type)?)),
            UType::Set { inner_type } => Type::Set(Box::new(self.ty(inner_type)?)),
            UType::Custom { name, builtin, .. } => Type::Custom {
                name: name.clone(),
                builtin: Box::new(self.ty(builtin)?),
            },
        })
    }

    fn callable(
        &self,
        c: &dyn ui::Callable,
        name: &str,
        kind: CallableKind,
        ffi: &ui::FfiFunction,
    ) -> Result<Callable> {
        let ret = match &kind {
            CallableKind::Constructor { .. } => c.self_type().or_else(|| c.return_type().cloned()),
            _ => c.return_type().cloned(),
        };
        let ret = ret.map(|t| self.ty(&t)).transpose()?;
        let async_shape = if c.is_async() {
            let ret_ffi = ret.as_ref().map(Type::ffi_type);
            Some(ir::AsyncShape::RustFuture(family(self.ci, ret_ffi)))
        } else {
            None
        };
        Ok(Callable {
            name: name.to_owned(),
            kind,
            docstring: doc(c.docstring()),
            args: c
                .arguments()
                .into_iter()
                .map(|a| self.arg(a))
                .collect::<Result<_>>()?,
            ret,
            throws: c.throws_type().map(|t| self.ty(t)).transpose()?,
            ffi_symbol: ffi.name().to_owned(),
            ffi_args: ffi.arguments().iter().map(|a| ffi_ty(&a.type_())).collect(),
            ffi_ret: ffi.return_type().map(ffi_ty),
            has_call_status: ffi.has_rust_call_status_arg(),
            async_shape,
            annotations: Default::default(),
        })
    }

    fn arg(&self, a: &Argument) -> Result<ir::Arg> {
        let ty = self.ty(&uniffi_meta::AsType::as_type(a))?;
        Ok(ir::Arg {
            name: a.name().to_owned(),
            ffi_ty: ty.ffi_type(),
            default: a.default_value().map(default_value),
            ty,
        })
    }

    fn field(&self, f: &ui::Field) -> Result<ir::Field> {
        Ok(ir::Field {
            name: f.name().to_owned(),
            ty: self.ty(&uniffi_meta::AsType::as_type(f))?,
            default: f.default_value().map(default_value),
            docstring: doc(f.docstring()),
        })
    }

    fn object(&self, o: &ui::Object) -> Result<ir::Object> {
        let name = o.name();
        let mut constructors = Vec::new();
        for c in o.constructors() {
            let kind = CallableKind::Constructor {
                object: name.to_owned(),
                primary: c.is_primary_constructor(),
            };
            constructors.push(self.callable(c, c.name(), kind, c.ffi_func())?);
        }
        let mut methods = Vec::new();
        for meth in o.methods() {
            methods.push(self.method(name, meth)?);
        }
        let trait_impls = o
            .trait_impls()
            .iter()
            .map(|t| {
                let has_foreign = match &t.trait_ty {
                    UType::Object { imp, .. } => imp.has_callback_interface(),
                    _ => true,
                };
                Ok(ir::TraitImpl {
                    ty: self.ty(&t.trait_ty)?,
                    has_foreign,
                })
            })
            .collect::<Result<_>>()?;
        let foreign = if o.has_callback_interface() {
            let vtable = o
                .vtable_definition()
                .map(|v| v.name().to_owned())
                .unwrap_or_default();
            Some(self.foreign(
                name,
                o.vtable_methods(),
                o.ffi_init_callback().name(),
                &vtable,
            )?)
        } else {
            None
        };
        Ok(ir::Object {
            name: name.to_owned(),
            docstring: doc(o.docstring()),
            is_trait: o.is_trait_interface(),
            has_foreign: o.has_callback_interface(),
            constructors,
            methods,
            clone_symbol: o.ffi_object_clone().name().to_owned(),
            free_symbol: o.ffi_object_free().name().to_owned(),
            foreign,
            trait_methods: self.trait_methods(name, o.uniffi_trait_methods())?,
            trait_impls,
            is_error: self.ci.is_name_used_as_error(name),
        })
    }

    /// The Rust trait impls (Display, Debug, Eq, Hash, Ord) exported for an object, record or enum.
    fn trait_methods(&self, owner: &str, t: ui::UniffiTraitMethods) -> Result<ir::TraitMethods> {
        let tm = |m: Option<Method>| m.map(|m| self.method(owner, &m)).transpose();
        Ok(ir::TraitMethods {
            display: tm(t.display_fmt)?,
            debug: tm(t.debug_fmt)?,
            eq: tm(t.eq_eq)?,
            ne: tm(t.eq_ne)?,
            hash: tm(t.hash_hash)?,
            cmp: tm(t.ord_cmp)?,
        })
    }

    fn method(&self, object: &str, m: &Method) -> Result<Callable> {
        let kind = CallableKind::Method {
            object: object.to_owned(),
        };
        self.callable(m, m.name(), kind, m.ffi_func())
    }

    fn foreign(
        &self,
        owner: &str,
        methods: Vec<(ui::FfiCallbackFunction, Method)>,
        init_symbol: &str,
        vtable: &str,
    ) -> Result<ir::ForeignImpl> {
        let mut out = Vec::new();
        for (index, (cb, m)) in methods.iter().enumerate() {
            let kind = CallableKind::ForeignMethod {
                owner: owner.to_owned(),
                index,
            };
            let mut c = self.callable(m, m.name(), kind, m.ffi_func())?;
            c.ffi_symbol = cb.name().to_owned();
            c.ffi_args = cb.arguments().iter().map(|a| ffi_ty(&a.type_())).collect();
            c.ffi_ret = None;
            c.has_call_status = cb.has_rust_call_status_arg();
            if m.is_async() {
                let ret_ffi = c.ret.as_ref().map(Type::ffi_type);
                let camel = FfiType::camel_name(ret_ffi.as_ref());
                c.async_shape = Some(ir::AsyncShape::ForeignFuture(ir::ForeignFutureShape {
                    result_struct: format!("ForeignFutureResult{camel}"),
                    complete_callback: format!("ForeignFutureComplete{camel}"),
                    ffi_ret: ret_ffi,
                }));
            }
            out.push(c);
        }
        Ok(ir::ForeignImpl {
            init_symbol: init_symbol.to_owned(),
            vtable_struct: vtable.to_owned(),
            methods: out,
            dispatch: ir::Dispatch::Caller,
        })
    }

    fn enum_(&self, e: &ui::Enum) -> Result<ir::Enum> {
        refuse_constructors(e.name(), e.constructors())?;
        let is_error = self.ci.is_name_used_as_error(e.name());
        let methods = e
            .methods()
            .iter()
            .map(|m| self.method(e.name(), m))
            .collect::<Result<_>>()?;
        let has_discr = e.variant_discr_type().is_some();
        let mut variants = Vec::new();
        for (i, v) in e.variants().iter().enumerate() {
            let discriminant = if has_discr || (e.is_flat() && !is_error) {
                Some(literal(&e.variant_discr(i)?))
            } else {
                None
            };
            variants.push(ir::Variant {
                name: v.name().to_owned(),
                docstring: doc(v.docstring()),
                discriminant,
                fields: v
                    .fields()
                    .iter()
                    .map(|f| self.field(f))
                    .collect::<Result<_>>()?,
            });
        }
        Ok(ir::Enum {
            name: e.name().to_owned(),
            docstring: doc(e.docstring()),
            is_flat: e.variants().iter().all(|v| v.fields().is_empty()),
            is_error,
            is_flat_error: is_error && e.is_flat(),
            non_exhaustive: e.is_non_exhaustive(),
            discr_type: e
                .variant_discr_type()
                .as_ref()
                .map(|t| self.ty(t))
                .transpose()?,
            trait_methods: self.trait_methods(e.name(), e.uniffi_trait_methods())?,
            variants,
            methods,
        })
    }
}

/// Constructors of records and enums (`#[uniffi::constructor]` in an exported impl of a record
/// or enum) are not rendered by any backend yet: refused by name rather than dropped.
fn refuse_constructors(
    owner: &str,
    constructors: &[uniffi_bindgen::interface::Constructor],
) -> Result<()> {
    if let Some(c) = constructors.first() {
        anyhow::bail!(
            "`{owner}::{}`: constructors of records and enums are not supported by uniffi-bindgen-async yet \
             (export it as a function returning `{owner}` instead)",
            c.name()
        );
    }
    Ok(())
}

fn collect_types(ci: &ComponentInterface, cx: &Cx) -> Result<Vec<Type>> {
    let mut set = BTreeSet::new();
    for t in ci.iter_local_types().chain(ci.iter_external_types()) {
        add_type(&mut set, cx.ty(t)?);
    }
    Ok(set.into_iter().collect())
}

fn add_type(set: &mut BTreeSet<Type>, t: Type) {
    for child in t.children() {
        add_type(set, child.clone());
    }
    set.insert(t);
}
