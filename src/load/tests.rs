//! Reads hand-built UniFFI metadata; checks what the loader refuses by name (cases no fixture
//! crate can hold, because they would refuse the whole fixture).
//!
//! Constructors of records and enums: uniffi_bindgen 0.32.2 itself rejects them while building
//! the interface (it types every constructor's `Self` as an object, which conflicts with the
//! record), and `convert::refuse_constructors` refuses them again should a later uniffi_bindgen
//! accept them. Either way the user gets an error naming the type, never silent output.

use uniffi_bindgen::interface::ComponentInterface;
use uniffi_meta::{
    ConstructorMetadata, EnumMetadata, EnumShape, FieldMetadata, Metadata, MetadataGroup,
    NamespaceMetadata, RecordMetadata, Type, VariantMetadata,
};

fn group(items: Vec<Metadata>) -> MetadataGroup {
    MetadataGroup {
        namespace: NamespaceMetadata {
            crate_name: "shapes".into(),
            name: "shapes".into(),
        },
        namespace_docstring: None,
        items: items.into_iter().collect(),
    }
}

fn constructor(of: &str) -> Metadata {
    Metadata::Constructor(ConstructorMetadata {
        module_path: "shapes".into(),
        self_name: of.into(),
        name: "unit".into(),
        orig_name: None,
        is_async: false,
        inputs: vec![],
        throws: None,
        checksum: Some(1),
        docstring: None,
    })
}

fn refusal(items: Vec<Metadata>) -> String {
    let loaded = ComponentInterface::from_metadata(group(items))
        .and_then(|ci| super::convert::module(&ci, "shapes"));
    match loaded {
        Ok(_) => panic!("expected the loader to refuse the interface"),
        Err(e) => format!("{e:#}"),
    }
}

#[test]
fn record_constructor_is_refused_by_name() {
    let record = Metadata::Record(RecordMetadata {
        module_path: "shapes".into(),
        name: "Point".into(),
        orig_name: None,
        remote: false,
        fields: vec![FieldMetadata {
            name: "x".into(),
            orig_name: None,
            ty: Type::Int32,
            default: None,
            docstring: None,
        }],
        docstring: None,
    });
    let msg = refusal(vec![record, constructor("Point")]);
    assert!(msg.contains("Point") && msg.contains("unit"), "{msg}");
}

#[test]
fn enum_constructor_is_refused_by_name() {
    let e = Metadata::Enum(EnumMetadata {
        module_path: "shapes".into(),
        name: "Shade".into(),
        orig_name: None,
        shape: EnumShape::Enum,
        remote: false,
        variants: vec![VariantMetadata {
            name: "Dark".into(),
            orig_name: None,
            discr: None,
            fields: vec![],
            docstring: None,
        }],
        discr_type: None,
        non_exhaustive: false,
        docstring: None,
    });
    let msg = refusal(vec![e, constructor("Shade")]);
    assert!(msg.contains("Shade") && msg.contains("unit"), "{msg}");
}
