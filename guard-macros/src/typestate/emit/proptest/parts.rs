//! The pieces of the generated test description: arguments and their strategies, patterns, the
//! transitions with their sources, bounds, and the hand-written `Clone`/`Debug` impls.

use crate::typestate::attrs::{STRATEGY_ATTRIBUTE, is_named, upper_camel};
use crate::typestate::generics::applied;
use crate::typestate::model::Model;
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::{Field, Generics, Ident, Type};

/// One argument of a generated call: a field of the machine or of a state.
pub(super) struct Argument<'a> {
    /// The name the generated code binds it to.
    pub(super) binding: Ident,
    pub(super) ty: &'a Type,
    pub(super) strategy: Option<TokenStream>,
}

pub(super) fn arguments<'a>(
    fields: impl Iterator<Item = &'a Field>,
    prefix: &str,
) -> Vec<Argument<'a>> {
    fields
        .enumerate()
        .map(|(position, field)| Argument {
            binding: field
                .ident
                .clone()
                .unwrap_or_else(|| format_ident!("{prefix}{position}")),
            ty: &field.ty,
            strategy: field
                .attrs
                .iter()
                .find(|attr| is_named(attr, STRATEGY_ATTRIBUTE))
                .and_then(|attr| attr.parse_args::<syn::Expr>().ok())
                .map(ToTokens::into_token_stream),
        })
        .collect()
}

