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
//! test. A step into a state with `#[carry(..)]` fields is checked by `expect_after`, which reads
//! the carried values from the calls accepted before it. The helpers live in `parts`.

use crate::typestate::generics::subset;
use crate::typestate::model::Model;
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{GenericParam, Generics, Ident};

mod parts;
mod testable;

#[cfg(test)]
mod tests;

use parts::{
    Argument, Transition, Variant, arguments, bounds, clone_and_debug, declaration_generics,
    strategy_of, transitions, types_of, variant_declaration, variant_pattern,
    variant_pattern_wildcard,
};

pub(crate) fn emit(model: &Model<'_, '_>) -> TokenStream {
    if !describable(model) {
        return undescribed(model);
    }
    let description = Description::new(model);
    let krate = model.krate;
    let state_id = description.state_id_enum();
    let start_enum = description.start_enum();
    let step_enum = description.step_enum();
    let start_impls = description.start_impls();
    let step_impls = description.step_impls();
    let testable = description.testable_impl();
    let checker = description.checker();
    quote! {
        #krate::__private::if_proptest! {
            #state_id
            #start_enum
            #step_enum
            #start_impls
            #step_impls
            #testable
            #checker
        }
    }
}

/// Whether the machine can have a description at all.
fn describable(model: &Model<'_, '_>) -> bool {
    // A machine without an initial state has been reported already; nothing could start a test.
    let has_initial = model
        .module
        .states
        .states
        .iter()
        .any(|state| state.initial.is_some());
    // Drawn values live as long as the test (`'static`): machines that borrow have no description.
    let has_lifetime = model
        .generics
        .params
        .iter()
        .any(|param| matches!(param, GenericParam::Lifetime(_)));
    has_initial && !has_lifetime
}

/// For a machine without a description, a `__guard_run` that `check_machine!` finds but cannot
/// call: its bound, which no type meets, says why (G0120). Without an initial state, or with type
/// parameters (named through the erased enum, `check_machine!(OrderState<u32>)`), nothing.
fn undescribed(model: &Model<'_, '_>) -> TokenStream {
    let Some((initial, initial_generics)) =
        model.states().find(|(state, _)| state.initial.is_some())
    else {
        return TokenStream::new();
    };
    let lifetimes: Vec<&syn::LifetimeParam> = model.generics.lifetimes().collect();
    if lifetimes.len() != model.generics.params.len() {
        return TokenStream::new();
    }
    let krate = model.krate;
    let machine = model.machine;
    let machine_name = machine.unraw().to_string();
    let erased = model.erased;
    let machine_type = model.machine_type(&model.state_type(initial, initial_generics));
    let names: Vec<&syn::Lifetime> = lifetimes.iter().map(|param| &param.lifetime).collect();
    let why = format!(
        "`{machine_name}` borrows (it has a lifetime parameter), and the values a property test draws live as long as the test"
    );
    let message = format!(
        "[{}] `check_machine!` cannot test `{machine_name}`: it has no property-test description",
        crate::diagnostics::typestate::UNTESTABLE.id
    );
    let note = format!(
        "{why}; remove this `check_machine!` call and test the transitions of `{machine_name}` in `#[test]` functions"
    );
    let module = format_ident!("{}_untestable", model.hidden);
    quote! {
        #krate::__private::if_proptest! {
            #[doc(hidden)]
            mod #module {
                #[diagnostic::on_unimplemented(
                    message = #message,
                    label = "no property-test description",
                    note = #note,
                )]
                pub trait Untestable {}
            }
            #[allow(dead_code)]
            impl<#(#lifetimes),*> #machine_type {
                #[doc(hidden)]
                pub fn __guard_plan() -> #krate::proptest::Plan<#krate::proptest::Untestable> {
                    #krate::proptest::Plan::new()
                }

                #[doc(hidden)]
                pub fn __guard_run(
                    plan: #krate::proptest::Plan<#krate::proptest::Untestable>,
                ) -> #krate::proptest::Report
                where
                    for<'__guard> #erased<#(#names),*>: #module::Untestable,
                {
                    plan.run()
                }
            }
        }
    }
}

