{#- An object's class declaration; traits also get the interface implementations satisfy.
    Exported Rust traits are declared by traits.d.ts. #}
{%- if let Some(iface) = o.iface %}
{{ o.doc }}export interface {{ iface }} {
{%- match o.foreign %}
{%- when Some(fi) %}
{%- for m in fi.methods %}
{{ m.doc }}  {{ m.ts_sig }}
{%- endfor %}
{%- when None %}
{%- for f in o.methods %}
{{ f.doc }}  {{ f.name }}({{ f.ts_params }}): {% if f.returns_promise %}Promise<{{ f.ts_ret }}>{% else %}{{ f.ts_ret }}{% endif %};
{%- endfor %}
{%- include "traits.d.ts" %}
{%- endmatch %}
}

/** A `{{ iface }}` implemented in Rust. */
export declare class {{ o.class }}{% if o.is_error %} extends Error{% endif %} implements {{ iface }}{% if let Some(s) = o.stream %}, AsyncIterable<{{ s.item_ts }}>{% endif %} {
{%- else %}
{{ o.doc }}export declare class {{ o.class }}{% if o.is_error %} extends Error{% endif %}{% if let Some(s) = o.stream %} implements AsyncIterable<{{ s.item_ts }}>{% endif %} {
{%- endif %}
{%- match o.primary %}
{%- when Some(f) %}
{{ f.doc }}  constructor({{ f.ts_params }});
{%- when None %}
  private constructor();
{%- endmatch %}
{%- for f in o.statics %}
{{ f.doc }}  static {{ f.name }}({{ f.ts_params }}): {% if f.returns_promise %}Promise<{{ f.ts_ret }}>{% else %}{{ f.ts_ret }}{% endif %};
{%- endfor %}
{%- for f in o.methods %}
{{ f.doc }}  {{ f.name }}({{ f.ts_params }}): {% if f.returns_promise %}Promise<{{ f.ts_ret }}>{% else %}{{ f.ts_ret }}{% endif %};
{%- endfor %}
{%- include "traits.d.ts" %}
{%- if let Some(s) = o.stream %}
{%- include "stream.d.ts" %}
{%- endif %}
  /** Frees the Rust object now; any later call on this instance throws a TypeError. */
  destroy(): void;
  /** `using` support: the same as `destroy()`. */
  [Symbol.dispose](): void;
}
