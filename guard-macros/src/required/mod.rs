//! Publishing required-field metadata for `#[enforce_state_invariants]`.
//!
//! Both `#[derive(Invariant)]` (fields marked `#[invariant(required)]`) and `#[typestate]` (its
//! erased enum) call [`emit`]; `#[enforce_state_invariants]` reads what it emits. This module is the
//! single owner of that format.
//!
//! The format is a constant table of the variants that have required fields, published twice:
//!
//! - as a hidden constant named like the enum (`const Slot: Table`), in the value namespace where
//!   the enum, a type, does not live. Importing the enum imports it too, so a check can find the
//!   table by the enum's *name*, without naming the type: this is how a generic enum written
//!   without its arguments (`Slot::Filled(_)`) is checked (see
//!   `stateguard::__private::enforce::unpublished`);
//! - as an implementation of `stateguard::RequiredFields`, which travels with the *type*: the
//!   checks use it when the pattern names the enum through `Self` or with arguments, or names no
//!   enum at all (a variant imported with `use Enum::*`, whose enum is inferred), and an enum
//!   without the trait is recognised as having no required fields (see
//!   `stateguard::__private::enforce::Probe` and `Select`).

mod helper;

pub(crate) use helper::derive as derive_helper;

use proc_macro2::TokenStream;
use quote::quote;

/// How the fields of a variant are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Unit,
    Tuple,
    Named,
}

/// One variant of an enum, with the fields a match arm must bind and use.
#[derive(Debug)]
pub(crate) struct Variant {
    pub(crate) ident: syn::Ident,
    pub(crate) shape: Shape,
    /// Every field, in declaration order: the name, or the position for tuple variants.
    pub(crate) fields: Vec<String>,
    /// The required ones (a subset of `fields`).
    pub(crate) required: Vec<String>,
    /// For each of `fields`, the binding a diagnostic suggests: the field's name, or for a tuple
    /// field a name derived from its type (`TrackingId` → `tracking_id`). [`Variant::new`] fills it.
    pub(crate) bindings: Vec<String>,
}

impl Variant {
    /// The variant `ident` with `fields`, of which those for which `is_required` holds are required.
    pub(crate) fn new(
        ident: syn::Ident,
        fields: &syn::Fields,
        is_required: impl Fn(&syn::Field) -> bool,
    ) -> Self {
        let shape = match fields {
            syn::Fields::Unit => Shape::Unit,
            syn::Fields::Unnamed(_) => Shape::Tuple,
            syn::Fields::Named(_) => Shape::Named,
        };
        let mut names = Vec::new();
        let mut required = Vec::new();
        for (position, field) in fields.iter().enumerate() {
            let name = field
                .ident
                .as_ref()
                .map_or_else(|| position.to_string(), ToString::to_string);
            if is_required(field) {
                required.push(name.clone());
            }
            names.push(name);
        }
        let bindings = bindings(&ident, fields);
        Self {
            ident,
            shape,
            fields: names,
            required,
            bindings,
        }
    }
}

/// The binding a diagnostic suggests for each of `fields` of the variant `variant` (see
/// [`Variant::bindings`]).
pub(crate) fn bindings(variant: &syn::Ident, fields: &syn::Fields) -> Vec<String> {
    let mut bindings: Vec<String> = Vec::new();
    for (position, field) in fields.iter().enumerate() {
        let binding = match &field.ident {
            Some(ident) => ident.to_string(),
            None => {
                let base = binding_for(&field.ty).unwrap_or_else(|| {
                    let variant = snake_case(&variant.to_string());
                    if fields.len() == 1 {
                        variant
                    } else {
                        format!("{variant}_{position}")
                    }
                });
                if bindings.contains(&base) {
                    format!("{base}_{position}")
                } else {
                    base
                }
            }
        };
        bindings.push(binding);
    }
    bindings
}

/// The binding a diagnostic suggests for a value of the type named `type_name`: `Order` → `order`.
pub(crate) fn binding_for_type_name(type_name: &str) -> String {
    snake_case(type_name)
}

/// A readable binding name for a value of type `ty`: `TrackingId` → `tracking_id`,
/// `Vec<Item>` → `items`; `None` for primitives and types without a telling name.
fn binding_for(ty: &syn::Type) -> Option<String> {
    let candidate = match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|segment| {
            let name = snake_case(&segment.ident.to_string());
            match (&segment.arguments, name.as_str()) {
                (syn::PathArguments::AngleBracketed(arguments), "vec" | "box" | "option") => {
                    let inner = arguments.args.iter().find_map(|argument| match argument {
                        syn::GenericArgument::Type(inner) => binding_for(inner),
                        _ => None,
                    });
                    match (name.as_str(), inner) {
                        ("vec", Some(inner)) => format!("{inner}s"),
                        (_, Some(inner)) => inner,
                        _ => name,
                    }
                }
                _ => name,
            }
        }),
        syn::Type::Reference(reference) => binding_for(&reference.elem),
        syn::Type::Paren(paren) => binding_for(&paren.elem),
        syn::Type::Group(group) => binding_for(&group.elem),
        _ => None,
    };
    candidate.filter(|name| {
        // One letter is a type parameter (`T`), which says nothing about the value.
        name.len() > 1
            && !is_primitive(name)
            && name != "self"
            && syn::parse_str::<syn::Ident>(name).is_ok()
    })
}

fn is_primitive(name: &str) -> bool {
    matches!(
        name,
        "str"
            | "string"
            | "bool"
            | "char"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
    )
}

