{#- A top-level function's declaration. #}
{{ f.doc }}export declare function {{ f.name }}({{ f.ts_params }}): {% if f.returns_promise %}Promise<{{ f.ts_ret }}>{% else %}{{ f.ts_ret }}{% endif %};
