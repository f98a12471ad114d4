//! Code generation: the machine struct, one struct per state, the sealed state trait, the
//! transition and field marker traits, getters, constructors and transitions. The erased enum
//! lives in `erased.rs`.

use super::generics::{applied, arguments, subset, with_state, without_defaults};
use super::markers::{self, respan};
use super::parse::{Args, Module, State, is_named, snake_case};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use std::collections::{BTreeMap, BTreeSet};
use syn::ext::IdentExt;
use syn::{Fields, Generics, Ident, Item};

/// Everything the generators share: names of the generated items and the machine's generics.
pub(crate) struct Context<'m, 'a> {
    pub(crate) module: &'m Module<'a>,
    pub(crate) krate: &'m syn::Path,
    pub(crate) serde: bool,
    /// The field of the flat row that holds the state's name, when the flat row is asked for.
    pub(crate) flat_tag: Option<Ident>,
    /// Serde uses the flat form (`serde(tag = ..)`) rather than the externally tagged one.
    pub(crate) serde_flat: bool,
    /// `Order`
    pub(crate) machine: &'a Ident,
    /// `OrderState`: the erased enum.
    pub(crate) erased: &'a Ident,
    /// `OrderRecord`: the plain data the checked restore path takes.
    pub(crate) record: Ident,
    /// `OrderStateType`: the sealed trait of the state types.
    pub(crate) state_trait: Ident,
    /// `__guard_order`: the hidden module of marker types and traits.
    pub(crate) hidden: Ident,
    /// `OrderTransition`
    pub(crate) transition_trait: Ident,
    /// `OrderField`
    pub(crate) field_trait: Ident,
    /// The machine's generics, defaults removed.
    pub(crate) generics: Generics,
    /// The state parameter `S`.
    pub(crate) state_param: Ident,
    /// Per state (same order as declared): the generics its data uses.
    pub(crate) state_generics: Vec<Generics>,
    pub(crate) mermaid: String,
}

