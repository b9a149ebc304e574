{#- A record: a class with a keyword-only constructor (upstream's API), field docstrings,
    equality and repr (unless Rust exports `PartialEq` / `Debug`), its exported methods and Rust
    trait methods; and its converter. #}

class {{ r.name }}:
{%- if let Some(doc) = r.docstring %}
    {{ doc }}
{%- endif %}
{%- if !r.fields.is_empty() %}
{% endif %}
{%- for f in r.fields %}
    {{ f.name }}: {{ f.hint }}
{%- if let Some(doc) = f.docstring %}
    {{ doc }}
{%- endif %}
{%- endfor %}

    def __init__(self{% if !r.fields.is_empty() %}, *{% endif %}{% for f in r.fields %}, {{ f.param }}{% endfor %}) -> None:
{%- for f in r.fields %}
{%- if let Some(fresh) = f.fresh_default %}
        self.{{ f.name }} = {{ fresh }} if _uniffi_isinstance({{ f.name }}, _UniffiDefaultType) else {{ f.name }}
{%- else %}
        self.{{ f.name }} = {{ f.name }}
{%- endif %}
{%- endfor %}
{%- if r.fields.is_empty() %}
        pass
{%- endif %}

{%- if r.traits.debug.is_none() %}

    def __repr__(self) -> _uniffi_str:
        return {% if !r.fields.is_empty() %}f{% endif %}"{{ r.name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={self.{{ f.name }}!r}{% endfor %})"
{%- endif %}
{%- if r.traits.eq.is_none() %}

    def __eq__(self, other: _uniffi_object) -> _uniffi_bool:
        if not _uniffi_isinstance(other, {{ r.name }}):
            return _uniffi_NotImplemented
        return {% for f in r.fields %}{% if !loop.first %} and {% endif %}self.{{ f.name }} == other.{{ f.name }}{% endfor %}{% if r.fields.is_empty() %}True{% endif %}
{%- endif %}
{%- for f in r.methods %}
{% filter indent(4) %}{% include "function.py" %}{% endfilter %}
{%- endfor %}
{%- let tm = r.traits %}
{%- include "traits.py" %}


class {{ r.converter }}(_UniffiBufferConverter):
    @_uniffi_staticmethod
    def write(value: {{ r.name }}, out: _uniffi_bytearray) -> None:
{%- for f in r.fields %}
        {{ f.converter }}.write(value.{{ f.name }}, out)
{%- endfor %}
{%- if r.fields.is_empty() %}
        pass
{%- endif %}

    @_uniffi_staticmethod
    def read(buf: _UniffiReader) -> {{ r.name }}:
        return {{ r.name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={{ f.converter }}.read(buf){% endfor %})
