{#- The Rust impls of a record, enum or object (`t`: a SwiftTraits): its exported methods
    (objects: constructors and methods), then the trait impls as Swift conformance members, each
    calling its private helper (rendered by `user_types::trait_helpers`). #}
{%- for method in t.methods %}

{{ method }}
{%- endfor %}
{%- for helper in t.helpers %}

{{ helper }}
{%- endfor %}
{%- if t.display %}

    /// Rust's `Display`.
    public var description: String {
        uniffiTraitDisplay()
    }
{%- endif %}
{%- if t.debug %}

    /// Rust's `Debug`.
    public var debugDescription: String {
        uniffiTraitDebug()
    }
{%- endif %}
{%- if t.eq %}

    /// Rust's `PartialEq`.
    public static func == (lhs: {{ t.self_type }}, rhs: {{ t.self_type }}) -> Bool {
        lhs.uniffiTraitEq(other: rhs)
    }
{%- endif %}
{%- if t.hash %}

    /// Rust's `Hash`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(uniffiTraitHash())
    }
{%- endif %}
{%- if t.ord %}

    /// Rust's `Ord`.
    public static func < (lhs: {{ t.self_type }}, rhs: {{ t.self_type }}) -> Bool {
        lhs.uniffiTraitCmp(other: rhs) < 0
    }
{%- endif %}
