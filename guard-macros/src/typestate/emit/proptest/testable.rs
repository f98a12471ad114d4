//! `TestableMachine for OrderState`: one method per function of the test description, each
//! reading the constructors and steps of the [`Description`].

use super::parts::{arguments, build_state, predicates, rule_checks};
use super::{Description, Start, Step};
use crate::typestate::generics::applied;
use proc_macro2::TokenStream;
use quote::quote;
use syn::GenericParam;
use syn::ext::IdentExt;

impl Description<'_, '_, '_> {
    /// `impl TestableMachine for OrderState`.
    pub(super) fn testable_impl(&self) -> TokenStream {
        let krate = self.krate;
        let model = self.model;
        let (impl_generics, _, _) = model.generics.split_for_impl();
        let erased_type = applied(model.erased, &model.generics);
        let machine_predicates = predicates(&model.generics);
        let static_params = self.static_params();
        let test_bounds = self.test_bounds();
        // `restore` and the checks need what the rules need (`P: Invariant` for a `nested` field
        // of a type parameter); always true for a machine without parameters.
        let invariant_bounds = crate::typestate::model::restore_bounds(model);
        let associated = self.associated();
        let starts = self.starts_fn();
        let steps = self.steps_fn();
        let calls = self.call_fns();
        let machines = self.machine_fns();
        let renders = self.render_fns();
        quote! {
            #[automatically_derived]
            #[allow(unreachable_patterns, clippy::match_same_arms, clippy::match_single_binding, clippy::too_many_lines)]
            impl #impl_generics #krate::proptest::TestableMachine for #erased_type
            where
                #machine_predicates
                #static_params
                #test_bounds
                #(#invariant_bounds,)*
            {
                #associated
                #starts
                #steps
                #calls
                #machines
                #renders
            }
        }
    }

    /// `T: 'static` for each type parameter: drawn values live as long as the test.
    fn static_params(&self) -> TokenStream {
        let params = self
            .model
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
        quote!(#(#params)*)
    }

    /// `NAME`, `STATES`, the associated types and `state_index`.
    fn associated(&self) -> TokenStream {
        let state_id = &self.state_id;
        let machine_name = self.model.machine.unraw().to_string();
        let idents = self.states().iter().map(|state| state.ident);
        let start_type = applied(&self.start_enum, &self.start_generics);
        let step_type = applied(&self.step_enum, &self.step_generics);
        quote! {
            const NAME: &'static ::core::primitive::str = #machine_name;
            const STATES: &'static [#state_id] = &[#(#state_id::#idents),*];
            type State = #state_id;
            type Start = #start_type;
            type Step = #step_type;

            fn state_index(state: #state_id) -> ::core::primitive::usize {
                state as ::core::primitive::usize
            }
        }
    }

    /// `starts`: one strategy per constructor.
    fn starts_fn(&self) -> TokenStream {
        let proptest = &self.proptest;
        let strategies = self
            .starts
            .iter()
            .map(|start| self.strategy(&start.arguments, &start.pattern));
        quote! {
            fn starts() -> #proptest::strategy::BoxedStrategy<Self::Start> {
                #proptest::strategy::Strategy::boxed(#proptest::strategy::Union::new([
                    #(#strategies),*
                ]))
            }
        }
    }

    /// `steps`: per state, the strategies of the steps that leave it.
    fn steps_fn(&self) -> TokenStream {
        let proptest = &self.proptest;
        let state_id = &self.state_id;
        let arms = self.states().iter().map(|state| {
            let ident = state.ident;
            let strategies: Vec<TokenStream> = self
                .steps
                .iter()
                .filter(|step| {
                    step.transition
                        .sources
                        .iter()
                        .any(|source| source.ident == ident)
                })
                .map(|step| self.strategy(&step.arguments, &step.pattern))
                .collect();
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
        quote! {
            fn steps(from: #state_id) -> ::core::option::Option<#proptest::strategy::BoxedStrategy<Self::Step>> {
                match from {
                    #(#arms)*
                }
            }
        }
    }

    /// What a call says before it is made (the state it reaches, whether the state allows it,
    /// what it should be rejected for, whether it can be rejected at all); then the calls.
    fn call_fns(&self) -> TokenStream {
        let predictions = self.prediction_fns();
        let expectations = self.expectation_fns();
        let start = self.start_fn();
        let apply = self.apply_fn();
        quote! {
            #predictions
            #expectations
            #start
            #apply
        }
    }

    /// `initial_state`, `target` and `allows`: where a call leads, and from where.
    fn prediction_fns(&self) -> TokenStream {
        let state_id = &self.state_id;
        let no_step = self.no_step();
        let initial_arms = self.starts.iter().map(|start| {
            let (wildcard, ident) = (&start.wildcard, start.state.ident);
            quote!(#wildcard => #state_id::#ident,)
        });
        let target_arms = self.steps.iter().map(|step| {
            let (wildcard, target) = (&step.wildcard, step.transition.target.ident);
            quote!(#wildcard => #state_id::#target,)
        });
        let allows_arms = self.steps.iter().map(|step| {
            let wildcard = &step.wildcard;
            let sources = step.transition.sources.iter().map(|source| source.ident);
            quote!((#(#state_id::#sources)|*, #wildcard) => true,)
        });
        quote! {
            fn initial_state(start: &Self::Start) -> #state_id {
                match start {
                    #(#initial_arms)*
                }
            }

            fn target(step: &Self::Step) -> #state_id {
                match step {
                    #(#target_arms)*
                    #no_step
                }
            }

            fn allows(from: #state_id, step: &Self::Step) -> ::core::primitive::bool {
                match (from, step) {
                    #(#allows_arms)*
                    _ => false,
                }
            }
        }
    }

    /// `expect_start`, `expect`, `expect_after`, `fallible_start` and `fallible`: what the rules
    /// say of a call's arguments, and whether they can say anything.
    fn expectation_fns(&self) -> TokenStream {
        let krate = self.krate;
        let expect_after = self.expect_after_fn();
        let expect_start_arms = self.starts.iter().map(|start| self.expect_start_arm(start));
        let expect_arms = self.steps.iter().filter_map(|step| self.expect_arm(step));
        let fallible_start_arms = self
            .starts
            .iter()
            .filter(|start| self.start_is_fallible(start))
            .map(|start| &start.wildcard);
        let fallible_arms = self
            .steps
            .iter()
            .filter(|step| step.transition.target.has_rules())
            .map(|step| &step.wildcard);
        quote! {
            fn expect_start(start: &Self::Start) -> ::core::result::Result<(), #krate::Violations> {
                match start {
                    #(#expect_start_arms)*
                }
            }

            fn expect(step: &Self::Step) -> ::core::result::Result<(), #krate::Violations> {
                match step {
                    #(#expect_arms)*
                    _ => ::core::result::Result::Ok(()),
                }
            }

            #expect_after

            fn fallible_start(start: &Self::Start) -> ::core::primitive::bool {
                match start {
                    #(#fallible_start_arms => true,)*
                    _ => false,
                }
            }

            fn fallible(step: &Self::Step) -> ::core::primitive::bool {
                match step {
                    #(#fallible_arms => true,)*
                    _ => false,
                }
            }
        }
    }

    /// A constructor can be rejected when the machine or its state has rules.
    fn start_is_fallible(&self, start: &Start<'_, '_>) -> bool {
        self.model.module.machine.has_rules() || start.state.has_rules()
    }

    /// What the constructor's rules say of its arguments, found without calling it.
    fn expect_start_arm(&self, start: &Start<'_, '_>) -> TokenStream {
        let krate = self.krate;
        let checks = rule_checks(self.model, start.state, &quote!(#krate::Location::root()));
        let (pattern, wildcard) = (&start.pattern, &start.wildcard);
        if checks.is_empty() {
            return quote!(#wildcard => ::core::result::Result::Ok(()),);
        }
        let machine = self.model.machine;
        let machine_fields = self
            .machine_arguments
            .iter()
            .map(|argument| &argument.binding);
        let machine_values = self.machine_arguments.iter().map(|argument| {
            let binding = &argument.binding;
            quote!(::core::clone::Clone::clone(#binding))
        });
        let state_value = build_state(self.model, start.state, &start.state_arguments, true);
        quote! {
            #pattern => {
                let machine = &#machine { #(#machine_fields: #machine_values,)* state: #state_value };
                let mut violations = #krate::Violations::new();
                #checks
                violations.into_result()
            }
        }
    }

    /// What the target state's rules say of a step's arguments, when it has rules and carries
    /// nothing (`expect_after` answers for a carrying state).
    fn expect_arm(&self, step: &Step<'_, '_>) -> Option<TokenStream> {
        let target = step.transition.target;
        if !target.has_rules() || !self.model.carried_fields(target).is_empty() {
            return None;
        }
        let krate = self.krate;
        let pattern = &step.pattern;
        let state_value = build_state(self.model, target, &step.arguments, true);
        Some(quote! {
            #pattern => #krate::Invariant::check(&#state_value),
        })
    }

    /// `expect_after`, for a machine with a state that has rules and carries fields: a step into
    /// it is checked with its own arguments and the carried values, read from the calls accepted
    /// before it. Any other step is `expect`'s. Nothing for a machine without such a state (the
    /// trait's default is `expect`).
    fn expect_after_fn(&self) -> TokenStream {
        let krate = self.krate;
        let arms: Vec<TokenStream> = self
            .steps
            .iter()
            .filter_map(|step| self.expect_after_arm(step))
            .collect();
        if arms.is_empty() {
            return TokenStream::new();
        }
        quote! {
            fn expect_after(
                __guard_start: &Self::Start,
                __guard_accepted: &[Self::Step],
                step: &Self::Step,
            ) -> ::core::result::Result<(), #krate::Violations> {
                match step {
                    #(#arms)*
                    _ => Self::expect(step),
                }
            }
        }
    }

    /// The arm of `expect_after` for a step into a carrying state with rules.
    fn expect_after_arm(&self, step: &Step<'_, '_>) -> Option<TokenStream> {
        let target = step.transition.target;
        let carried = self.model.carried_fields(target);
        if carried.is_empty() || !target.has_rules() {
            return None;
        }
        let krate = self.krate;
        let pattern = &step.pattern;
        let lookups = carried.iter().filter_map(|field| {
            let name = field.ident.as_ref()?;
            let lookup = self.carried_lookup(name);
            // `None` only for a sequence that is not legal: the state a step into the carrying
            // state leaves holds the field (the macro checks it), so some call gave it a value.
            Some(quote! {
                let ::core::option::Option::Some(#name) = (#lookup) else {
                    return ::core::result::Result::Ok(());
                };
            })
        });
        let state_value = build_state(
            self.model,
            target,
            &arguments(target.fields(), "field_"),
            true,
        );
        Some(quote! {
            #pattern => {
                #(#lookups)*
                #krate::Invariant::check(&#state_value)
            }
        })
    }

    /// The value of the field `name` in the state a sequence is in: the argument of the last
    /// accepted call into a state that declares it, back through the calls into states that
    /// carry it, or the constructor's. An expression of type `Option<&Field>`.
    fn carried_lookup(&self, name: &syn::Ident) -> TokenStream {
        let model = self.model;
        let mut giving = Vec::new();
        let mut passing = Vec::new();
        for step in &self.steps {
            let target = step.transition.target;
            let Some(field) = target
                .fields()
                .find(|field| field.ident.as_ref() == Some(name))
            else {
                continue;
            };
            let (owner, variant) = (&self.step_enum, &step.transition.variant);
            if model.is_carried(target, field) {
                passing.push(&step.wildcard);
            } else {
                giving.push(quote!(#owner::#variant { #name, .. }));
            }
        }
        let starting = self
            .starts
            .iter()
            .filter(|start| {
                start
                    .state_arguments
                    .iter()
                    .any(|argument| argument.binding == *name)
            })
            .map(|start| {
                let (owner, ident) = (&self.start_enum, start.state.ident);
                quote!(#owner::#ident { #name, .. })
            });
        let passing = (!passing.is_empty()).then(|| quote!(#(#passing)|* => {}));
        quote! {
            '__guard_found: {
                for __guard_earlier in ::core::iter::Iterator::rev(__guard_accepted.iter()) {
                    match __guard_earlier {
                        #(#giving => break '__guard_found ::core::option::Option::Some(#name),)*
                        #passing
                        _ => break '__guard_found ::core::option::Option::None,
                    }
                }
                match __guard_start {
                    #(#starting => ::core::option::Option::Some(#name),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }

    /// `start`: each constructor, called.
    fn start_fn(&self) -> TokenStream {
        let krate = self.krate;
        let erased = self.model.erased;
        let arms = self.starts.iter().map(|start| {
            let ident = start.state.ident;
            let pattern = &start.pattern;
            let bindings = start.arguments.iter().map(|argument| &argument.binding);
            let machine_type = self
                .model
                .machine_type(&super::parts::initial_type(self.model, start.state));
            let construct =
                quote!(<#machine_type>::new(#(::core::clone::Clone::clone(#bindings)),*));
            if self.start_is_fallible(start) {
                quote!(#pattern => ::core::result::Result::map(#construct, #erased::#ident),)
            } else {
                quote!(#pattern => ::core::result::Result::Ok(#erased::#ident(#construct)),)
            }
        });
        quote! {
            fn start(start: &Self::Start) -> ::core::result::Result<Self, #krate::Violations> {
                match start {
                    #(#arms)*
                }
            }
        }
    }

    /// `apply`: each step, called on each state it leaves; any other pair is refused.
    fn apply_fn(&self) -> TokenStream {
        let krate = self.krate;
        let arms = self.steps.iter().flat_map(|step| self.apply_arms(step));
        quote! {
            fn apply(self, step: &Self::Step) -> ::core::result::Result<Self, #krate::Rejected<Self>> {
                match (self, step) {
                    #(#arms)*
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
        }
    }

    /// One arm of `apply` per state the step leaves.
    fn apply_arms(&self, step: &Step<'_, '_>) -> Vec<TokenStream> {
        let krate = self.krate;
        let erased = self.model.erased;
        let name = step.transition.name;
        let target = step.transition.target.ident;
        let pattern = &step.pattern;
        let values = step.arguments.iter().map(|argument| {
            let binding = &argument.binding;
            quote!(::core::clone::Clone::clone(#binding))
        });
        let call = quote!(machine.#name(#(#values),*));
        let fallible = step.transition.target.has_rules();
        step.transition
            .sources
            .iter()
            .map(|source| {
                let source = source.ident;
                if fallible {
                    quote! {
                        (#erased::#source(machine), #pattern) => match #call {
                            ::core::result::Result::Ok(machine) => ::core::result::Result::Ok(#erased::#target(machine)),
                            ::core::result::Result::Err(rejected) => ::core::result::Result::Err(#krate::Rejected {
                                machine: #erased::#source(rejected.machine),
                                violations: rejected.violations,
                            }),
                        },
                    }
                } else {
                    quote! {
                        (#erased::#source(machine), #pattern) => ::core::result::Result::Ok(#erased::#target(#call)),
                    }
                }
            })
            .collect()
    }

    /// `state` and `check`: what a machine is in, and what its rules say of it.
    fn machine_fns(&self) -> TokenStream {
        let krate = self.krate;
        let erased = self.model.erased;
        let state_id = &self.state_id;
        let state_arms = self.states().iter().map(|state| {
            let ident = state.ident;
            quote!(#erased::#ident(_) => #state_id::#ident,)
        });
        let check_arms = self.states().iter().map(|state| {
            let ident = state.ident;
            let checks = rule_checks(self.model, state, &quote!(#krate::Location::root()));
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
        quote! {
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
        }
    }

    /// `render_start` and `render_step`: a call written as code.
    fn render_fns(&self) -> TokenStream {
        let krate = self.krate;
        let no_step = self.no_step();
        let start_arms = self
            .starts
            .iter()
            .map(|start| self.render_arm(&start.pattern, &start.call, &start.arguments));
        let step_arms = self
            .steps
            .iter()
            .map(|step| self.render_arm(&step.pattern, &step.rendered, &step.arguments));
        quote! {
            fn render_start(start: &Self::Start, out: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #[allow(unused_imports)]
                use #krate::proptest::__argument::{DebugCode as _, StringCode as _, VecCode as _};
                match start {
                    #(#start_arms)*
                }
            }

            fn render_step(step: &Self::Step, out: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #[allow(unused_imports)]
                use #krate::proptest::__argument::{DebugCode as _, StringCode as _, VecCode as _};
                match step {
                    #(#step_arms)*
                    #no_step
                }
            }
        }
    }
}
