//! The required-field metadata the one emitter publishes, read back through
//! `stateguard::RequiredFields`.
use stateguard::{RequiredFields, RequiredVariant, VariantShape};
use stateguard_enforce_upstream::{Parcel, Slot};

#[test]
fn tuple_and_named_variants_are_described() {
    assert_eq!(Parcel::ENUM_NAME, "Parcel");
    assert_eq!(
        Parcel::REQUIRED,
        [
            RequiredVariant {
                name: "InTransit",
                shape: VariantShape::Tuple,
                fields: &["0"],
                required: &["0"],
                bindings: &["tracking_code"],
            },
            RequiredVariant {
                name: "Delivered",
                shape: VariantShape::Named,
                fields: &["signature", "note"],
                required: &["signature"],
                bindings: &["signature", "note"],
            },
        ]
    );
}

#[test]
fn generic_enums_carry_metadata_for_every_argument() {
    assert_eq!(<Slot<u8> as RequiredFields>::REQUIRED[0].name, "Filled");
    assert_eq!(
        <Slot<String> as RequiredFields>::REQUIRED,
        <Slot<()> as RequiredFields>::REQUIRED
    );
    // `T` says nothing about the value: the suggested binding falls back to the variant's name.
    assert_eq!(
        <Slot<u8> as RequiredFields>::REQUIRED[0].bindings,
        ["filled"]
    );
}
