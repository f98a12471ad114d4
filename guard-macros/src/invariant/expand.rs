//! The IR → `impl Invariant`, and the required-field metadata of enums.
//!
//! A valid value allocates nothing: each field's location is a `Location` on the stack, linked to
//! its parent, and turned into a path only when a rule fails.

use super::ir::{Bound, Check, Data, Field, Input, Rule};
use super::validate::without_option;
use crate::required;
use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// The path to stateguard: `crate = ..` or `::stateguard`.
pub(crate) fn krate(input: &Input<'_>) -> syn::Path {
    input
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::stateguard))
}

pub(crate) fn expand(input: &Input<'_>) -> TokenStream {
    let krate = krate(input);
    let item = input.item;
    let ident = &item.ident;
    let mut generics = item.generics.clone();
    let params = type_params(&generics);
    let mut bounds = Vec::new();
    let body = match &input.data {
        Data::Struct(fields) => {
            let checks = fields.iter().map(|field| {
                let member = &field.member;
                bound_field(field, &params, &krate, &mut bounds);
                field_checks(field, &quote!(&self.#member), &quote!(__guard_at), &krate)
            });
            quote! { #(#checks)* }
        }
        Data::Enum(variants) => {
            let mut skipped = false;
            let mut arms = Vec::new();
            for variant in variants {
                let has_field_rules = variant.fields.iter().any(|field| !field.rules.is_empty());
                if !has_field_rules && variant.checks.is_empty() {
                    skipped = true;
                    continue;
                }
                let variant_ident = &variant.original.ident;
                let name = variant_ident.unraw_string();
                let mut bindings = Vec::new();
                let mut checks = Vec::new();
                for (position, field) in variant.fields.iter().enumerate() {
                    if field.rules.is_empty() {
                        continue;
                    }
                    let member = &field.member;
                    let binding = format_ident!("__guard_field_{}", position);
                    bindings.push(quote!(#member: #binding));
                    bound_field(field, &params, &krate, &mut bounds);
                    checks.push(field_checks(
                        field,
                        &binding.to_token_stream(),
                        &quote!(__guard_variant),
                        &krate,
                    ));
                }
                let variant_checks = variant
                    .checks
                    .iter()
                    .map(|check| whole_value_check(check, &quote!(&__guard_variant), &krate));
                arms.push(quote! {
                    Self::#variant_ident { #(#bindings,)* .. } => {
                        let __guard_variant = __guard_at.variant(#name);
                        #(#checks)*
                        #(#variant_checks)*
                    }
                });
            }
            if arms.is_empty() {
                TokenStream::new()
            } else {
                let rest = skipped.then(|| quote!(_ => {}));
                quote! {
                    match self {
                        #(#arms)*
                        #rest
                    }
                }
            }
        }
    };
    let container_checks = input
        .checks
        .iter()
        .map(|check| whole_value_check(check, &quote!(__guard_at), &krate));

    if !bounds.is_empty() {
        generics.make_where_clause().predicates.extend(bounds);
    }
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let metadata = required_metadata(input, &krate);
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Invariant for #ident #type_generics #where_clause {
            #[allow(
                unused_imports,
                clippy::needless_borrow,
                clippy::needless_borrows_for_generic_args,
                clippy::ref_option,
                clippy::redundant_closure_call,
                clippy::single_match,
                clippy::match_wildcard_for_single_variants,
            )]
            fn check_at(
                &self,
                __guard_at: &#krate::__private::Location<'_>,
                __guard_violations: &mut #krate::__private::Violations,
            ) {
                use #krate::__private::rules::{OptionSubject as _, PlainSubject as _};
                #body
                #(#container_checks)*
            }
        }
        #metadata
    }
}

/// An `impl Invariant` that checks nothing, emitted when the derive failed so that uses of
/// `check()` elsewhere do not add errors to the real ones.
pub(crate) fn fallback(item: &syn::DeriveInput, krate: &syn::Path) -> TokenStream {
    if matches!(item.data, syn::Data::Union(_)) {
        return TokenStream::new();
    }
    let ident = &item.ident;
    let (impl_generics, type_generics, where_clause) = item.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::Invariant for #ident #type_generics #where_clause {
            fn check_at(
                &self,
                _: &#krate::__private::Location<'_>,
                _: &mut #krate::__private::Violations,
            ) {}
        }
    }
}

trait UnrawString {
    fn unraw_string(&self) -> String;
}

impl UnrawString for syn::Ident {
    fn unraw_string(&self) -> String {
        syn::ext::IdentExt::unraw(self).to_string()
    }
}