/// What the description is made of, computed once: its names, its constructors and its steps.
struct Description<'d, 'm, 'a> {
    model: &'d Model<'m, 'a>,
    krate: &'d syn::Path,
    /// `stateguard::__private::proptest`
    proptest: TokenStream,
    /// `OrderStateId`: the states without their data.
    state_id: Ident,
    /// `OrderStart`: a constructor call with its arguments.
    start_enum: Ident,
    /// `OrderStep`: a transition call with its arguments.
    step_enum: Ident,
    /// The machine's own fields, the first arguments of every constructor.
    machine_arguments: Vec<Argument<'d>>,
    starts: Vec<Start<'d, 'a>>,
    steps: Vec<Step<'d, 'a>>,
    /// The machine's generics the start and step arguments use.
    start_generics: Generics,
    step_generics: Generics,
}

/// One constructor: an initial state, called with the machine's fields then the state's.
struct Start<'d, 'a> {
    state: &'d State<'a>,
    /// The state's own fields.
    state_arguments: Vec<Argument<'d>>,
    /// The machine's fields then the state's: the fields of the start variant.
    arguments: Vec<Argument<'d>>,
    /// `OrderStart::Pending { id }`
    pattern: TokenStream,
    /// `OrderStart::Pending { .. }`
    wildcard: TokenStream,
    /// `Order::new`, or `Order::<Pending>::new` when several states are initial.
    call: String,
}

/// One transition, with every state it leaves from; its arguments are the target's own fields
/// (carried fields come from the machine).
struct Step<'d, 'a> {
    transition: Transition<'d, 'a>,
    arguments: Vec<Argument<'d>>,
    /// `OrderStep::Ship { tracking_id }`
    pattern: TokenStream,
    /// `OrderStep::Ship { .. }`
    wildcard: TokenStream,
    /// `.ship`
    rendered: String,
}

impl<'d, 'm, 'a> Description<'d, 'm, 'a> {
    fn new(model: &'d Model<'m, 'a>) -> Self {
        let krate = model.krate;
        let machine = model.machine;
        let start_enum = format_ident!("{machine}Start");
        let step_enum = format_ident!("{machine}Step");
        let machine_arguments = arguments(model.module.machine.fields.iter().copied(), "machine_");
        let starts = starts(model, &start_enum);
        let steps = steps(model, &step_enum);
        let start_generics = subset(
            &model.generics,
            types_of(&starts.iter().map(Start::variant).collect::<Vec<_>>()),
        );
        let step_generics = subset(
            &model.generics,
            types_of(&steps.iter().map(Step::variant).collect::<Vec<_>>()),
        );
        Description {
            model,
            krate,
            proptest: quote!(#krate::__private::proptest),
            state_id: format_ident!("{machine}StateId"),
            start_enum,
            step_enum,
            machine_arguments,
            starts,
            steps,
            start_generics,
            step_generics,
        }
    }

    fn states(&self) -> &'d [State<'a>] {
        &self.model.module.states.states
    }

