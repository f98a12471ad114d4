//! The property-test description of a machine: `stateguard::proptest::TestableMachine` for the
//! erased enum, with the types it names (`OrderStateId`, `OrderStart`, `OrderStep`), all wrapped
//! in `if_proptest!` so that they exist only when stateguard's `proptest` feature is on.
//!
//! Arguments are drawn from `stateguard::proptest::Generate`, or from the strategy a field names
//! with `#[strategy(expr)]`. Every requirement on a field's type (`Generate`, `Clone`, `Debug`) is a
//! `for<'__guard>` bound on the items that need it: a machine whose types lack one simply has no
//! test description, and compiles as before; the error shows where a test asks for it.
//!
//! Generic machines get a generic description (`TestableMachine for OrderState<T>`, the parameters
//! `'static`); machines with lifetime parameters get none, since drawn values live as long as the
//! test. The helpers live in `parts`.

use crate::typestate::generics::{applied, subset};
use crate::typestate::model::Model;
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{GenericParam, Ident};

mod parts;
#[cfg(test)]
mod tests;

use parts::{
    Argument, arguments, bounds, build_state, clone_and_debug, declaration_generics, initial_type,
    predicates, rule_checks, strategy_of, transitions, types_of, variant_declaration,
    variant_pattern, variant_pattern_wildcard,
};

