//! The machine struct (the user's fields plus `state: S`) and one struct per state, each carrying
//! its private seal; a state's `Debug`, written without the seal.

use crate::typestate::attrs::{derived_paths, is_named, is_strategy};
use crate::typestate::generics::with_state;
use crate::typestate::model::{Model, SEAL_FIELD, derives, docs, respan};
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Fields, Generics, Ident};

pub(super) fn machine_struct(model: &Model<'_, '_>) -> TokenStream {
    let machine = &model.module.machine;
    let vis = &machine.item.vis;
    let ident = model.machine;
    let attrs = &machine.attrs;
    let generics = with_state(&model.generics, &model.state_param, &model.state_bound());
    let (_, _, where_clause) = generics.split_for_impl();
    let params = &generics.params;
    let fields = machine.fields.iter().map(|field| {
        let field_attrs = field.attrs.iter().filter(|attr| !is_strategy(attr));
        let name = &field.ident;
        let ty = &field.ty;
        quote!(#(#field_attrs)* #name: #ty,)
    });
    let state_param = &model.state_param;
    let state_trait = &model.state_trait;
    let derive_invariant = if machine.has_rules() {
        model.derive_invariant()
    } else {
        TokenStream::new()
    };
    let diagram = super::diagram::doc(&model.mermaid);
    let erased = model.erased;
    let graph_doc = format!(
        "\n\n# States\n\nA machine in state `S`, one of the types implementing [`{state_trait}`]; \
         [`{erased}`] holds one in any state. Created by `{ident}::new` in the initial state, moved \
         between states by its transitions only.\n\n{diagram}"
    );
    let separator = if docs(attrs).is_empty() {
        let text = format!("The `{ident}` state machine.");
        quote!(#[doc = #text])
    } else {
        TokenStream::new()
    };
    let span = ident.span();
    let vis = respan(vis.to_token_stream(), span);
    // Spanned on the machine's name: rustc's E0204 for `impl Copy` points there.
    let state_field = respan(quote!(state: #state_param,), span);
    // The derive comes first: a type-level `#[invariant(..)]` among `attrs` is its helper
    // attribute, which rustc rejects before the derive that introduces it.
    quote_spanned! {span=>
        #derive_invariant
        #(#attrs)*
        #separator
        #[doc = #graph_doc]
        #vis struct #ident<#params> #where_clause {
            #(#fields)*
            #state_field
        }
    }
}

/// One struct per state, with the derives of the `#[states]` enum (and a `Debug` without the seal).
pub(super) fn state_structs(model: &Model<'_, '_>) -> TokenStream {
    let derives = StateDerives::new(model);
    let mut tokens = TokenStream::new();
    for (state, generics) in model.states() {
        tokens.extend(state_struct(model, &derives, state, generics));
        if derives.debug {
            tokens.extend(state_debug(state, generics));
        }
    }
    tokens
}

/// What every state struct derives, read once from the `#[states]` enum.
struct StateDerives<'m> {
    /// `#[derive(..)]` without `Debug`, or nothing.
    derive: TokenStream,
    /// `Debug` is written by hand, to leave the seal out of what it prints.
    debug: bool,
    /// `#[serde(skip)]` on the seal when the states derive `Serialize`.
    seal_attrs: TokenStream,
    /// A derive under `cfg_attr` reaches the states as a plain one does (the erased enum's
    /// derives need them); written as is, so its `Debug` prints the seal.
    conditional: Vec<&'m syn::Attribute>,
}

impl<'m> StateDerives<'m> {
    fn new(model: &Model<'m, '_>) -> Self {
        let enum_item = &model.module.states;
        let is_last = |path: &syn::Path, name: &str| {
            path.segments
                .last()
                .is_some_and(|segment| segment.ident == name)
        };
        let mut derive_paths = derives(&enum_item.attrs);
        let debug = derive_paths.iter().any(|path| is_last(path, "Debug"));
        derive_paths.retain(|path| !is_last(path, "Debug"));
        let serializes = derive_paths.iter().any(|path| is_last(path, "Serialize"));
        StateDerives {
            derive: if derive_paths.is_empty() {
                TokenStream::new()
            } else {
                quote!(#[derive(#(#derive_paths),*)])
            },
            debug,
            seal_attrs: if serializes {
                quote!(#[serde(skip)])
            } else {
                TokenStream::new()
            },
            conditional: enum_item
                .attrs
                .iter()
                .copied()
                .filter(|attr| is_named(attr, "cfg_attr") && !derived_paths(&attr.meta).is_empty())
                .collect(),
        }
    }
}

/// The struct of one state: its fields, then the seal.
fn state_struct(
    model: &Model<'_, '_>,
    derives: &StateDerives<'_>,
    state: &State<'_>,
    generics: &Generics,
) -> TokenStream {
    let ident = state.ident;
    let attrs = &state.attrs;
    let params = &generics.params;
    let params = if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#params>)
    };
    let derive_invariant = if state.has_rules() {
        model.derive_invariant()
    } else {
        TokenStream::new()
    };
    let (derive, conditional) = (&derives.derive, &derives.conditional);
    let lead = state_summary(model, state);
    let body = state_body(model, derives, state, generics);
    let span = ident.span();
    let vis = respan(model.module.states.item.vis.to_token_stream(), span);
    // Spanned on the variant, so rustc points at the user's state when it mentions the type.
    quote_spanned! {span=>
        #derive
        #(#conditional)*
        #derive_invariant
        #(#attrs)*
        #lead
        #vis struct #ident #params #body
    }
}

/// The state's doc: where machines start, and the transitions that lead out of it.
fn state_summary(model: &Model<'_, '_>, state: &State<'_>) -> TokenStream {
    let (ident, machine) = (state.ident, model.machine);
    let outgoing: Vec<String> = state
        .transitions
        .iter()
        .map(|transition| format!("`{}` → [`{}`]", transition.name, transition.target))
        .collect();
    let mut summary = format!("State `{ident}` of [`{machine}`].");
    if state.initial.is_some() {
        summary.push_str(" Machines start here.");
    }
    if outgoing.is_empty() {
        summary.push_str(" Terminal: no transition leads out of it.");
    } else {
        summary.push_str(&format!(" Transitions: {}.", outgoing.join(", ")));
    }
    if docs(&state.attrs).is_empty() {
        quote!(#[doc = #summary])
    } else {
        let summary = format!("\n\n{summary}");
        quote!(#[doc = #summary])
    }
}

/// The state's fields (without `#[strategy]`) and the seal, in the state's own shape.
fn state_body(
    model: &Model<'_, '_>,
    derives: &StateDerives<'_>,
    state: &State<'_>,
    generics: &Generics,
) -> TokenStream {
    let (_, _, where_clause) = generics.split_for_impl();
    let seal_attrs = &derives.seal_attrs;
    let span = state.ident.span();
    // Spanned on the state's name: rustc's E0204 for `impl Copy` points there.
    let krate = model.krate;
    let seal_type = respan(quote!(#krate::__private::Seal), span);
    let field_attrs = |field: &syn::Field| {
        let attrs: Vec<&syn::Attribute> = field
            .attrs
            .iter()
            .filter(|attr| !is_strategy(attr))
            .collect();
        quote!(#(#attrs)*)
    };
    match &state.variant.fields {
        Fields::Unit => quote_spanned!(span=> (#seal_attrs #seal_type);),
        Fields::Named(named) => {
            let fields = named.named.iter().map(|field| {
                let attrs = field_attrs(field);
                let name = &field.ident;
                let ty = &field.ty;
                quote!(#attrs #name: #ty,)
            });
            quote_spanned!(span=> #where_clause { #(#fields)* #seal_attrs #SEAL_FIELD: #seal_type, })
        }
        Fields::Unnamed(unnamed) => {
            let fields = unnamed.unnamed.iter().map(|field| {
                let attrs = field_attrs(field);
                let ty = &field.ty;
                quote!(#attrs #ty,)
            });
            quote_spanned!(span=> ( #(#fields)* #seal_attrs #seal_type, ) #where_clause;)
        }
    }
}

/// `Debug` for a state, as derived but without the seal: `Pending`, `Paid { payment_ref: .. }`,
/// `Shipped("1Z")`.
fn state_debug(state: &State<'_>, generics: &Generics) -> TokenStream {
    let ident = state.ident;
    let name = ident.unraw().to_string();
    let mut generics = generics.clone();
    let type_params: Vec<Ident> = generics
        .type_params()
        .map(|param| param.ident.clone())
        .collect();
    let where_clause = generics.make_where_clause();
    for param in type_params {
        where_clause
            .predicates
            .push(syn::parse_quote!(#param: ::core::fmt::Debug));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let body = match &state.variant.fields {
        Fields::Unit => quote!(f.write_str(#name)),
        Fields::Named(_) => {
            let names = state.fields().map(|field| &field.ident);
            let labels = state.fields().map(|field| {
                field
                    .ident
                    .as_ref()
                    .map(|name| name.unraw().to_string())
                    .unwrap_or_default()
            });
            quote!(f.debug_struct(#name) #(.field(#labels, &self.#names))* .finish())
        }
        Fields::Unnamed(_) => {
            let members = (0..state.fields().count()).map(syn::Index::from);
            quote!(f.debug_tuple(#name) #(.field(&self.#members))* .finish())
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}