    /// `OrderStateId`: which state a machine is in, without its data.
    fn state_id_enum(&self) -> TokenStream {
        let vis = &self.model.module.states.item.vis;
        let state_id = &self.state_id;
        let machine = self.model.machine;
        let idents = self.states().iter().map(|state| state.ident);
        let docs = self
            .states()
            .iter()
            .map(|state| format!("The state [`{}`].", state.ident));
        let doc = format!("The states of [`{machine}`], without their data (property tests).");
        quote! {
            #[doc = #doc]
            #[allow(dead_code)]
            #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq)]
            #vis enum #state_id {
                #(#[doc = #docs] #idents,)*
            }
        }
    }

    /// `OrderStart`: a constructor call with its arguments.
    fn start_enum(&self) -> TokenStream {
        let machine = self.model.machine;
        let doc =
            format!("A constructor call of [`{machine}`], with its arguments (property tests).");
        let declarations = self.starts.iter().map(|start| {
            let doc = format!(
                "`{}(..)`: a new machine in state [`{}`].",
                start.call, start.state.ident
            );
            variant_declaration(start.state.ident, &start.arguments, &doc)
        });
        self.call_enum(&self.start_enum, &doc, declarations, &self.start_generics)
    }

    /// `OrderStep`: a transition call with its arguments.
    fn step_enum(&self) -> TokenStream {
        let machine = self.model.machine;
        let doc =
            format!("A transition call of [`{machine}`], with its arguments (property tests).");
        let declarations = self.steps.iter().map(|step| {
            let doc = format!(
                "`{}(..)`: to [`{}`].",
                step.rendered, step.transition.target.ident
            );
            variant_declaration(&step.transition.variant, &step.arguments, &doc)
        });
        self.call_enum(&self.step_enum, &doc, declarations, &self.step_generics)
    }

    /// An enum of calls with their arguments.
    fn call_enum(
        &self,
        owner: &Ident,
        doc: &str,
        declarations: impl Iterator<Item = TokenStream>,
        generics: &Generics,
    ) -> TokenStream {
        let vis = &self.model.module.states.item.vis;
        let (params, where_clause) = declaration_generics(generics);
        quote! {
            #[doc = #doc]
            #[allow(dead_code)]
            #vis enum #owner #params #where_clause {
                #(#declarations)*
            }
        }
    }

    /// `Clone` and `Debug` for `OrderStart`.
    fn start_impls(&self) -> TokenStream {
        let variants: Vec<Variant<'_, '_>> = self.starts.iter().map(Start::variant).collect();
        clone_and_debug(
            &self.start_enum,
            &variants,
            &self.start_generics,
            &self.start_bounds(),
        )
    }

    /// `Clone` and `Debug` for `OrderStep`.
    fn step_impls(&self) -> TokenStream {
        let variants: Vec<Variant<'_, '_>> = self.steps.iter().map(Step::variant).collect();
        clone_and_debug(
            &self.step_enum,
            &variants,
            &self.step_generics,
            &self.step_bounds(),
        )
    }

    fn start_bounds(&self) -> TokenStream {
        let arguments: Vec<&Argument<'_>> = self
            .starts
            .iter()
            .flat_map(|start| &start.arguments)
            .collect();
        bounds(&arguments, self.krate, false)
    }

    fn step_bounds(&self) -> TokenStream {
        let arguments: Vec<&Argument<'_>> =
            self.steps.iter().flat_map(|step| &step.arguments).collect();
        bounds(&arguments, self.krate, false)
    }

    /// What a test needs of every argument type: `Clone`, `Debug`, and `Generate` when no
    /// strategy is named.
    fn test_bounds(&self) -> TokenStream {
        let arguments: Vec<&Argument<'_>> = self
            .starts
            .iter()
            .flat_map(|start| &start.arguments)
            .chain(self.steps.iter().flat_map(|step| &step.arguments))
            .collect();
        bounds(&arguments, self.krate, true)
    }

    /// `Order::__guard_plan()` and `Order::__guard_run(plan)`, for a machine without parameters (the only kind it can infer);
    /// a generic machine is checked by naming its erased type: `check_machine!(OrderState<u32>)`.
    fn checker(&self) -> TokenStream {
        let Some(first) = self
            .starts
            .first()
            .filter(|_| self.model.generics.params.is_empty())
        else {
            return TokenStream::new();
        };
        let krate = self.krate;
        let machine = self.model.machine;
        let erased = self.model.erased;
        let ident = first.state.ident;
        let test_bounds = self.test_bounds();
        quote! {
            #[allow(dead_code)]
            impl #machine<#ident> {
                #[doc(hidden)]
                pub fn __guard_plan() -> #krate::proptest::Plan<#erased> {
                    #krate::proptest::Plan::new()
                }

                #[doc(hidden)]
                #[track_caller]
                pub fn __guard_run(plan: #krate::proptest::Plan<#erased>) -> #krate::proptest::Report
                where
                    #test_bounds
                {
                    plan.run()
                }
            }
        }
    }

    /// `boxed(prop_map(<strategy of the arguments>, |<pairs>| <pattern>))`
    fn strategy(&self, arguments: &[Argument<'_>], pattern: &TokenStream) -> TokenStream {
        let proptest = &self.proptest;
        let (strategy, pairs) = strategy_of(arguments, self.krate);
        quote! {
            #proptest::strategy::Strategy::boxed(#proptest::strategy::Strategy::prop_map(
                #strategy,
                |#pairs| #pattern,
            ))
        }
    }

    /// The arm that writes a call as code: `pattern => render_call(out, "call", &[..]),`.
    fn render_arm(
        &self,
        pattern: &TokenStream,
        call: &str,
        arguments: &[Argument<'_>],
    ) -> TokenStream {
        let krate = self.krate;
        let bindings = arguments.iter().map(|argument| &argument.binding);
        quote! {
            #pattern => #krate::proptest::render_call(out, #call, &[#(&(&&#krate::proptest::__argument::Argument(#bindings)).code() as &dyn ::core::fmt::Debug),*]),
        }
    }

    /// Generated, not run by the macro: a machine without transitions has an uninhabited step
    /// enum, so the arm can never be taken at run time either.
    fn no_step(&self) -> TokenStream {
        if self.steps.is_empty() {
            quote!(_ => ::core::unreachable!(),)
        } else {
            TokenStream::new()
        }
    }
}

