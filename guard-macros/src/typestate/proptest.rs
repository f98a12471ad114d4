//! The property-test description of a machine: `guard_core::proptest::TestableMachine` for the
//! erased enum, with the types it names (`OrderStateId`, `OrderStart`, `OrderStep`), all wrapped
//! in `if_proptest!` so that they exist only when guard-core's `proptest` feature is on.
//!
//! Arguments are drawn from `guard_core::proptest::Generate`, or from the strategy a field names
//! with `#[strategy(expr)]`. Every requirement on a field's type (`Generate`, `Clone`, `Debug`) is a
//! `for<'__guard>` bound on the items that need it: a machine whose types lack one simply has no
//! test description, and compiles as before; the error shows where a test asks for it.
//!
//! Generic machines are left out for now: their test description is written by hand for a
//! concrete instantiation.

use super::expand::Context;
use super::parse::{State, is_named};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use std::collections::BTreeMap;
use syn::{Field, Fields, Ident, Type};

/// The attribute naming a field's strategy: `#[strategy(expr)]`. `#[typestate]` strips it from
/// the structs it generates.
const STRATEGY_ATTRIBUTE: &str = "strategy";

/// Whether `attr` is `#[strategy(..)]`, which the generated structs must not carry.
pub(crate) fn is_strategy(attr: &syn::Attribute) -> bool {
    is_named(attr, STRATEGY_ATTRIBUTE)
}

/// One argument of a generated call: a field of the machine or of a state.
struct Argument<'a> {
    /// The name the generated code binds it to.
    binding: Ident,
    /// The name in a named state or machine, `None` for a tuple field.
    name: Option<&'a Ident>,
    ty: &'a Type,
    strategy: Option<TokenStream>,
}