/// `Shipped { tracking_id: tracking_id.clone() }`, `Shipped(field_0.clone())` or `Shipped`.
pub(super) fn build_state(
    model: &Model<'_, '_>,
    state: &State<'_>,
    arguments: &[Argument<'_>],
    clone: bool,
) -> TokenStream {
    let values: Vec<TokenStream> = arguments
        .iter()
        .map(|argument| {
            let binding = &argument.binding;
            if clone {
                quote!(::core::clone::Clone::clone(#binding))
            } else {
                quote!(#binding)
            }
        })
        .collect();
    model.state_value_of(state, &values)
}

/// A variant declaration with named fields (`Ship { tracking_id: TrackingId }`) or none.
pub(super) fn variant_declaration(
    ident: &Ident,
    arguments: &[Argument<'_>],
    doc: &str,
) -> TokenStream {
    if arguments.is_empty() {
        return quote!(#[doc = #doc] #ident,);
    }
    let fields = arguments.iter().map(|argument| {
        let binding = &argument.binding;
        let ty = argument.ty;
        let field_doc = format!("The `{binding}` argument.");
        quote!(#[doc = #field_doc] #binding: #ty)
    });
    quote!(#[doc = #doc] #ident { #(#fields),* },)
}

/// `Ship { tracking_id }`: a pattern binding every argument by name.
pub(super) fn variant_pattern(
    owner: &Ident,
    ident: &Ident,
    arguments: &[Argument<'_>],
) -> TokenStream {
    let bindings = arguments.iter().map(|argument| &argument.binding);
    if arguments.is_empty() {
        quote!(#owner::#ident)
    } else {
        quote!(#owner::#ident { #(#bindings),* })
    }
}

/// The strategy of every argument, as one strategy of nested pairs ending in `()`, and the
/// pattern that takes the pairs apart.
pub(super) fn strategy_of(
    arguments: &[Argument<'_>],
    krate: &syn::Path,
) -> (TokenStream, TokenStream) {
    let proptest = quote!(#krate::__private::proptest);
    let mut strategy = quote!(#proptest::strategy::Just(()));
    let mut pattern = quote!(());
    for argument in arguments.iter().rev() {
        let ty = argument.ty;
        let one = match &argument.strategy {
            Some(expression) => {
                quote!(#proptest::strategy::Strategy::boxed(#expression))
            }
            None => quote!(<#ty as #krate::proptest::Generate>::strategy()),
        };
        let binding = &argument.binding;
        strategy = quote!((#one, #strategy));
        pattern = quote!((#binding, #pattern));
    }
    (strategy, pattern)
}

/// A transition, once, with every state it leaves.
pub(super) struct Transition<'s, 'a> {
    pub(super) name: &'s Ident,
    pub(super) variant: Ident,
    pub(super) sources: Vec<&'s State<'a>>,
    pub(super) target: &'s State<'a>,
}

pub(super) fn transitions<'s, 'a>(states: &'s [State<'a>]) -> Vec<Transition<'s, 'a>> {
    let mut found: Vec<Transition<'s, 'a>> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for state in states {
        for transition in &state.transitions {
            let key = transition.name.unraw().to_string();
            if let Some(position) = by_name.get(&key) {
                found[*position].sources.push(state);
            } else if let Some(target) = states
                .iter()
                .find(|other| *other.ident == transition.target)
            {
                by_name.insert(key.clone(), found.len());
                let camel = upper_camel(key.trim_start_matches("r#"));
                found.push(Transition {
                    name: &transition.name,
                    variant: Ident::new(&camel, transition.name.span()),
                    sources: vec![state],
                    target,
                });
            }
        }
    }
    found
}

/// `for<'__guard> Type: Bounds` for every distinct type, one predicate per type.
pub(super) fn bounds(
    arguments: &[&Argument<'_>],
    krate: &syn::Path,
    with_generate: bool,
) -> TokenStream {
    let mut by_type: BTreeMap<String, (&Type, bool)> = BTreeMap::new();
    for argument in arguments {
        let entry = by_type
            .entry(argument.ty.to_token_stream().to_string())
            .or_insert((argument.ty, false));
        entry.1 |= argument.strategy.is_none();
    }
    let predicates = by_type.values().map(|(ty, generated)| {
        if with_generate && *generated {
            quote!(for<'__guard> #ty: #krate::proptest::Generate)
        } else {
            quote!(for<'__guard> #ty: ::core::clone::Clone + ::core::fmt::Debug + 'static)
        }
    });
    quote!(#(#predicates,)*)
}

/// A variant of a generated enum: its name and its arguments.
pub(super) type Variant<'v, 'a> = (&'v Ident, &'v [Argument<'a>]);

/// `impl Clone` and `impl Debug` for a generated enum whose variants have named fields.
pub(super) fn clone_and_debug(
    owner: &Ident,
    variants: &[Variant<'_, '_>],
    generics: &Generics,
    bounds: &TokenStream,
) -> TokenStream {
    let (impl_generics, _, _) = generics.split_for_impl();
    let owner_type = applied(owner, generics);
    let own_predicates = predicates(generics);
    let clone_arms = variants.iter().map(|(ident, arguments)| {
        let pattern = variant_pattern(owner, ident, arguments);
        let values = arguments.iter().map(|argument| {
            let binding = &argument.binding;
            quote!(#binding: ::core::clone::Clone::clone(#binding))
        });
        if arguments.is_empty() {
            quote!(#pattern => #owner::#ident,)
        } else {
            quote!(#pattern => #owner::#ident { #(#values),* },)
        }
    });
    let debug_arms = variants.iter().map(|(ident, arguments)| {
        let pattern = variant_pattern(owner, ident, arguments);
        let name = ident.unraw().to_string();
        let fields = arguments.iter().map(|argument| {
            let binding = &argument.binding;
            let label = binding.to_string();
            quote!(.field(#label, #binding))
        });
        quote!(#pattern => f.debug_struct(#name) #(#fields)* .finish(),)
    });
    // A machine without transitions has an empty step enum: matched through `*self`, which
    // needs no arm.
    let matched = if variants.is_empty() {
        quote!(*self)
    } else {
        quote!(self)
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::clone::Clone for #owner_type where #own_predicates #bounds {
            fn clone(&self) -> Self {
                match #matched {
                    #(#clone_arms)*
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #owner_type where #own_predicates #bounds {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match #matched {
                    #(#debug_arms)*
                }
            }
        }
    }
}

/// The checks a constructor or `check` runs on a machine bound to `machine`.
pub(super) fn rule_checks(
    model: &Model<'_, '_>,
    state: &State<'_>,
    at: &TokenStream,
) -> TokenStream {
    let krate = model.krate;
    let mut checks = TokenStream::new();
    if model.module.machine.has_rules() {
        checks.extend(quote! {
            #krate::Invariant::check_at(machine, &#at, &mut violations);
        });
    }
    if state.has_rules() {
        checks.extend(quote! {
            #krate::Invariant::check_at(&machine.state, &#at, &mut violations);
        });
    }
    checks
}

/// `Ship { .. }`: a pattern that matches the variant whatever its arguments.
pub(super) fn variant_pattern_wildcard(
    owner: &Ident,
    ident: &Ident,
    arguments: &[Argument<'_>],
) -> TokenStream {
    if arguments.is_empty() {
        quote!(#owner::#ident)
    } else {
        quote!(#owner::#ident { .. })
    }
}

/// The state type of an initial state, with the parameters its data uses: `Pending`, `Draft<T>`.
pub(super) fn initial_type(model: &Model<'_, '_>, state: &State<'_>) -> TokenStream {
    model
        .states()
        .find(|(other, _)| other.ident == state.ident)
        .map_or_else(
            || state.ident.to_token_stream(),
            |(other, generics)| model.state_type(other, generics),
        )
}

/// Every argument type of `variants`, for [`subset`].
pub(super) fn types_of(variants: &[Variant<'_, '_>]) -> TokenStream {
    let types = variants
        .iter()
        .flat_map(|(_, arguments)| arguments.iter().map(|argument| argument.ty));
    quote!(#(#types)*)
}

/// The where-predicates of `generics`, each followed by a comma.
pub(super) fn predicates(generics: &Generics) -> TokenStream {
    let predicates = generics
        .where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter());
    quote!(#(#predicates,)*)
}

/// `<T, const N: usize>` and `where ..` for an enum declaration (empty without parameters).
pub(super) fn declaration_generics(generics: &Generics) -> (TokenStream, TokenStream) {
    let params = &generics.params;
    let params = if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#params>)
    };
    (params, generics.where_clause.to_token_stream())
}
