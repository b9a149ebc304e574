{#- Enums and errors: `enum.Enum` for flat enums; for enums with data and errors, a base class
    (an exception for errors) with one subclass per variant, reachable as `Base.VARIANT`;
    plus the converter that reads/writes the variant index (1-based) and fields. #}
{%- if e.is_plain_flat %}

class {{ e.name }}({{ mods.enum_ }}.Enum):
{%- if let Some(doc) = e.docstring %}
    {{ doc }}
{%- endif %}
{%- for v in e.variants %}
    {{ v.name }} = {{ v.value }}
{%- if let Some(doc) = v.docstring %}
    {{ doc }}
{%- endif %}
{%- endfor %}
{%- for f in e.methods %}
{% filter indent(4) %}{% include "function.py" %}{% endfilter %}
{%- endfor %}
{%- let tm = e.traits %}
{%- include "traits.py" %}


class {{ e.converter }}(_UniffiBufferConverter):
    _by_index = ({% for v in e.variants %}{{ e.name }}.{{ v.name }}, {% endfor %})

    @_uniffi_staticmethod
    def write(value: {{ e.name }}, out: _uniffi_bytearray) -> None:
{%- if e.traits.eq.is_some() %}
        # By identity: `==` is Rust's `PartialEq`, which may call different members equal.
        for index, member in _uniffi_enumerate({{ e.converter }}._by_index):
            if member is value:
                out += _UNIFFI_I32.pack(index + 1)
                return
        _uniffi_no_variant(value)
{%- else %}
        try:
            index = {{ e.converter }}._by_index.index(value)
        except _uniffi_ValueError:
            raise _uniffi_ValueError(value) from None
        out += _UNIFFI_I32.pack(index + 1)
{%- endif %}

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> {{ e.name }}:
        index = buf.unpack(_UNIFFI_I32)
        if not 1 <= index <= {{ e.variants.len() }}:
            raise InternalError(f"invalid {{ e.name }} variant index {index}")
        return {{ e.converter }}._by_index[index - 1]
{%- else %}

class {{ e.name }}{% if e.is_error %}(_uniffi_Exception){% endif %}:
{%- if let Some(doc) = e.docstring %}
    {{ doc }}
{%- endif %}
{%- for v in e.variants %}
    {{ v.name }}: {{ mods.typing }}.ClassVar[_uniffi_type[_Uniffi{{ e.name }}{{ v.name }}]]
{%- endfor %}
{%- if !e.is_error %}
{%- for v in e.variants %}

    def {{ v.predicate }}(self) -> _uniffi_bool:
        return _uniffi_isinstance(self, _Uniffi{{ e.name }}{{ v.name }})
{%- if v.predicate != format!("is_{}", v.name) %}

    def is_{{ v.name }}(self) -> _uniffi_bool:
        return _uniffi_isinstance(self, _Uniffi{{ e.name }}{{ v.name }})
{%- endif %}
{%- endfor %}
{%- endif %}
{%- for f in e.methods %}
{% filter indent(4) %}{% include "function.py" %}{% endfilter %}
{%- endfor %}
{%- let tm = e.traits %}
{%- include "traits.py" %}
{%- for v in e.variants %}


class _Uniffi{{ e.name }}{{ v.name }}({{ e.name }}):
{%- if let Some(doc) = v.docstring %}
    {{ doc }}
{%- endif %}
{%- if e.is_flat_error %}

    def __init__(self, message: _uniffi_str = "") -> None:
        {{ e.name }}.__init__(self, message)
        self.message = message

{%- if e.traits.debug.is_none() %}

    def __repr__(self) -> _uniffi_str:
        return f"{{ e.name }}.{{ v.name }}({self.message!r})"
{%- endif %}
{%- else if v.is_tuple %}
    _values: {{ v.tuple_hint }}

    def __init__(self{% for f in v.fields %}, {{ f.param }}{% endfor %}, /) -> None:
{%- if e.is_error %}
        {{ e.name }}.__init__(self, {% for f in v.fields %}{% if !loop.first %} + ", " + {% endif %}_uniffi_repr({{ f.name }}){% endfor %})
{%- endif %}
        self._values = ({% for f in v.fields %}{{ f.name }}, {% endfor %})

    def __getitem__(self, index: _uniffi_int) -> {{ v.item_hint }}:
        return self._values[index]

    def __len__(self) -> _uniffi_int:
        return {{ v.fields.len() }}
{%- if !e.is_error && e.traits.display.is_none() %}

    def __str__(self) -> _uniffi_str:
        return f"{{ e.name }}.{{ v.name }}{self._values!r}"
{%- endif %}

{%- if e.traits.debug.is_none() %}

    def __repr__(self) -> _uniffi_str:
        return f"{{ e.name }}.{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{self._values[{{ loop.index0 }}]!r}{% endfor %})"
{%- endif %}

{%- if e.traits.eq.is_none() %}

    def __eq__(self, other: _uniffi_object) -> _uniffi_bool:
        if not _uniffi_isinstance(other, _Uniffi{{ e.name }}{{ v.name }}):
            return _uniffi_NotImplemented
        return self._values == other._values
{%- if e.traits.hash.is_none() %}

    __hash__ = None  # type: ignore[assignment]
{%- else %}

    __hash__ = {{ e.name }}.__hash__
{%- endif %}
{%- endif %}
{%- else %}
{%- for f in v.fields %}
    {{ f.name }}: {{ f.hint }}
{%- if let Some(doc) = f.docstring %}
    {{ doc }}
{%- endif %}
{%- endfor %}

    def __init__(self{% for f in v.fields %}, {{ f.param }}{% endfor %}) -> None:
{%- if e.is_error %}
        {{ e.name }}.__init__(self{% if !v.fields.is_empty() %}, f"{% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={ {{- f.name }}!r}{% endfor %}"{% endif %})
{%- endif %}
{%- for f in v.fields %}
{%- if let Some(fresh) = f.fresh_default %}
        self.{{ f.name }} = {{ fresh }} if _uniffi_isinstance({{ f.name }}, _UniffiDefaultType) else {{ f.name }}
{%- else %}
        self.{{ f.name }} = {{ f.name }}
{%- endif %}
{%- endfor %}
{%- if !e.is_error && v.fields.is_empty() %}
        pass
{%- endif %}
{%- if !e.is_error && e.traits.display.is_none() %}

    def __str__(self) -> _uniffi_str:
        return {% if !v.fields.is_empty() %}f{% endif %}"{{ e.name }}.{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={self.{{ f.name }}}{% endfor %})"
{%- endif %}

{%- if e.traits.debug.is_none() %}

    def __repr__(self) -> _uniffi_str:
        return {% if !v.fields.is_empty() %}f{% endif %}"{{ e.name }}.{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={self.{{ f.name }}!r}{% endfor %})"
{%- endif %}

{%- if e.traits.eq.is_none() %}

    def __eq__(self, other: _uniffi_object) -> _uniffi_bool:
        if not _uniffi_isinstance(other, _Uniffi{{ e.name }}{{ v.name }}):
            return _uniffi_NotImplemented
        return True{% for f in v.fields %} and self.{{ f.name }} == other.{{ f.name }}{% endfor %}
{%- if e.traits.hash.is_none() %}

    __hash__ = None  # type: ignore[assignment]
{%- else %}

    __hash__ = {{ e.name }}.__hash__
{%- endif %}
{%- endif %}
{%- endif %}


{{ e.name }}.{{ v.name }} = _Uniffi{{ e.name }}{{ v.name }}
_Uniffi{{ e.name }}{{ v.name }}.__name__ = "{{ v.name }}"
_Uniffi{{ e.name }}{{ v.name }}.__qualname__ = "{{ e.name }}.{{ v.name }}"
{%- endfor %}


class {{ e.converter }}(_UniffiBufferConverter):
    @_uniffi_staticmethod
    def write(value: {{ e.name }}, out: _uniffi_bytearray) -> None:
{%- for v in e.variants %}
        if _uniffi_isinstance(value, _Uniffi{{ e.name }}{{ v.name }}):
            out += _UNIFFI_I32.pack({{ v.index }})
{%- for f in v.fields %}
{%- if v.is_tuple %}
            {{ f.converter }}.write(value[{{ loop.index0 }}], out)
{%- else %}
            {{ f.converter }}.write(value.{{ f.name }}, out)
{%- endif %}
{%- endfor %}
            return
{%- endfor %}
{%- if e.is_error %}
        # Upstream writes nothing for a value that is no variant of an error: Rust then refuses
        # the buffer and the caller gets `InternalError`.
{%- else %}
        _uniffi_no_variant(value)
{%- endif %}

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> {{ e.name }}:
        index = buf.unpack(_UNIFFI_I32)
{%- for v in e.variants %}
        if index == {{ v.index }}:
{%- if e.is_flat_error %}
            return _Uniffi{{ e.name }}{{ v.name }}(_uniffi_read_string(buf))
{%- else if v.is_tuple %}
            return _Uniffi{{ e.name }}{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.converter }}.read(buf){% endfor %})
{%- else %}
            return _Uniffi{{ e.name }}{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={{ f.converter }}.read(buf){% endfor %})
{%- endif %}
{%- endfor %}
        raise InternalError(f"invalid {{ e.name }} variant index {index}")
{%- endif %}
