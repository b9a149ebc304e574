{#- Rust trait methods (`tm`, a `PyTraits`) as dunder methods of an object, record or enum:
    `Display` -> `__str__`, `Debug` -> `__repr__`, `Eq` -> `__eq__`/`__ne__`, `Hash` ->
    `__hash__`, `Ord` -> the four comparisons. Each is one method (`dunder`) whose body calls
    the Rust trait method `t` (a `PyCallable`); `__eq__`/`__ne__` first refuse another type.
    The file ends with an empty line: its newline is part of the includers' spacing. #}
{%- macro dunder(t, owner, name, params, hint, doc, other_guard) %}

    def {{ name }}({{ params }}) -> {{ hint }}:
        """{{ doc }}"""
{%- if other_guard %}
        if not _uniffi_isinstance(other, {{ owner }}):
            return _uniffi_NotImplemented
{%- endif %}
{%- for (local, expr) in t.prelude %}
        {{ local }} = {{ expr }}
{%- endfor %}
        {{ t.raw_decl }} = _uniffi_call(None, _uniffi_lib.{{ t.ffi_symbol }}, {{ t.lowered_args }})
        return {{ t.lift.as_deref().unwrap_or("None") }}
{%- endmacro %}
{%- if let Some(t) = tm.display %}
{%- call dunder(t, tm.owner, "__str__", "self", "_uniffi_str", "Rust's `Display`.", false) %}{% endcall %}
{%- endif %}
{%- if let Some(t) = tm.debug %}
{%- call dunder(t, tm.owner, "__repr__", "self", "_uniffi_str", "Rust's `Debug`.", false) %}{% endcall %}
{%- endif %}
{%- if let Some(t) = tm.eq %}
{%- call dunder(t, tm.owner, "__eq__", "self, other: _uniffi_object", "_uniffi_bool", "Rust's `PartialEq::eq`.", true) %}{% endcall %}
{%- endif %}
{%- if let Some(t) = tm.ne %}
{%- call dunder(t, tm.owner, "__ne__", "self, other: _uniffi_object", "_uniffi_bool", "Rust's `PartialEq::ne`.", true) %}{% endcall %}
{%- endif %}
{%- if let Some(t) = tm.hash %}
{%- call dunder(t, tm.owner, "__hash__", "self", "_uniffi_int", "Rust's `Hash`.", false) %}{% endcall %}
{%- endif %}
{%- if let Some(t) = tm.cmp %}
{%- call dunder(t, tm.owner, "_uniffi_cmp", format!("self, other: {}", tm.owner), "_uniffi_int", "Rust's `Ord::cmp`: negative, zero or positive.", false) %}{% endcall %}
{%- for (dunder, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] %}

    def {{ dunder }}(self, other: _uniffi_object) -> _uniffi_bool:
        if not _uniffi_isinstance(other, {{ tm.owner }}):
            return _uniffi_NotImplemented
        return self._uniffi_cmp(other) {{ op }} 0
{%- endfor %}
{%- endif %}

