{#- A top-level function's declaration; the macro `companion` declares the methods and Rust
    traits of a record or enum on the type of its companion value. #}
{%- macro companion(methods) %}
{%- for f in methods %}
{{ f.doc }}  {{ f.name }}({{ f.ts_params }}): {% if f.returns_promise %}Promise<{{ f.ts_ret }}>{% else %}{{ f.ts_ret }}{% endif %};
{%- endfor %}
{%- endmacro %}
{{ f.doc }}export declare function {{ f.name }}({{ f.ts_params }}): {% if f.returns_promise %}Promise<{{ f.ts_ret }}>{% else %}{{ f.ts_ret }}{% endif %};