pub(crate) fn emit(model: &Model<'_, '_>) -> TokenStream {
    // A step into a state with carried fields cannot say by itself whether it will be rejected
    // (the carried values come from the machine): such machines get no description yet.
    if !model.module.carried.is_empty() {
        return TokenStream::new();
    }
    let has_initial = model
        .module
        .states
        .states
        .iter()
        .any(|state| state.initial.is_some());
    let has_lifetime = model
        .generics
        .params
        .iter()
        .any(|param| matches!(param, GenericParam::Lifetime(_)));
    // A machine without an initial state has been reported already; nothing could start a test.
    // Drawn values live as long as the test (`'static`): machines that borrow have no description.
    if has_lifetime || !has_initial {
        return TokenStream::new();
    }
    let krate = model.krate;
    let proptest = quote!(#krate::__private::proptest);
    let machine = model.machine;
    let machine_name = machine.unraw().to_string();
    let erased = model.erased;
    let vis = &model.module.states.item.vis;
    let states = &model.module.states.states;
    let state_id = format_ident!("{machine}StateId");
    let start_enum = format_ident!("{machine}Start");
    let step_enum = format_ident!("{machine}Step");
    let machine_arguments = arguments(model.module.machine.fields.iter().copied(), "machine_");
    let machine_rules = model.module.machine.has_rules();

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
    let mut start_fallible_arms = TokenStream::new();
    for state in &initial {
        let ident = state.ident;
        let state_arguments = arguments(state.fields(), "field_");
        let mut call_arguments = arguments(model.module.machine.fields.iter().copied(), "machine_");
        call_arguments.extend(arguments(state.fields(), "field_"));
        let pattern = variant_pattern(&start_enum, ident, &call_arguments);
        let (strategy, pairs) = strategy_of(&call_arguments, krate);
        let construct = {
            let bindings = call_arguments.iter().map(|argument| &argument.binding);
            let machine_type = model.machine_type(&initial_type(model, state));
            quote!(<#machine_type>::new(#(::core::clone::Clone::clone(#bindings)),*))
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
        let wildcard = variant_pattern_wildcard(&start_enum, ident, &call_arguments);
        start_initial_arms.extend(quote!(#wildcard => #state_id::#ident,));
        let machine_fields = machine_arguments.iter().map(|argument| &argument.binding);
        let machine_values = machine_arguments.iter().map(|argument| {
            let binding = &argument.binding;
            quote!(::core::clone::Clone::clone(#binding))
        });
        let state_value = build_state(model, state, &state_arguments, true);
        let checks = rule_checks(model, state, &quote!(#krate::Location::root()));
        if checks.is_empty() {
            start_expect_arms.extend(quote!(#wildcard => ::core::result::Result::Ok(()),));
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
            start_fallible_arms.extend(quote!(#wildcard => true,));
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
            #pattern => #krate::proptest::render_call(out, #call, &[#(&(&&#krate::proptest::__argument::Argument(#bindings)).code() as &dyn ::core::fmt::Debug),*]),
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
    let mut fallible_arms = TokenStream::new();
    for transition in &found {
        let variant = &transition.variant;
        let target = transition.target.ident;
        let own_fields = transition
            .target
            .fields()
            .filter(|field| !model.is_carried(transition.target, field));
        let step_arguments = arguments(own_fields, "field_");
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
        let wildcard = variant_pattern_wildcard(&step_enum, variant, &step_arguments);
        target_arms.extend(quote!(#wildcard => #state_id::#target,));
        let sources = transition.sources.iter().map(|source| source.ident);
        allows_arms.extend(quote!((#(#state_id::#sources)|*, #wildcard) => true,));
        if transition.target.has_rules() {
            fallible_arms.extend(quote!(#wildcard => true,));
            let state_value = build_state(model, transition.target, &step_arguments, true);
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
            #pattern => #krate::proptest::render_call(out, #rendered, &[#(&(&&#krate::proptest::__argument::Argument(#bindings)).code() as &dyn ::core::fmt::Debug),*]),
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
        let checks = rule_checks(model, state, &quote!(#krate::Location::root()));
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

    let start_refs: Vec<&Argument<'_>> = start_variants
        .iter()
        .flat_map(|(_, arguments, _)| arguments.iter())
        .collect();
    let step_refs: Vec<&Argument<'_>> = step_variants
        .iter()
        .flat_map(|(_, arguments, _)| arguments.iter())
        .collect();
    let start_bounds = bounds(&start_refs, krate, false);
    let step_bounds = bounds(&step_refs, krate, false);
    let all_refs: Vec<&Argument<'_>> = start_refs.iter().chain(&step_refs).copied().collect();
    let test_bounds = bounds(&all_refs, krate, true);

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
    let start_generics = subset(&model.generics, types_of(&start_pairs));
    let step_generics = subset(&model.generics, types_of(&step_pairs));
    let start_type = applied(&start_enum, &start_generics);
    let step_type = applied(&step_enum, &step_generics);
    let (start_params, start_where) = declaration_generics(&start_generics);
    let (step_params, step_where) = declaration_generics(&step_generics);
    let start_impls = clone_and_debug(&start_enum, &start_pairs, &start_generics, &start_bounds);
    let step_impls = clone_and_debug(&step_enum, &step_pairs, &step_generics, &step_bounds);
    let (impl_generics, _, _) = model.generics.split_for_impl();
    let erased_type = applied(erased, &model.generics);
    let machine_predicates = predicates(&model.generics);
    // `restore` and the checks need what the rules need (`P: Invariant` for a `nested` field of a
    // type parameter); always true for a machine without parameters.
    let invariant_bounds = crate::typestate::model::restore_bounds(model);
    let static_params = model
        .generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => {
                let ident = &param.ident;
                Some(quote!(#ident: 'static,))
            }
            _ => None,
        });
    let static_params = quote!(#(#static_params)*);
    // `Order::__guard_checker()` can only infer a machine without parameters; a generic machine
    // is checked by naming its erased type: `check_machine!(OrderState<u32>)`.
    let first_initial = initial
        .first()
        .filter(|_| model.generics.params.is_empty())
        .map(|state| state.ident);
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
        format!("A constructor call of [`{machine}`], with its arguments (property tests).");
    let step_doc =
        format!("A transition call of [`{machine}`], with its arguments (property tests).");
    // Generated, not run by the macro: a machine without transitions has an uninhabited step
    // enum, so the arm can never be taken at run time either.
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
            #vis enum #start_enum #start_params #start_where {
                #(#start_declarations)*
            }

            #[doc = #step_doc]
            #[allow(dead_code)]
            #vis enum #step_enum #step_params #step_where {
                #(#step_declarations)*
            }

            #start_impls
            #step_impls

            #[automatically_derived]
            #[allow(unreachable_patterns, clippy::match_same_arms, clippy::match_single_binding, clippy::too_many_lines)]
            impl #impl_generics #krate::proptest::TestableMachine for #erased_type
            where
                #machine_predicates
                #static_params
                #test_bounds
                #(#invariant_bounds,)*
            {
                const NAME: &'static ::core::primitive::str = #machine_name;
                const STATES: &'static [#state_id] = &[#(#state_id::#state_idents),*];
                type State = #state_id;
                type Start = #start_type;
                type Step = #step_type;

                fn state_index(state: #state_id) -> ::core::primitive::usize {
                    state as ::core::primitive::usize
                }

                fn starts() -> #proptest::strategy::BoxedStrategy<Self::Start> {
                    #proptest::strategy::Strategy::boxed(#proptest::strategy::Union::new([
                        #(#start_strategies),*
                    ]))
                }

                fn steps(from: #state_id) -> ::core::option::Option<#proptest::strategy::BoxedStrategy<Self::Step>> {
                    match from {
                        #(#steps_arms)*
                    }
                }

                fn initial_state(start: &Self::Start) -> #state_id {
                    match start {
                        #start_initial_arms
                    }
                }

                fn target(step: &Self::Step) -> #state_id {
                    match step {
                        #target_arms
                        #no_step
                    }
                }

                fn allows(from: #state_id, step: &Self::Step) -> ::core::primitive::bool {
                    match (from, step) {
                        #allows_arms
                        _ => false,
                    }
                }

                fn expect_start(start: &Self::Start) -> ::core::result::Result<(), #krate::Violations> {
                    match start {
                        #start_expect_arms
                    }
                }

                fn expect(step: &Self::Step) -> ::core::result::Result<(), #krate::Violations> {
                    match step {
                        #expect_arms
                        _ => ::core::result::Result::Ok(()),
                    }
                }

                fn fallible_start(start: &Self::Start) -> ::core::primitive::bool {
                    match start {
                        #start_fallible_arms
                        _ => false,
                    }
                }

                fn fallible(step: &Self::Step) -> ::core::primitive::bool {
                    match step {
                        #fallible_arms
                        _ => false,
                    }
                }

                fn start(start: &Self::Start) -> ::core::result::Result<Self, #krate::Violations> {
                    match start {
                        #start_arms
                    }
                }

                fn apply(self, step: &Self::Step) -> ::core::result::Result<Self, #krate::Rejected<Self>> {
                    match (self, step) {
                        #apply_arms
                        // The checker applies only the transitions of the machine's state; any
                        // other caller gets the machine back unchanged, never a panic.
                        (machine, _) => {
                            let mut violations = #krate::Violations::new();
                            violations.push(
                                &#krate::Location::root(),
                                "transition",
                                "the machine's state has no such transition; the machine is unchanged",
                            );
                            ::core::result::Result::Err(#krate::Rejected { machine, violations })
                        }
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

                fn render_start(start: &Self::Start, out: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #[allow(unused_imports)]
                    use #krate::proptest::__argument::{DebugCode as _, StringCode as _, VecCode as _};
                    match start {
                        #start_render_arms
                    }
                }

                fn render_step(step: &Self::Step, out: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #[allow(unused_imports)]
                    use #krate::proptest::__argument::{DebugCode as _, StringCode as _, VecCode as _};
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