impl Start<'_, '_> {
    fn variant(&self) -> Variant<'_, '_> {
        (self.state.ident, &self.arguments)
    }
}

impl Step<'_, '_> {
    fn variant(&self) -> Variant<'_, '_> {
        (&self.transition.variant, &self.arguments)
    }
}

/// One constructor per initial state.
fn starts<'d, 'a>(model: &'d Model<'_, 'a>, start_enum: &Ident) -> Vec<Start<'d, 'a>> {
    let states = &model.module.states.states;
    let several = states
        .iter()
        .filter(|state| state.initial.is_some())
        .count()
        > 1;
    let machine = model.machine;
    states
        .iter()
        .filter(|state| state.initial.is_some())
        .map(|state| {
            let ident = state.ident;
            let state_arguments = arguments(state.fields(), "field_");
            let mut call_arguments =
                arguments(model.module.machine.fields.iter().copied(), "machine_");
            call_arguments.extend(arguments(state.fields(), "field_"));
            Start {
                state,
                state_arguments,
                pattern: variant_pattern(start_enum, ident, &call_arguments),
                wildcard: variant_pattern_wildcard(start_enum, ident, &call_arguments),
                arguments: call_arguments,
                call: if several {
                    format!("{machine}::<{ident}>::new")
                } else {
                    format!("{machine}::new")
                },
            }
        })
        .collect()
}

/// One step per transition name.
fn steps<'d, 'a>(model: &'d Model<'_, 'a>, step_enum: &Ident) -> Vec<Step<'d, 'a>> {
    transitions(&model.module.states.states)
        .into_iter()
        .map(|transition| {
            let own_fields = transition
                .target
                .fields()
                .filter(|field| !model.is_carried(transition.target, field));
            let arguments = arguments(own_fields, "field_");
            Step {
                pattern: variant_pattern(step_enum, &transition.variant, &arguments),
                wildcard: variant_pattern_wildcard(step_enum, &transition.variant, &arguments),
                rendered: format!(".{}", transition.name.to_string().trim_start_matches("r#")),
                arguments,
                transition,
            }
        })
        .collect()
}