fn snake_case(camel: &str) -> String {
    let mut snake = String::new();
    let mut previous_lower = false;
    for character in camel.chars() {
        if character.is_uppercase() {
            if previous_lower {
                snake.push('_');
            }
            snake.extend(character.to_lowercase());
            previous_lower = false;
        } else {
            snake.push(character);
            previous_lower = character.is_lowercase() || character.is_ascii_digit();
        }
    }
    snake
}

/// The metadata of one enum.
#[derive(Debug)]
pub(crate) struct Metadata<'a> {
    pub(crate) enum_ident: &'a syn::Ident,
    pub(crate) vis: &'a syn::Visibility,
    pub(crate) generics: &'a syn::Generics,
    pub(crate) variants: Vec<Variant>,
    /// The path to stateguard (`::stateguard` unless the user renamed it).
    pub(crate) krate: &'a syn::Path,
}

/// How many rows must share everything but the name before they are written through a helper.
const SHARED_ROWS: usize = 8;

/// Whether `first` and `other` have the same row apart from the variant's name.
fn same_row(first: &Variant, other: &Variant) -> bool {
    first.shape == other.shape
        && first.fields == other.fields
        && first.required == other.required
        && first.bindings == other.bindings
}

/// The items that publish `metadata`, to be emitted next to the enum: the table of the variants
/// with at least one required field, as a hidden constant named like the enum (with the enum's
/// visibility, so every `use` of the enum imports it too), and an implementation of
/// `RequiredFields` that reads it. Nothing when no field is required, so the enum is treated as
/// having no required data.
pub(crate) fn emit(metadata: &Metadata<'_>) -> TokenStream {
    let variants: Vec<&Variant> = metadata
        .variants
        .iter()
        .filter(|variant| !variant.required.is_empty())
        .collect();
    if variants.is_empty() {
        return TokenStream::new();
    }
    let krate = metadata.krate;
    let private = quote!(#krate::__private::enforce);
    let enum_ident = metadata.enum_ident;
    let enum_name = enum_ident.to_string();
    let (impl_generics, type_generics, where_clause) = metadata.generics.split_for_impl();
    // Rows that differ only by the variant's name (a typestate's erased enum has one per state)
    // are written, when there are many, as calls of one local `const fn`: rustc then checks one
    // row literal instead of a thousand.
    let mut shared: Vec<(&Variant, usize)> = Vec::new();
    for variant in &variants {
        match shared
            .iter_mut()
            .find(|(first, _)| same_row(first, variant))
        {
            Some((_, count)) => *count += 1,
            None => shared.push((variant, 1)),
        }
    }
    let row = |variant: &Variant, name: TokenStream| {
        let shape = match variant.shape {
            Shape::Unit => quote!(Unit),
            Shape::Tuple => quote!(Tuple),
            Shape::Named => quote!(Named),
        };
        let fields = &variant.fields;
        let required = &variant.required;
        let bindings = &variant.bindings;
        quote! {
            #private::RequiredVariant {
                name: #name,
                shape: #private::VariantShape::#shape,
                fields: &[#(#fields),*],
                required: &[#(#required),*],
                bindings: &[#(#bindings),*],
            }
        }
    };
    let mut helpers = TokenStream::new();
    let mut helper_of: Vec<(&Variant, syn::Ident)> = Vec::new();
    for (first, count) in &shared {
        if *count >= SHARED_ROWS {
            let helper = quote::format_ident!("__guard_row_{}", helper_of.len());
            let body = row(first, quote!(name));
            helpers.extend(quote! {
                const fn #helper(name: &'static str) -> #private::RequiredVariant { #body }
            });
            helper_of.push((first, helper));
        }
    }
    let tables = variants.iter().map(|variant| {
        let name = variant.ident.to_string();
        match helper_of.iter().find(|(first, _)| same_row(first, variant)) {
            Some((_, helper)) => quote!(#helper(#name)),
            None => row(variant, quote!(#name)),
        }
    });
    let table = if helpers.is_empty() {
        quote!(&[#(#tables),*])
    } else {
        quote!({ #helpers &[#(#tables),*] })
    };
    let vis = metadata.vis;
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, dead_code)]
        #vis const #enum_ident: #private::Table = #private::Table {
            enum_name: #enum_name,
            variants: #table,
        };
        #[automatically_derived]
        impl #impl_generics #private::RequiredFields for #enum_ident #type_generics #where_clause {
            const ENUM_NAME: &'static str = #enum_ident.enum_name;
            const REQUIRED: &'static [#private::RequiredVariant] = #enum_ident.variants;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_come_from_field_names_and_types() {
        let fields = syn::Fields::Unnamed(syn::parse_quote!((
            TrackingId,
            String,
            Vec<LineItem>,
            TrackingId
        )));
        let variant = Variant::new(syn::parse_quote!(Shipped), &fields, |_| true);
        assert_eq!(
            variant.bindings,
            ["tracking_id", "shipped_1", "line_items", "tracking_id_3"]
        );
        assert_eq!(variant.fields, ["0", "1", "2", "3"]);
        let fields = syn::Fields::Named(syn::parse_quote!({ carrier: String, tracking: u64 }));
        let variant = Variant::new(syn::parse_quote!(Shipped), &fields, |field| {
            field
                .ident
                .as_ref()
                .is_some_and(|ident| ident == "tracking")
        });
        assert_eq!(variant.required, ["tracking"]);
        assert_eq!(variant.bindings, ["carrier", "tracking"]);
        assert_eq!(variant.shape, Shape::Named);
    }
}