impl<'m, 'a> Context<'m, 'a> {
    pub(crate) fn new(args: &'m Args, module: &'m Module<'a>) -> Self {
        let machine = &module.machine.item.ident;
        let generics = without_defaults(&module.machine.item.generics);
        let state_generics = module
            .states
            .states
            .iter()
            .map(|state| {
                let types = state.fields().map(|field| field.ty.to_token_stream());
                subset(&generics, quote!(#(#types)*))
            })
            .collect();
        let snake = snake_case(&machine.unraw().to_string());
        let state_param = state_param(module, &generics);
        Context {
            module,
            krate: &args.krate,
            serde: args.serde.is_some(),
            flat_tag: args
                .flat
                .as_ref()
                .and_then(|tag| syn::parse_str::<Ident>(&tag.value()).ok())
                .map(|tag| {
                    Ident::new(
                        &tag.to_string(),
                        args.flat
                            .as_ref()
                            .map_or_else(Span::call_site, syn::LitStr::span),
                    )
                }),
            serde_flat: args.serde_tag.is_some(),
            machine,
            erased: &module.states.item.ident,
            record: format_ident!("{machine}Record"),
            state_trait: format_ident!("{machine}StateType"),
            hidden: format_ident!("__guard_{snake}"),
            transition_trait: format_ident!("{machine}Transition"),
            field_trait: format_ident!("{machine}Field"),
            generics,
            state_param,
            state_generics,
            mermaid: super::erased::mermaid(module),
        }
    }

    pub(crate) fn states(&self) -> impl Iterator<Item = (&State<'a>, &Generics)> {
        self.module
            .states
            .states
            .iter()
            .zip(self.state_generics.iter())
    }

    /// `Paid<T>`: the state's type.
    pub(crate) fn state_type(&self, state: &State<'_>, generics: &Generics) -> TokenStream {
        applied(state.ident, generics)
    }

    /// `Order<'a, T, state>`.
    /// Records into a local `violations` what a local `machine`, in `state`, breaks of the
    /// machine's rules and of the state's (paths start at the state's name); empty when neither
    /// has rules. `new` and `restore` run these.
    pub(crate) fn rule_checks(&self, state: &State<'_>) -> TokenStream {
        let krate = self.krate;
        let mut checks = TokenStream::new();
        if self.module.machine.has_rules() {
            checks.extend(quote! {
                #krate::Invariant::check_at(&machine, &#krate::Location::root(), &mut violations);
            });
        }
        if state.has_rules() {
            let name = state.ident.unraw().to_string();
            checks.extend(quote! {
                #krate::Invariant::check_at(&machine.state, &#krate::Location::root().variant(#name), &mut violations);
            });
        }
        checks
    }

    /// What [`Context::rule_checks`] needs to implement `Invariant`: always true, unless a rule
    /// needs one of the machine's type parameters to implement it; then using the checking
    /// method, not declaring it, says so.
    pub(crate) fn rule_bounds(
        &self,
        state: &State<'_>,
        generics: &Generics,
    ) -> Vec<syn::WherePredicate> {
        let krate = self.krate;
        let state_type = self.state_type(state, generics);
        let mut bounds = Vec::new();
        if self.module.machine.has_rules() {
            let machine_type = self.machine_type(&state_type);
            bounds.push(syn::parse_quote!(#machine_type: #krate::Invariant));
        }
        if state.has_rules() {
            bounds.push(syn::parse_quote!(#state_type: #krate::Invariant));
        }
        bounds
    }

    pub(crate) fn machine_type(&self, state: &TokenStream) -> TokenStream {
        let machine = self.machine;
        let arguments = arguments(&self.generics);
        quote!(#machine<#(#arguments,)* #state>)
    }

    fn state_bound(&self) -> TokenStream {
        let state_trait = &self.state_trait;
        quote!(#state_trait)
    }

    /// The value of a state's private seal field (see `stateguard::__private::Seal`).
    pub(crate) fn seal(&self) -> TokenStream {
        let krate = self.krate;
        quote!(#krate::__private::Seal::NEW)
    }

    /// Builds `state`, with its seal, from locals named as [`state_field_names`] names them.
    pub(crate) fn state_value(&self, state: &State<'_>) -> TokenStream {
        let names = state_field_names(state);
        let values: Vec<TokenStream> = names.iter().map(ToTokens::to_token_stream).collect();
        self.state_value_of(state, &values)
    }

    /// Builds `state`, with its seal, from one expression per declared field, in order. A named
    /// field whose expression is a local of its own name is written in shorthand.
    pub(crate) fn state_value_of(&self, state: &State<'_>, values: &[TokenStream]) -> TokenStream {
        let ident = state.ident;
        let seal = self.seal();
        match &state.variant.fields {
            Fields::Unit => quote!(#ident(#seal)),
            Fields::Named(_) => {
                let fields = state.fields().zip(values).map(|(field, value)| {
                    let name = &field.ident;
                    if name.to_token_stream().to_string() == value.to_string() {
                        quote!(#value)
                    } else {
                        quote!(#name: #value)
                    }
                });
                quote!(#ident { #(#fields,)* #SEAL_FIELD: #seal })
            }
            Fields::Unnamed(_) => quote!(#ident(#(#values,)* #seal)),
        }
    }

    /// Whether `krate` is the default path, so derives need no `crate = ..` argument.
    fn krate_is_default(&self) -> bool {
        self.krate.to_token_stream().to_string() == quote!(::stateguard).to_string()
    }

    /// `#[derive(Invariant)]` (with the renamed crate path, if any) for a struct with rules.
    pub(crate) fn derive_invariant(&self) -> TokenStream {
        let krate = self.krate;
        if self.krate_is_default() {
            quote!(#[derive(#krate::Invariant)])
        } else {
            quote!(#[derive(#krate::Invariant)] #[invariant(crate = #krate)])
        }
    }
}

/// The name of the private seal field of a state with named fields.
pub(crate) const SEAL_FIELD: SealField = SealField;

/// Writes `__guard_seal`, the seal field's name, where a field name goes.
#[derive(Clone, Copy)]
pub(crate) struct SealField;

impl ToTokens for SealField {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        Ident::new("__guard_seal", Span::call_site()).to_tokens(tokens);
    }
}

/// The names of a state's fields as locals: theirs, or `field_0`.. for tuple states.
pub(crate) fn state_field_names(state: &State<'_>) -> Vec<Ident> {
    state
        .fields()
        .enumerate()
        .map(|(position, field)| {
            field
                .ident
                .clone()
                .unwrap_or_else(|| format_ident!("field_{position}"))
        })
        .collect()
}

/// Destructures `state` into locals named as [`state_field_names`] names them; the seal is left.
pub(crate) fn state_pattern(state: &State<'_>) -> TokenStream {
    let ident = state.ident;
    let names = state_field_names(state);
    match &state.variant.fields {
        Fields::Unit => quote!(#ident(..)),
        Fields::Named(_) => quote!(#ident { #(#names,)* .. }),
        Fields::Unnamed(_) => quote!(#ident(#(#names,)* ..)),
    }
}

/// The name of the state parameter: `S`, unless a state or a generic parameter of the machine is
/// already called that.
fn state_param(module: &Module<'_>, generics: &Generics) -> Ident {
    let taken = |name: &str| {
        module
            .states
            .states
            .iter()
            .any(|state| *state.ident == name)
            || generics.type_params().any(|param| param.ident == name)
            || generics.const_params().any(|param| param.ident == name)
    };
    let name = ["S", "State", "St"]
        .into_iter()
        .find(|name| !taken(name))
        .unwrap_or("__GuardState");
    format_ident!("{name}")
}

pub(crate) fn expand(args: &Args, module: &Module<'_>, proptest: bool) -> TokenStream {
    let context = Context::new(args, module);
    let machine_item = machine_struct(&context);
    let mut states_item = state_structs(&context);
    states_item.extend(super::erased::erased(&context));
    let mut extra = markers::sealed(&context);
    extra.extend(markers::hidden(&context));
    extra.extend(markers::marker_impls(&context));
    extra.extend(machine_impl(&context));
    extra.extend(constructors(&context));
    extra.extend(super::carry::items(&context));
    if proptest {
        extra.extend(super::proptest::emit(&context));
    }

    let mut item = module.item.clone();
    let mut items: Vec<Item> = Vec::new();
    for (index, entry) in module.items.iter().enumerate() {
        if index == module.machine.index {
            items.push(Item::Verbatim(machine_item.clone()));
        } else if index == module.states.index {
            items.push(Item::Verbatim(states_item.clone()));
        } else if super::validate::drop_impl_trait(entry, context.machine).is_none() {
            // A `Drop` impl on the machine was reported (G0113) and is left out.
            items.push(entry.clone());
        }
    }
    items.push(Item::Verbatim(extra));
    if let Some((_, content)) = &mut item.content {
        *content = items;
    }
    item.into_token_stream()
}

fn docs(attrs: &[&syn::Attribute]) -> Vec<syn::Attribute> {
    attrs
        .iter()
        .filter(|attr| is_named(attr, "doc"))
        .map(|attr| (*attr).clone())
        .collect()
}

/// The derive paths of `attrs`, by their last segment.
pub(crate) fn derives(attrs: &[&syn::Attribute]) -> Vec<syn::Path> {
    let mut paths = Vec::new();
    for attr in attrs {
        if is_named(attr, "derive")
            && let Ok(list) = attr.parse_args_with(
                syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
            )
        {
            paths.extend(list);
        }
    }
    paths
}

fn machine_struct(context: &Context<'_, '_>) -> TokenStream {
    let machine = &context.module.machine;
    let vis = &machine.item.vis;
    let ident = context.machine;
    let attrs = &machine.attrs;
    let generics = with_state(
        &context.generics,
        &context.state_param,
        &context.state_bound(),
    );
    let (_, _, where_clause) = generics.split_for_impl();
    let params = &generics.params;
    let fields = machine.fields.iter().map(|field| {
        let field_attrs = field
            .attrs
            .iter()
            .filter(|attr| !super::proptest::is_strategy(attr));
        let name = &field.ident;
        let ty = &field.ty;
        quote!(#(#field_attrs)* #name: #ty,)
    });
    let state_param = &context.state_param;
    let state_trait = &context.state_trait;
    let derive_invariant = if machine.has_rules() {
        context.derive_invariant()
    } else {
        TokenStream::new()
    };
    let diagram = super::diagram::doc(&context.mermaid);
    let erased = context.erased;
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

fn state_structs(context: &Context<'_, '_>) -> TokenStream {
    let enum_item = &context.module.states;
    let vis = &enum_item.item.vis;
    let is_last = |path: &syn::Path, name: &str| {
        path.segments
            .last()
            .is_some_and(|segment| segment.ident == name)
    };
    let mut derive_paths = derives(&enum_item.attrs);
    // `Debug` is written by hand, to leave the seal out of what it prints.
    let debug = derive_paths.iter().any(|path| is_last(path, "Debug"));
    derive_paths.retain(|path| !is_last(path, "Debug"));
    let serializes = derive_paths.iter().any(|path| is_last(path, "Serialize"));
    // A derive under `cfg_attr` reaches the states as a plain one does (the erased enum's derives
    // need them); written as is, so its `Debug` prints the seal.
    let conditional_derives: Vec<&syn::Attribute> = enum_item
        .attrs
        .iter()
        .copied()
        .filter(|attr| {
            is_named(attr, "cfg_attr") && !super::validate::derived_paths(&attr.meta).is_empty()
        })
        .collect();
    let machine = context.machine;
    let mut tokens = TokenStream::new();
    for (state, generics) in context.states() {
        let ident = state.ident;
        let attrs = &state.attrs;
        let (_, _, where_clause) = generics.split_for_impl();
        let params = &generics.params;
        let params = if params.is_empty() {
            TokenStream::new()
        } else {
            quote!(<#params>)
        };
        let derive_invariant = if state.has_rules() {
            context.derive_invariant()
        } else {
            TokenStream::new()
        };
        let derive = if derive_paths.is_empty() {
            TokenStream::new()
        } else {
            quote!(#[derive(#(#derive_paths),*)])
        };
        let seal_attrs = if serializes {
            quote!(#[serde(skip)])
        } else {
            TokenStream::new()
        };
        // Spanned on the state's name: rustc's E0204 for `impl Copy` points there.
        let seal_type = {
            let krate = context.krate;
            respan(quote!(#krate::__private::Seal), ident.span())
        };
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
        let lead = if docs(attrs).is_empty() {
            quote!(#[doc = #summary])
        } else {
            let summary = format!("\n\n{summary}");
            quote!(#[doc = #summary])
        };
        let span = ident.span();
        let body = match &state.variant.fields {
            Fields::Unit => quote_spanned!(span=> (#seal_attrs #seal_type);),
            Fields::Named(named) => {
                let fields = named.named.iter().map(|field| {
                    let field_attrs = field
                        .attrs
                        .iter()
                        .filter(|attr| !super::proptest::is_strategy(attr));
                    let name = &field.ident;
                    let ty = &field.ty;
                    quote!(#(#field_attrs)* #name: #ty,)
                });
                quote_spanned!(span=> #where_clause { #(#fields)* #seal_attrs #SEAL_FIELD: #seal_type, })
            }
            Fields::Unnamed(unnamed) => {
                let fields = unnamed.unnamed.iter().map(|field| {
                    let field_attrs = field
                        .attrs
                        .iter()
                        .filter(|attr| !super::proptest::is_strategy(attr));
                    let ty = &field.ty;
                    quote!(#(#field_attrs)* #ty,)
                });
                quote_spanned!(span=> ( #(#fields)* #seal_attrs #seal_type, ) #where_clause;)
            }
        };
        let vis = respan(vis.to_token_stream(), span);
        // Spanned on the variant, so rustc points at the user's state when it mentions the type.
        tokens.extend(quote_spanned! {ident.span()=>
            #derive
            #(#conditional_derives)*
            #derive_invariant
            #(#attrs)*
            #lead
            #vis struct #ident #params #body
        });
        if debug {
            tokens.extend(state_debug(state, generics));
        }
    }
    tokens
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

/// What a transition needs: its name, the states it leaves from and the state it enters.
pub(crate) struct TransitionInfo<'a> {
    pub(crate) name: &'a Ident,
    pub(crate) sources: Vec<&'a Ident>,
    pub(crate) target: &'a Ident,
}

pub(crate) fn transition_infos<'c>(context: &'c Context<'_, '_>) -> Vec<TransitionInfo<'c>> {
    let mut infos: Vec<TransitionInfo<'c>> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for state in &context.module.states.states {
        for transition in &state.transitions {
            let key = transition.name.unraw().to_string();
            if let Some(position) = index.get(&key) {
                infos[*position].sources.push(state.ident);
            } else {
                index.insert(key, infos.len());
                infos.push(TransitionInfo {
                    name: &transition.name,
                    sources: vec![state.ident],
                    target: &transition.target,
                });
            }
        }
    }
    infos
}

/// The parameters of a constructor or transition (the state's fields, in order) and the state
/// built from them.
fn state_arguments(
    context: &Context<'_, '_>,
    state: &State<'_>,
) -> (Vec<TokenStream>, TokenStream) {
    let parameters = state
        .fields()
        .zip(state_field_names(state))
        .map(|(field, name)| {
            let ty = &field.ty;
            quote!(#name: #ty)
        })
        .collect();
    (parameters, context.state_value(state))
}

fn machine_impl(context: &Context<'_, '_>) -> TokenStream {
    let machine = context.machine;
    let krate = context.krate;
    let hidden = &context.hidden;
    let state_param = &context.state_param;
    let state_trait = &context.state_trait;
    let transition_trait = &context.transition_trait;
    let field_trait = &context.field_trait;
    let generics = with_state(&context.generics, state_param, &context.state_bound());
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let machine_getters = context.module.machine.fields.iter().map(|field| {
        let name = &field.ident;
        let ty = &field.ty;
        let doc = docs(&field.attrs.iter().collect::<Vec<_>>());
        let fallback = if doc.is_empty() {
            let text = format!(
                "The machine's `{}`, whatever its state.",
                name.to_token_stream()
            );
            quote!(#[doc = #text])
        } else {
            quote!(#(#doc)*)
        };
        quote! {
            #fallback
            #[must_use]
            pub fn #name(&self) -> &#ty {
                &self.#name
            }
        }
    });

    let mut state_getters = TokenStream::new();
    // Which states carry each field name, in declaration order.
    let mut carriers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (state, _) in context.states() {
        for accessor in state.accessors() {
            carriers
                .entry(accessor.name.unraw().to_string())
                .or_default()
                .push(format!("`{}`", state.ident));
        }
    }
    let mut done = BTreeSet::new();
    for (state, _) in context.states() {
        for accessor in state.accessors() {
            let key = accessor.name.unraw().to_string();
            if !done.insert(key.clone()) {
                continue;
            }
            let carriers = carriers.get(&key).cloned().unwrap_or_default();
            let name = &accessor.name;
            let ty = &accessor.field.ty;
            // Spanned on the field, so "required by this bound" points at the declaration.
            let bound = respan(
                quote!(#state_param: #hidden::#field_trait<#hidden::field::#name, #ty>),
                name.span(),
            );
            let what = match &accessor.member {
                syn::Member::Named(_) => format!("The `{name}` of the state"),
                syn::Member::Unnamed(index) => {
                    format!("Field {} of the state's data", index.index)
                }
            };
            let doc = format!("{what}; available in state {} only.", carriers.join(", "));
            state_getters.extend(quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #name(&self) -> &#ty
                where
                    #bound,
                {
                    #hidden::#field_trait::<#hidden::field::#name, #ty>::__guard_get(&self.state)
                }
            });
        }
    }

    let machine_fields: Vec<&Option<Ident>> = context
        .module
        .machine
        .fields
        .iter()
        .map(|field| &field.ident)
        .collect();
    let by_name: BTreeMap<String, (&State<'_>, &Generics)> = context
        .states()
        .map(|(state, generics)| (state.ident.unraw().to_string(), (state, generics)))
        .collect();
    let mut transitions = TokenStream::new();
    for info in transition_infos(context) {
        let Some((target, target_generics)) =
            by_name.get(&info.target.unraw().to_string()).copied()
        else {
            continue;
        };
        if let Some(carrying) = super::carry::transition(context, &info) {
            transitions.extend(carrying);
            continue;
        }
        let target_type = context.state_type(target, target_generics);
        let target_machine = context.machine_type(&target_type);
        let (parameters, value) = state_arguments(context, target);
        let name = info.name;
        let sources: Vec<String> = info
            .sources
            .iter()
            .map(|source| format!("[`{source}`]"))
            .collect();
        let doc = format!(
            "Transition `{name}`: from {} to [`{}`]{}",
            sources.join(", "),
            info.target,
            if parameters.is_empty() {
                "."
            } else {
                ", whose data are the arguments."
            }
        );
        // Spanned on the user's transition name, so "required by this bound" points there.
        let bound = respan(
            quote!(#state_param: #hidden::#transition_trait::#name),
            name.span(),
        );
        let build = quote! {
            #machine { #(#machine_fields: self.#machine_fields,)* state }
        };
        let target_name = info.target.unraw().to_string();
        if target.has_rules() {
            let errors_doc = format!(
                "# Errors\n\nWhen the new `{}` data breaks its invariants: the machine comes back \
                 unchanged in a `Rejected`, with every violation.",
                info.target
            );
            transitions.extend(quote! {
                #[doc = #doc]
                #[doc = ""]
                #[doc = #errors_doc]
                pub fn #name(self, #(#parameters),*)
                    -> ::core::result::Result<#target_machine, #krate::Rejected<Self>>
                where
                    #bound,
                    // Holds unless a rule needs the machine's parameters to implement `Invariant`;
                    // then the call, not the declaration, says so.
                    #target_type: #krate::Invariant,
                {
                    let state = #value;
                    // Paths start at the state's name: `Shipped.tracking_id`.
                    let mut violations = #krate::Violations::new();
                    #krate::Invariant::check_at(
                        &state,
                        &#krate::Location::root().variant(#target_name),
                        &mut violations,
                    );
                    match violations.into_result() {
                        ::core::result::Result::Ok(()) => ::core::result::Result::Ok(#build),
                        ::core::result::Result::Err(violations) => {
                            ::core::result::Result::Err(#krate::Rejected { machine: self, violations })
                        }
                    }
                }
            });
        } else {
            transitions.extend(quote! {
                #[doc = #doc]
                #[must_use = "a transition consumes the machine and returns it in the new state"]
                pub fn #name(self, #(#parameters),*) -> #target_machine
                where
                    #bound,
                {
                    let state = #value;
                    #build
                }
            });
        }
    }

    quote! {
        // The bounds name the module's private marker traits, which only this module can use.
        #[allow(dead_code, private_bounds)]
        impl #impl_generics #machine #ty_generics #where_clause {
            #(#machine_getters)*

            /// The state's own data (`&`; state data never changes in place).
            #[must_use]
            pub fn state(&self) -> &#state_param {
                &self.state
            }

            /// The name of the state the machine is in, such as `"Shipped"`.
            #[must_use]
            pub fn state_name(&self) -> &'static str {
                <#state_param as #state_trait>::NAME
            }

            #state_getters
            #transitions
        }
    }
}

fn constructors(context: &Context<'_, '_>) -> TokenStream {
    let machine = context.machine;
    let krate = context.krate;
    let (impl_generics, _, where_clause) = context.generics.split_for_impl();
    let machine_rules = context.module.machine.has_rules();
    let mut tokens = TokenStream::new();
    for (state, generics) in context.states() {
        if state.initial.is_none() {
            continue;
        }
        let state_type = context.state_type(state, generics);
        let self_type = context.machine_type(&state_type);
        let (state_parameters, value) = state_arguments(context, state);
        let machine_parameters = context.module.machine.fields.iter().map(|field| {
            let name = &field.ident;
            let ty = &field.ty;
            quote!(#name: #ty)
        });
        let machine_fields = context
            .module
            .machine
            .fields
            .iter()
            .map(|field| &field.ident);
        let build = quote!(#machine { #(#machine_fields,)* state: #value });
        let doc = format!(
            "A new machine in the initial state [`{}`]: the machine's data, then the state's.",
            state.ident
        );
        let span = state.initial.unwrap_or_else(Span::call_site);
        let new = Ident::new("new", span);
        if machine_rules || state.has_rules() {
            let checks = context.rule_checks(state);
            let bounds = context.rule_bounds(state, generics);
            tokens.extend(quote! {
                #[allow(dead_code)]
                impl #impl_generics #self_type #where_clause {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = "# Errors"]
                    #[doc = ""]
                    #[doc = "Every violation of the invariants of the machine's and the state's data."]
                    pub fn #new(#(#machine_parameters,)* #(#state_parameters),*)
                        -> ::core::result::Result<Self, #krate::Violations>
                    where
                        #(#bounds,)*
                    {
                        let machine = #build;
                        let mut violations = #krate::Violations::new();
                        #checks
                        violations.into_result().map(|()| machine)
                    }
                }
            });
        } else {
            tokens.extend(quote! {
                #[allow(dead_code)]
                impl #impl_generics #self_type #where_clause {
                    #[doc = #doc]
                    #[must_use]
                    pub fn #new(#(#machine_parameters,)* #(#state_parameters),*) -> Self {
                        #build
                    }
                }
            });
        }
    }
    tokens
}
