{#- Enums and errors: `enum.Enum` for flat enums, an exception with nested variant classes for
    errors; plus the converter that reads/writes the variant index (1-based) and fields. #}
{%- if e.is_plain_flat %}


class {{ e.name }}(enum.Enum):
{%- if let Some(doc) = e.docstring %}
    """{{ doc }}"""
{%- endif %}
{%- for v in e.variants %}
    {{ v.name }} = {{ v.value }}
{%- endfor %}


class {{ e.converter }}(_UniffiBufferConverter):
    _by_index = [{% for v in e.variants %}{{ e.name }}.{{ v.name }}, {% endfor %}]

    @staticmethod
    def write(value: {{ e.name }}, out: bytearray) -> None:
        out += _UNIFFI_I32.pack({{ e.converter }}._by_index.index(value) + 1)

    @staticmethod
    def read(buf: _UniffiReader) -> {{ e.name }}:
        index = buf.unpack(_UNIFFI_I32)
        if not 1 <= index <= {{ e.variants.len() }}:
            raise InternalError(f"invalid {{ e.name }} variant index {index}")
        return {{ e.converter }}._by_index[index - 1]
{%- else %}


class {{ e.name }}({% if e.is_error %}Exception{% else %}object{% endif %}):
{%- if let Some(doc) = e.docstring %}
    """{{ doc }}"""
{%- endif %}
{%- for v in e.variants %}
    {{ v.name }}: typing.ClassVar[type[_Uniffi{{ e.name }}{{ v.name }}]]
{%- endfor %}
{%- for v in e.variants %}


class _Uniffi{{ e.name }}{{ v.name }}({{ e.name }}):
{%- if let Some(doc) = v.docstring %}
    """{{ doc }}"""
{%- endif %}
{%- if e.is_flat_error %}

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def __repr__(self) -> str:
        return f"{{ e.name }}.{{ v.name }}({self.message!r})"
{%- else %}
{%- for f in v.fields %}
    {{ f.name }}: {{ f.hint }}
{%- endfor %}

    def __init__(self{% for f in v.fields %}, {{ f.name }}: {{ f.hint }}{% endfor %}) -> None:
        super().__init__({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}{% endfor %})
{%- for f in v.fields %}
        self.{{ f.name }} = {{ f.name }}
{%- endfor %}

    def __repr__(self) -> str:
        return {% if !v.fields.is_empty() %}f{% endif %}"{{ e.name }}.{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={self.{{ f.name }}!r}{% endfor %})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Uniffi{{ e.name }}{{ v.name }}):
            return NotImplemented
        return True{% for f in v.fields %} and self.{{ f.name }} == other.{{ f.name }}{% endfor %}

    __hash__ = None  # type: ignore[assignment]
{%- endif %}


{{ e.name }}.{{ v.name }} = _Uniffi{{ e.name }}{{ v.name }}
_Uniffi{{ e.name }}{{ v.name }}.__name__ = "{{ v.name }}"
_Uniffi{{ e.name }}{{ v.name }}.__qualname__ = "{{ e.name }}.{{ v.name }}"
{%- endfor %}


class {{ e.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: {{ e.name }}, out: bytearray) -> None:
{%- for v in e.variants %}
        if isinstance(value, _Uniffi{{ e.name }}{{ v.name }}):
            out += _UNIFFI_I32.pack({{ v.index }})
{%- if e.is_flat_error %}
            _uniffi_write_string(value.message, out)
{%- endif %}
{%- for f in v.fields %}
            {{ f.converter }}.write(value.{{ f.name }}, out)
{%- endfor %}
            return
{%- endfor %}
        raise TypeError(f"expected a {{ e.name }} variant, got {type(value).__name__}")

    @staticmethod
    def read(buf: _UniffiReader) -> {{ e.name }}:
        index = buf.unpack(_UNIFFI_I32)
{%- for v in e.variants %}
        if index == {{ v.index }}:
{%- if e.is_flat_error %}
            return _Uniffi{{ e.name }}{{ v.name }}(_uniffi_read_string(buf))
{%- else %}
            return _Uniffi{{ e.name }}{{ v.name }}({% for f in v.fields %}{% if !loop.first %}, {% endif %}{{ f.converter }}.read(buf){% endfor %})
{%- endif %}
{%- endfor %}
        raise InternalError(f"invalid {{ e.name }} variant index {index}")
{%- endif %}