fn arguments<'a>(fields: impl Iterator<Item = &'a Field>, prefix: &str) -> Vec<Argument<'a>> {
    fields
        .enumerate()
        .map(|(position, field)| Argument {
            binding: field
                .ident
                .clone()
                .unwrap_or_else(|| format_ident!("{prefix}{position}")),
            name: field.ident.as_ref(),
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
fn build_state(state: &State<'_>, arguments: &[Argument<'_>], clone: bool) -> TokenStream {
    let ident = state.ident;
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
    match &state.variant.fields {
        Fields::Unit => quote!(#ident),
        Fields::Named(_) => {
            let names = arguments.iter().map(|argument| argument.name);
            quote!(#ident { #(#names: #values),* })
        }
        Fields::Unnamed(_) => quote!(#ident(#(#values),*)),
    }
}

/// A variant declaration with named fields (`Ship { tracking_id: TrackingId }`) or none.
fn variant_declaration(ident: &Ident, arguments: &[Argument<'_>], doc: &str) -> TokenStream {
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
fn variant_pattern(owner: &Ident, ident: &Ident, arguments: &[Argument<'_>]) -> TokenStream {
    let bindings = arguments.iter().map(|argument| &argument.binding);
    if arguments.is_empty() {
        quote!(#owner::#ident)
    } else {
        quote!(#owner::#ident { #(#bindings),* })
    }
}

/// The strategy of every argument, as one strategy of nested pairs ending in `()`, and the
/// pattern that takes the pairs apart.
fn strategy_of(arguments: &[Argument<'_>], krate: &syn::Path) -> (TokenStream, TokenStream) {
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
struct Transition<'s, 'a> {
    name: &'s Ident,
    variant: Ident,
    sources: Vec<&'s State<'a>>,
    target: &'s State<'a>,
}

fn upper_camel(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut characters = part.chars();
            characters.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(characters).collect()
            })
        })
        .collect()
}

fn transitions<'s, 'a>(states: &'s [State<'a>]) -> Vec<Transition<'s, 'a>> {
    let mut found: Vec<Transition<'s, 'a>> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for state in states {
        for transition in &state.transitions {
            let key = transition.name.to_string();
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
fn bounds(arguments: &[&Argument<'_>], krate: &syn::Path, with_generate: bool) -> TokenStream {
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

/// `impl Clone` and `impl Debug` for a generated enum whose variants have named fields.
fn clone_and_debug(
    owner: &Ident,
    variants: &[(Ident, Vec<Argument<'_>>)],
    where_clause: &TokenStream,
) -> TokenStream {
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
        let name = ident.to_string();
        let fields = arguments.iter().map(|argument| {
            let binding = &argument.binding;
            let label = binding.to_string();
            quote!(.field(#label, #binding))
        });
        quote!(#pattern => f.debug_struct(#name) #(#fields)* .finish(),)
    });
    quote! {
        #[automatically_derived]
        impl ::core::clone::Clone for #owner where #where_clause {
            fn clone(&self) -> Self {
                match self {
                    #(#clone_arms)*
                }
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Debug for #owner where #where_clause {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(#debug_arms)*
                }
            }
        }
    }
}

/// The checks a constructor or `check` runs on a machine bound to `machine`.
fn rule_checks(context: &Context<'_, '_>, state: &State<'_>, at: &TokenStream) -> TokenStream {
    let krate = context.krate;
    let mut checks = TokenStream::new();
    if context.module.machine.has_rules() {
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

pub(crate) fn emit(context: &Context<'_, '_>) -> TokenStream {
    let has_initial = context
        .module
        .states
        .states
        .iter()
        .any(|state| state.initial.is_some());
    // A machine without an initial state has been reported already; nothing could start a test.
    if !context.generics.params.is_empty() || !has_initial {
        return TokenStream::new();
    }
    let krate = context.krate;
    let proptest = quote!(#krate::__private::proptest);
    let machine = context.machine;
    let machine_name = machine.to_string();
    let erased = context.erased;
    let vis = &context.module.states.item.vis;
    let states = &context.module.states.states;
    let state_id = format_ident!("{machine}StateId");
    let start_enum = format_ident!("{machine}Start");
    let step_enum = format_ident!("{machine}Step");
    let machine_arguments = arguments(context.module.machine.fields.iter().copied(), "machine_");
    let machine_rules = context.module.machine.has_rules();

    // States.
    let state_idents: Vec<&Ident> = states.iter().map(|state| state.ident).collect();
    let state_docs = state_idents
        .iter()
        .map(|ident| format!("The state [`{ident}`]."));
    let state_arms = state_idents
        .iter()
        .map(|ident| quote!(#erased::#ident(_) => #state_id::#ident,));

    // Constructors: one per initial state, with the machine's fields then the state's.
    let initial: Vec<&State<'_>> = states
        .iter()
        .filter(|state| state.initial.is_some())
        .collect();
    let mut start_variants = Vec::new();
    let mut start_strategies = Vec::new();
    let mut start_initial_arms = TokenStream::new();
    let mut start_expect_arms = TokenStream::new();
    let mut start_arms = TokenStream::new();
    let mut start_render_arms = TokenStream::new();
    let mut all_arguments: Vec<Argument<'_>> = Vec::new();
    for state in &initial {
        let ident = state.ident;
        let state_arguments = arguments(state.fields(), "field_");
        let mut call_arguments =
            arguments(context.module.machine.fields.iter().copied(), "machine_");
        call_arguments.extend(arguments(state.fields(), "field_"));
        let pattern = variant_pattern(&start_enum, ident, &call_arguments);
        let (strategy, pairs) = strategy_of(&call_arguments, krate);
        let construct = {
            let bindings = call_arguments.iter().map(|argument| &argument.binding);
            quote!(<#machine<#ident>>::new(#(::core::clone::Clone::clone(#bindings)),*))
        };
        let bindings: Vec<&Ident> = call_arguments
            .iter()
            .map(|argument| &argument.binding)
            .collect();
        start_strategies.push(quote! {
            #proptest::strategy::Strategy::boxed(#proptest::strategy::Strategy::prop_map(
                #strategy,
                |#pairs| #pattern,
            ))
        });
        start_initial_arms.extend(quote!(#pattern => #state_id::#ident,));
        let machine_fields = machine_arguments.iter().map(|argument| &argument.binding);
        let machine_values = machine_arguments.iter().map(|argument| {
            let binding = &argument.binding;
            quote!(::core::clone::Clone::clone(#binding))
        });
        let state_value = build_state(state, &state_arguments, true);
        let checks = rule_checks(context, state, &quote!(#krate::Location::root()));
        if checks.is_empty() {
            start_expect_arms.extend(quote!(#pattern => ::core::result::Result::Ok(()),));
        } else {
            start_expect_arms.extend(quote! {
                #pattern => {
                    let machine = &#machine { #(#machine_fields: #machine_values,)* state: #state_value };
                    let mut violations = #krate::Violations::new();
                    #checks
                    violations.into_result()
                }
            });
        }
        if machine_rules || state.has_rules() {
            start_arms.extend(quote! {
                #pattern => ::core::result::Result::map(#construct, #erased::#ident),
            });
        } else {
            start_arms.extend(quote! {
                #pattern => ::core::result::Result::Ok(#erased::#ident(#construct)),
            });
        }
        let call = if initial.len() > 1 {
            format!("{machine}::<{ident}>::new")
        } else {
            format!("{machine}::new")
        };
        start_render_arms.extend(quote! {
            #pattern => #krate::proptest::render_call(out, #call, &[#(#bindings as &dyn ::core::fmt::Debug),*]),
        });
        let doc = format!("`{call}(..)`: a new machine in state [`{ident}`].");
        start_variants.push((ident.clone(), call_arguments, doc));
    }

    // Transitions: the arguments are the target state's fields.
    let found = transitions(states);
    let mut step_variants = Vec::new();
    let mut steps_by_state: Vec<Vec<TokenStream>> = states.iter().map(|_| Vec::new()).collect();
    let mut target_arms = TokenStream::new();
    let mut allows_arms = TokenStream::new();
    let mut expect_arms = TokenStream::new();
    let mut apply_arms = TokenStream::new();
    let mut render_arms = TokenStream::new();
    for transition in &found {
        let variant = &transition.variant;
        let target = transition.target.ident;
        let step_arguments = arguments(transition.target.fields(), "field_");
        let pattern = variant_pattern(&step_enum, variant, &step_arguments);
        let (strategy, pairs) = strategy_of(&step_arguments, krate);
        for source in &transition.sources {
            if let Some(position) = states.iter().position(|state| state.ident == source.ident) {
                steps_by_state[position].push(quote! {
                    #proptest::strategy::Strategy::boxed(#proptest::strategy::Strategy::prop_map(
                        #strategy,
                        |#pairs| #pattern,
                    ))
                });
            }
        }
        target_arms.extend(quote!(#pattern => #state_id::#target,));
        let sources = transition.sources.iter().map(|source| source.ident);
        let wildcard = variant_pattern_wildcard(&step_enum, variant, &step_arguments);
        allows_arms.extend(quote!((#(#state_id::#sources)|*, #wildcard) => true,));
        if transition.target.has_rules() {
            let state_value = build_state(transition.target, &step_arguments, true);
            expect_arms.extend(quote! {
                #pattern => #krate::Invariant::check(&#state_value),
            });
        }
        let name = transition.name;
        let bindings: Vec<&Ident> = step_arguments
            .iter()
            .map(|argument| &argument.binding)
            .collect();
        let call_arguments: Vec<TokenStream> = bindings
            .iter()
            .map(|binding| quote!(::core::clone::Clone::clone(#binding)))
            .collect();
        for source in &transition.sources {
            let source = source.ident;
            let call = quote!(machine.#name(#(#call_arguments),*));
            if transition.target.has_rules() {
                apply_arms.extend(quote! {
                    (#erased::#source(machine), #pattern) => match #call {
                        ::core::result::Result::Ok(machine) => ::core::result::Result::Ok(#erased::#target(machine)),
                        ::core::result::Result::Err(rejected) => ::core::result::Result::Err(#krate::Rejected {
                            machine: #erased::#source(rejected.machine),
                            violations: rejected.violations,
                        }),
                    },
                });
            } else {
                apply_arms.extend(quote! {
                    (#erased::#source(machine), #pattern) => ::core::result::Result::Ok(#erased::#target(#call)),
                });
            }
        }
        let rendered = format!(".{}", name.to_string().trim_start_matches("r#"));
        render_arms.extend(quote! {
            #pattern => #krate::proptest::render_call(out, #rendered, &[#(#bindings as &dyn ::core::fmt::Debug),*]),
        });
        let doc = format!("`{rendered}(..)`: to [`{target}`].");
        step_variants.push((variant.clone(), step_arguments, doc));
    }
    let steps_arms = states.iter().zip(&steps_by_state).map(|(state, strategies)| {
        let ident = state.ident;
        if strategies.is_empty() {
            quote!(#state_id::#ident => ::core::option::Option::None,)
        } else {
            quote! {
                #state_id::#ident => ::core::option::Option::Some(#proptest::strategy::Strategy::boxed(
                    #proptest::strategy::Union::new([#(#strategies),*])
                )),
            }
        }
    });
    let check_arms = states.iter().map(|state| {
        let ident = state.ident;
        let checks = rule_checks(context, state, &quote!(#krate::Location::root()));
        if checks.is_empty() {
            quote!(#erased::#ident(_) => ::core::result::Result::Ok(()),)
        } else {
            quote! {
                #erased::#ident(machine) => {
                    let mut violations = #krate::Violations::new();
                    #checks
                    violations.into_result()
                }
            }
        }
    });

    for (_, arguments, _) in start_variants.iter().chain(&step_variants) {
        all_arguments.extend(arguments.iter().map(|argument| Argument {
            binding: argument.binding.clone(),
            name: argument.name,
            ty: argument.ty,
            strategy: argument.strategy.clone(),
        }));
    }
    let argument_refs: Vec<&Argument<'_>> = all_arguments.iter().collect();
    let data_bounds = bounds(&argument_refs, krate, false);
    let test_bounds = bounds(&argument_refs, krate, true);

    let start_declarations: Vec<TokenStream> = start_variants
        .iter()
        .map(|(ident, arguments, doc)| variant_declaration(ident, arguments, doc))
        .collect();
    let step_declarations: Vec<TokenStream> = step_variants
        .iter()
        .map(|(ident, arguments, doc)| variant_declaration(ident, arguments, doc))
        .collect();
    let start_pairs: Vec<(Ident, Vec<Argument<'_>>)> = start_variants
        .into_iter()
        .map(|(ident, arguments, _)| (ident, arguments))
        .collect();
    let step_pairs: Vec<(Ident, Vec<Argument<'_>>)> = step_variants
        .into_iter()
        .map(|(ident, arguments, _)| (ident, arguments))
        .collect();
    let start_impls = clone_and_debug(&start_enum, &start_pairs, &data_bounds);
    let step_impls = clone_and_debug(&step_enum, &step_pairs, &data_bounds);
    let first_initial = initial.first().map(|state| state.ident);
    let checker = first_initial.map(|ident| {
        quote! {
            #[allow(dead_code)]
            impl #machine<#ident> {
                #[doc(hidden)]
                #[must_use]
                pub fn __guard_checker() -> #krate::proptest::Checker<#erased>
                where
                    #test_bounds
                {
                    #krate::proptest::Checker::new()
                }
            }
        }
    });
    let state_id_doc = format!("The states of [`{machine}`], without their data (property tests).");
    let start_doc =
        format!("A call that creates a [`{machine}`], with its arguments (property tests).");
    let step_doc =
        format!("A transition call of [`{machine}`], with its arguments (property tests).");
    let no_step = if step_pairs.is_empty() {
        quote!(_ => ::core::unreachable!(),)
    } else {
        TokenStream::new()
    };

    quote! {
        #krate::__private::if_proptest! {
            #[doc = #state_id_doc]
            #[allow(dead_code)]
            #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq)]
            #vis enum #state_id {
                #(#[doc = #state_docs] #state_idents,)*
            }

            #[doc = #start_doc]
            #[allow(dead_code)]
            #vis enum #start_enum {
                #(#start_declarations)*
            }

            #[doc = #step_doc]
            #[allow(dead_code)]
            #vis enum #step_enum {
                #(#step_declarations)*
            }

            #start_impls
            #step_impls

            #[automatically_derived]
            #[allow(unreachable_patterns, clippy::match_same_arms, clippy::match_single_binding, clippy::too_many_lines)]
            impl #krate::proptest::TestableMachine for #erased
            where
                #test_bounds
            {
                const NAME: &'static ::core::primitive::str = #machine_name;
                const STATES: &'static [#state_id] = &[#(#state_id::#state_idents),*];
                type State = #state_id;
                type Start = #start_enum;
                type Step = #step_enum;

                fn state_index(state: #state_id) -> ::core::primitive::usize {
                    state as ::core::primitive::usize
                }

                fn starts() -> #proptest::strategy::BoxedStrategy<#start_enum> {
                    #proptest::strategy::Strategy::boxed(#proptest::strategy::Union::new([
                        #(#start_strategies),*
                    ]))
                }

                fn steps(from: #state_id) -> ::core::option::Option<#proptest::strategy::BoxedStrategy<#step_enum>> {
                    match from {
                        #(#steps_arms)*
                    }
                }

                fn initial_state(start: &#start_enum) -> #state_id {
                    match start {
                        #start_initial_arms
                    }
                }

                fn target(step: &#step_enum) -> #state_id {
                    match step {
                        #target_arms
                        #no_step
                    }
                }

                fn allows(from: #state_id, step: &#step_enum) -> ::core::primitive::bool {
                    match (from, step) {
                        #allows_arms
                        _ => false,
                    }
                }

                fn expect_start(start: &#start_enum) -> ::core::result::Result<(), #krate::Violations> {
                    match start {
                        #start_expect_arms
                    }
                }

                fn expect(step: &#step_enum) -> ::core::result::Result<(), #krate::Violations> {
                    match step {
                        #expect_arms
                        _ => ::core::result::Result::Ok(()),
                    }
                }

                fn start(start: &#start_enum) -> ::core::result::Result<Self, #krate::Violations> {
                    match start {
                        #start_arms
                    }
                }

                fn apply(self, step: &#step_enum) -> ::core::result::Result<Self, #krate::Rejected<Self>> {
                    match (self, step) {
                        #apply_arms
                        _ => ::core::unreachable!("the checker applies only the transitions of the machine's state"),
                    }
                }

                fn state(&self) -> #state_id {
                    match self {
                        #(#state_arms)*
                    }
                }

                fn check(&self) -> ::core::result::Result<(), #krate::Violations> {
                    match self {
                        #(#check_arms)*
                    }
                }

                fn render_start(start: &#start_enum, out: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match start {
                        #start_render_arms
                    }
                }

                fn render_step(step: &#step_enum, out: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match step {
                        #render_arms
                        #no_step
                    }
                }
            }

            #checker
        }
    }
}

/// `Ship { .. }`: a pattern that matches the variant whatever its arguments.
fn variant_pattern_wildcard(
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
