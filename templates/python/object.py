{#- An object: its protocol (or, for traits Python can implement, the base class Python
    implementations subclass), the class wrapping Rust handles (constructors, methods, Rust
    trait methods as dunder methods; freeing and identity live in `_UniffiObject`, handles.py),
    its converter, and for traits Python can implement the vtable (callback.py). #}
{%- import "stream.py" as stream %}

class {{ o.protocol }}{% if !o.protocol_base.is_empty() %}({{ o.protocol_base }}){% endif %}:
{%- if let Some(doc) = o.docstring %}
    {{ doc }}
{%- endif %}
{%- if let Some(cb) = o.foreign %}
{%- for f in cb.protocol_methods %}

    {% if f.is_async %}async {% endif %}def {{ f.name }}({{ f.params }}) -> {{ f.return_hint }}:
{%- if let Some(doc) = f.docstring %}
        {{ doc|indent(4) }}
{%- endif %}
        raise _uniffi_NotImplementedError
{%- endfor %}
{%- else %}
{%- for f in o.protocol_methods %}

    {% if f.is_async || f.offload %}async {% endif %}def {{ f.name }}({{ f.params }}) -> {{ f.return_hint }}:
        raise _uniffi_NotImplementedError
{%- if f.blocking %}

    def {{ f.name }}_blocking({{ f.params }}) -> {{ f.return_hint }}:
        raise _uniffi_NotImplementedError
{%- endif %}
{%- endfor %}
{%- if o.protocol_methods.is_empty() && o.docstring.is_none() %}
    pass
{%- endif %}
{%- endif %}


class {{ o.name }}({{ o.bases }}):
{%- if let Some(doc) = o.docstring %}
    {{ doc }}
{%- endif %}

    _uniffi_free = _uniffi_lib.{{ o.free_symbol }}
    _uniffi_clone = _uniffi_lib.{{ o.clone_symbol }}
{%- if let Some(f) = o.primary %}

    def __init__({{ f.params }}) -> None:
{%- if let Some(doc) = f.docstring %}
        {{ doc|indent(4) }}
{%- endif %}
{%- for (arg, fresh) in f.fresh_defaults %}
        if _uniffi_isinstance({{ arg }}, _UniffiDefaultType):
            {{ arg }} = {{ fresh }}
{%- endfor %}
        _uniffi_raw = _uniffi_call({{ f.error.as_deref().unwrap_or("None") }}, _uniffi_lib.{{ f.ffi_symbol }}{% if !f.lowered_args.is_empty() %}, {% endif %}{{ f.lowered_args }})
        self._uniffi_attach(_uniffi_raw)
{%- else %}

    def __init__(self, *args: {{ mods.typing }}.Any, **kwargs: {{ mods.typing }}.Any) -> None:
        raise _uniffi_ValueError("{{ o.name }} has no primary constructor")
{%- endif %}
{%- for f in o.constructors %}
{% filter indent(4) %}{% include "function.py" %}{% endfilter %}
{%- endfor %}
{%- for f in o.methods %}
{% filter indent(4) %}{% include "function.py" %}{% endfilter %}
{%- endfor %}
{%- if let Some(s) = o.stream %}
{%- call stream::members(s) %}{% endcall %}
{%- endif %}
{%- let tm = o.traits %}
{%- include "traits.py" %}

class {{ o.converter }}:
    @_uniffi_staticmethod
    def lift(handle: _uniffi_int) -> {{ o.hint }}:
{%- if o.foreign.is_some() %}
        if handle & 1:
            # An odd handle: a Python implementation Rust hands back.
            return _uniffi_typing.cast("{{ o.hint }}", _uniffi_take_lent(handle))
{%- endif %}
        return {{ o.name }}._uniffi_lift(handle)

    @_uniffi_staticmethod
    def lower(value: {{ o.hint }}) -> _uniffi_int:
{%- if o.foreign.is_some() %}
        if not _uniffi_isinstance(value, {{ o.name }}):
            # A Python implementation: lend it to Rust.
            return _uniffi_lend(value)
{%- else %}
        if not _uniffi_isinstance(value, {{ o.name }}):
            raise _uniffi_TypeError(f"expected {{ o.name }}, got {_uniffi_type(value).__name__}")
{%- endif %}
        return value._uniffi_clone_handle()

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> {{ o.hint }}:
        return {{ o.converter }}.lift(buf.unpack(_UNIFFI_U64))

    @_uniffi_staticmethod
    def write(value: {{ o.hint }}, out: _uniffi_bytearray) -> None:
        out += _UNIFFI_U64.pack({{ o.converter }}.lower(value))
{%- if let Some(ec) = o.error_converter %}


class {{ ec }}(_UniffiBufferConverter):
    """Reads the `{{ o.name }}` a failed call left in its error buffer (as a handle)."""

    @_uniffi_staticmethod
    def write(value: {{ o.hint }}, out: _uniffi_bytearray) -> None:
        {{ o.converter }}.write(value, out)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> {{ o.hint }}:
        return {{ o.converter }}.read(buf)
{%- endif %}
{%- if let Some(cb) = o.foreign %}
{%- include "callback.py" %}
{%- endif %}
