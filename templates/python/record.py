{#- A record: a class with a keyword-only constructor (upstream's API), field docstrings,
    equality and repr; and its converter. #}

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
        self.{{ f.name }} = {{ fresh }} if isinstance({{ f.name }}, _UniffiDefaultType) else {{ f.name }}
{%- else %}
        self.{{ f.name }} = {{ f.name }}
{%- endif %}
{%- endfor %}
{%- if r.fields.is_empty() %}
        pass
{%- endif %}

    def __repr__(self) -> {{ r.bi }}str:
        return f"{{ r.name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={self.{{ f.name }}!r}{% endfor %})"

    def __eq__(self, other: {{ r.bi }}object) -> {{ r.bi }}bool:
        if not isinstance(other, {{ r.name }}):
            return NotImplemented
        return {% for f in r.fields %}{% if !loop.first %} and {% endif %}self.{{ f.name }} == other.{{ f.name }}{% endfor %}{% if r.fields.is_empty() %}True{% endif %}


class {{ r.converter }}(_UniffiBufferConverter):
    @staticmethod
    def write(value: {{ r.name }}, out: bytearray) -> None:
{%- for f in r.fields %}
        {{ f.converter }}.write(value.{{ f.name }}, out)
{%- endfor %}
{%- if r.fields.is_empty() %}
        pass
{%- endif %}

    @staticmethod
    def read(buf: _UniffiReader) -> {{ r.name }}:
        return {{ r.name }}({% for f in r.fields %}{% if !loop.first %}, {% endif %}{{ f.name }}={{ f.converter }}.read(buf){% endfor %})
