{#- Rust trait methods (`tm`, a `PyTraits`) as dunder methods of an object, record or enum:
    `Display` -> `__str__`, `Debug` -> `__repr__`, `Eq` -> `__eq__`/`__ne__`, `Hash` ->
    `__hash__`, `Ord` -> the four comparisons. #}
{%- if let Some(t) = tm.display %}

    def __str__(self) -> _uniffi_str:
        """Rust's `Display`."""
{%- for (local, expr) in t.prelude %}
        {{ local }} = {{ expr }}
{%- endfor %}
        {{ t.raw_decl }} = _uniffi_call(None, _uniffi_lib.{{ t.ffi_symbol }}, {{ t.lowered_args }})
        return {{ t.lift.as_deref().unwrap_or("None") }}
{%- endif %}
{%- if let Some(t) = tm.debug %}

    def __repr__(self) -> _uniffi_str:
        """Rust's `Debug`."""
{%- for (local, expr) in t.prelude %}
        {{ local }} = {{ expr }}
{%- endfor %}
        {{ t.raw_decl }} = _uniffi_call(None, _uniffi_lib.{{ t.ffi_symbol }}, {{ t.lowered_args }})
        return {{ t.lift.as_deref().unwrap_or("None") }}
{%- endif %}
{%- if let Some(t) = tm.eq %}

    def __eq__(self, other: _uniffi_object) -> _uniffi_bool:
        """Rust's `PartialEq::eq`."""
        if not _uniffi_isinstance(other, {{ tm.owner }}):
            return _uniffi_NotImplemented
{%- for (local, expr) in t.prelude %}
        {{ local }} = {{ expr }}
{%- endfor %}
        {{ t.raw_decl }} = _uniffi_call(None, _uniffi_lib.{{ t.ffi_symbol }}, {{ t.lowered_args }})
        return {{ t.lift.as_deref().unwrap_or("None") }}
{%- endif %}
{%- if let Some(t) = tm.ne %}

    def __ne__(self, other: _uniffi_object) -> _uniffi_bool:
        """Rust's `PartialEq::ne`."""
        if not _uniffi_isinstance(other, {{ tm.owner }}):
            return _uniffi_NotImplemented
{%- for (local, expr) in t.prelude %}
        {{ local }} = {{ expr }}
{%- endfor %}
        {{ t.raw_decl }} = _uniffi_call(None, _uniffi_lib.{{ t.ffi_symbol }}, {{ t.lowered_args }})
        return {{ t.lift.as_deref().unwrap_or("None") }}
{%- endif %}
{%- if let Some(t) = tm.hash %}

    def __hash__(self) -> _uniffi_int:
        """Rust's `Hash`."""
{%- for (local, expr) in t.prelude %}
        {{ local }} = {{ expr }}
{%- endfor %}
        {{ t.raw_decl }} = _uniffi_call(None, _uniffi_lib.{{ t.ffi_symbol }}, {{ t.lowered_args }})
        return {{ t.lift.as_deref().unwrap_or("None") }}
{%- endif %}
{%- if let Some(t) = tm.cmp %}

    def _uniffi_cmp(self, other: {{ tm.owner }}) -> _uniffi_int:
        """Rust's `Ord::cmp`: negative, zero or positive."""
{%- for (local, expr) in t.prelude %}
        {{ local }} = {{ expr }}
{%- endfor %}
        {{ t.raw_decl }} = _uniffi_call(None, _uniffi_lib.{{ t.ffi_symbol }}, {{ t.lowered_args }})
        return {{ t.lift.as_deref().unwrap_or("None") }}
{%- for (dunder, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] %}

    def {{ dunder }}(self, other: _uniffi_object) -> _uniffi_bool:
        if not _uniffi_isinstance(other, {{ tm.owner }}):
            return _uniffi_NotImplemented
        return self._uniffi_cmp(other) {{ op }} 0
{%- endfor %}
{%- endif %}