/// The checks of one field whose value (a reference) is `value`, located under `parent`.
fn field_checks(
    field: &Field<'_>,
    value: &TokenStream,
    parent: &TokenStream,
    krate: &syn::Path,
) -> TokenStream {
    if field.rules.is_empty() {
        return TokenStream::new();
    }
    let name = field.path_name();
    let checks = rules_on(&field.rules, value, &quote!(__guard_field), krate, 0);
    quote! {
        {
            let __guard_field = #parent.field(#name);
            #checks
        }
    }
}

/// `rules` applied to `value` (an expression of type `&T`) at the location `at`.
fn rules_on(
    rules: &[Rule],
    value: &TokenStream,
    at: &TokenStream,
    krate: &syn::Path,
    depth: usize,
) -> TokenStream {
    let private = quote!(#krate::__private);
    // Violations come out in the order the rules are written. The `Option`-transparent rules
    // (`non_empty`, `len`, `range`) share one look at the value, and consecutive ones one `if let`.
    let mut statements = Vec::new();
    let mut present = Vec::new();
    let inner = format_ident!("__guard_value_{}", depth);
    let subject = format_ident!("__guard_present_{}", depth);
    let flush = |present: &mut Vec<TokenStream>, statements: &mut Vec<TokenStream>| {
        if !present.is_empty() {
            let checks = present.drain(..);
            statements.push(quote! {
                if let ::core::option::Option::Some(#inner) = #subject {
                    #(#checks)*
                }
            });
        }
    };
    for rule in rules {
        if matches!(
            rule,
            Rule::Check(_) | Rule::Nested { .. } | Rule::Each { .. }
        ) {
            flush(&mut present, &mut statements);
        }
        let span = rule.key().span();
        // Arguments re-spanned on the rule's token, so that a type the rule cannot check is
        // reported there (rustc points at the argument whose bound failed).
        let inner = syn::Ident::new(&inner.to_string(), span);
        let value = &respan(value.clone(), span);
        let private = &respan(private.clone(), span);
        match rule {
            // Called through the trait, so a type without a length names no function in
            // stateguard's source.
            Rule::NonEmpty { .. } => present.push(quote_spanned! {span=>
                <_ as #private::rules::HasLength>::__guard_non_empty(#inner, &#at, __guard_violations);
            }),
            Rule::Len { min, max, .. } => {
                let min = min
                    .as_ref()
                    .map_or_else(|| quote!(0), |bound| bound.value.to_token_stream());
                let max = max.as_ref().map_or_else(
                    || quote!(::core::primitive::usize::MAX),
                    |bound| bound.value.to_token_stream(),
                );
                present.push(quote_spanned! {span=>
                    <_ as #private::rules::HasLength>::__guard_length(#inner, #min, #max, &#at, __guard_violations);
                });
            }
            Rule::Range {
                min,
                max,
                greater_than,
                less_than,
                ..
            } => {
                for (bound, kind) in [
                    (min, "Min"),
                    (max, "Max"),
                    (greater_than, "GreaterThan"),
                    (less_than, "LessThan"),
                ] {
                    if let Some(Bound { value: limit, .. }) = bound {
                        let kind = syn::Ident::new(kind, span);
                        // Spanned on the bound: a bound of another type than the field (G0209)
                        // is reported there.
                        let limit_span = syn::spanned::Spanned::span(limit);
                        // Called through the trait, so an unmet bound names no function in
                        // stateguard's source.
                        let call = quote_spanned!(limit_span=> <_ as #private::rules::RangeBound<_>>::check);
                        present.push(quote_spanned! {span=>
                            #call(#inner, &(#limit), #private::rules::Bound::#kind, &#at, __guard_violations);
                        });
                    }
                }
            }
            Rule::Check(check) => {
                let function = &check.function;
                let rule_name = check.rule_name();
                let message = check.message();
                let call_span = function.span();
                statements.push(quote_spanned! {call_span=>
                    if !(#function)(#value) {
                        #private::rules::failed(#rule_name, #message, &#at, __guard_violations);
                    }
                });
            }
            Rule::Nested { .. } => statements.push(quote_spanned! {span=>
                #private::Invariant::check_at(#value, &#at, __guard_violations);
            }),
            Rule::Each { rules, .. } => {
                let element_at = format_ident!("__guard_element_at_{}", depth);
                let element = format_ident!("__guard_element_{}", depth);
                let checks = rules_on(
                    rules,
                    &element.to_token_stream(),
                    &quote!(*#element_at),
                    krate,
                    depth + 1,
                );
                statements.push(quote_spanned! {span=>
                    #private::rules::Elements::for_each_element(#value, &#at, |#element_at, #element| {
                        #checks
                    });
                });
            }
        }
    }
    flush(&mut present, &mut statements);
    let look = rules
        .iter()
        .any(|rule| {
            matches!(
                rule,
                Rule::NonEmpty { .. } | Rule::Len { .. } | Rule::Range { .. }
            )
        })
        .then(|| quote!(let #subject = (&#private::rules::Subject(#value)).present();));
    quote! {
        #look
        #(#statements)*
    }
}

/// A `check = ..` over the whole value (`self`), recorded at `at`.
fn whole_value_check(check: &Check, at: &TokenStream, krate: &syn::Path) -> TokenStream {
    let function = &check.function;
    let rule_name = check.rule_name();
    let message = check.message();
    let span = function.span();
    quote_spanned! {span=>
        if !(#function)(self) {
            #krate::__private::rules::failed(#rule_name, #message, #at, __guard_violations);
        }
    }
}

fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut respanned =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                token = TokenTree::Group(respanned);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

fn type_params(generics: &syn::Generics) -> Vec<syn::Ident> {
    generics
        .type_params()
        .map(|param| param.ident.clone())
        .collect()
}

fn mentions(tokens: TokenStream, params: &[syn::Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.contains(&ident),
        TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}

/// The where-clause predicates a generic field's rules need (`T: Invariant` for `nested`, ...).
/// Fields that do not mention a type parameter need none.
fn bound_field(
    field: &Field<'_>,
    params: &[syn::Ident],
    krate: &syn::Path,
    bounds: &mut Vec<syn::WherePredicate>,
) {
    let ty = &field.original.ty;
    if params.is_empty() || !mentions(ty.to_token_stream(), params) {
        return;
    }
    bound_rules(&field.rules, &ty.to_token_stream(), Some(ty), krate, bounds);
}

fn bound_rules(
    rules: &[Rule],
    ty_tokens: &TokenStream,
    ty: Option<&syn::Type>,
    krate: &syn::Path,
    bounds: &mut Vec<syn::WherePredicate>,
) {
    let private = quote!(#krate::__private);
    let present = ty.map_or_else(
        || ty_tokens.clone(),
        |ty| without_option(ty).to_token_stream(),
    );
    let push = |bounds: &mut Vec<syn::WherePredicate>, tokens: TokenStream| {
        if let Ok(predicate) = syn::parse2::<syn::WherePredicate>(tokens) {
            bounds.push(predicate);
        }
    };
    for rule in rules {
        match rule {
            Rule::NonEmpty { .. } | Rule::Len { .. } => {
                push(bounds, quote!(#present: #private::rules::HasLength));
            }
            Rule::Range { .. } => push(bounds, quote!(#present: #private::rules::Number)),
            Rule::Nested { .. } => push(bounds, quote!(#ty_tokens: #private::Invariant)),
            Rule::Each { rules, .. } => {
                push(bounds, quote!(#ty_tokens: #private::rules::Elements));
                let element = quote!(<#ty_tokens as #private::rules::Elements>::Element);
                bound_rules(rules, &element, None, krate, bounds);
            }
            Rule::Check(_) => {}
        }
    }
}

/// `required::emit` for an enum with at least one `#[invariant(required)]` field.
fn required_metadata(input: &Input<'_>, krate: &syn::Path) -> TokenStream {
    let Data::Enum(variants) = &input.data else {
        return TokenStream::new();
    };
    if !variants
        .iter()
        .any(|variant| variant.fields.iter().any(|field| field.required.is_some()))
    {
        return TokenStream::new();
    }
    let variants = variants
        .iter()
        .map(|variant| required::Variant {
            ident: variant.original.ident.clone(),
            shape: match variant.original.fields {
                syn::Fields::Named(_) => required::Shape::Named,
                syn::Fields::Unnamed(_) => required::Shape::Tuple,
                syn::Fields::Unit => required::Shape::Unit,
            },
            fields: variant.fields.iter().map(Field::path_name).collect(),
            required: variant
                .fields
                .iter()
                .filter(|field| field.required.is_some())
                .map(Field::path_name)
                .collect(),
            bindings: required::bindings(&variant.original.ident, &variant.original.fields),
        })
        .collect();
    required::emit(&required::Metadata {
        enum_ident: &input.item.ident,
        vis: &input.item.vis,
        generics: &input.item.generics,
        variants,
        krate,
    })
}
