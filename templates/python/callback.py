{#- A vtable through which Rust calls a Python implementation (of a callback interface or a
    foreign trait): one ctypes callback per method, forwarding to `_uniffi_foreign_sync` /
    `_uniffi_foreign_async` (handles.py, async.py), registered with Rust once at import. A callback
    interface also gets here its protocol (what implementations provide) and converter. #}
{%- if cb.is_callback_interface %}


class {{ cb.name }}({{ mods.typing }}.Protocol):
{%- if let Some(doc) = cb.docstring %}
    {{ doc }}
{%- endif %}
{%- for f in cb.protocol_methods %}

    {% if f.is_async %}async {% endif %}def {{ f.name }}({{ f.params }}) -> {{ f.return_hint }}:
{%- if let Some(doc) = f.docstring %}
        {{ doc|indent(4) }}
{%- endif %}
        raise _uniffi_NotImplementedError
{%- endfor %}


class {{ cb.converter }}:
    @_uniffi_staticmethod
    def lift(handle: _uniffi_int) -> {{ cb.name }}:
        return _uniffi_typing.cast("{{ cb.name }}", _uniffi_take_lent(handle))

    @_uniffi_staticmethod
    def lower(value: {{ cb.name }}) -> _uniffi_int:
        return _uniffi_lend(value)

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> {{ cb.name }}:
        return {{ cb.converter }}.lift(buf.unpack(_UNIFFI_U64))

    @_uniffi_staticmethod
    def write(value: {{ cb.name }}, out: _uniffi_bytearray) -> None:
        out += _UNIFFI_U64.pack({{ cb.converter }}.lower(value))
{%- endif %}
{%- for fm in cb.methods %}


def {{ fm.fn_name }}({{ fm.params }}) -> None:
{%- if fm.is_async %}
    _uniffi_foreign_async(_uniffi_handle, "{{ fm.py_name }}", lambda: {{ fm.lift_args }}, _uniffi_future_callback, _uniffi_callback_data, _uniffi_out_dropped_callback, {{ fm.result_struct }}, {{ fm.lower_return }}, {{ fm.error }})
{%- else %}
    _uniffi_foreign_sync(_uniffi_handle, "{{ fm.py_name }}", lambda: {{ fm.lift_args }}, _uniffi_out_return, _uniffi_call_status, {{ fm.lower_return }}, {{ fm.error }}, main={{ cb.main }})
{%- endif %}
{%- endfor %}


{{ cb.vtable_var }} = _uniffi_immortal({{ cb.vtable_struct }}(
    _UNIFFI_FOREIGN_FREE,
    _UNIFFI_FOREIGN_CLONE,
{%- for fm in cb.methods %}
    {{ fm.cfunc_type }}({{ fm.fn_name }}),
{%- endfor %}
))
_uniffi_lib.{{ cb.init_symbol }}(_uniffi_ctypes.byref({{ cb.vtable_var }}))
