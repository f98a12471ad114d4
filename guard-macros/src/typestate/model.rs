//! Lowering: the validated module becomes the model every emitter reads. It computes once each
//! name the expansion uses (`OrderRecord`, `OrderStateType`, the hidden module, the state
//! parameter), the machine's generics and each state's share of them, the Mermaid text, and the
//! helpers that build or destructure a state; emitters read it and never call back.

use super::attrs::is_named;
use super::generics::{applied, arguments, subset, without_defaults};
use super::parse::{Args, Module, State, snake_case};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::{Fields, Generics, Ident};

/// Everything the generators share: names of the generated items and the machine's generics.
pub(crate) struct Model<'m, 'a> {
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
    /// `<T, const N: usize>`: the parameters for a declaration (empty without parameters).
    pub(crate) params: TokenStream,
    /// The machine's own field names, in order.
    pub(crate) machine_fields: Vec<&'a Ident>,
    /// The machine's own field types, in the same order.
    pub(crate) machine_field_types: Vec<&'a syn::Type>,
    /// The state parameter `S`.
    pub(crate) state_param: Ident,
    /// Per state (same order as declared): the generics its data uses.
    pub(crate) state_generics: Vec<Generics>,
    pub(crate) mermaid: String,
    /// Every transition name once, with the states it leaves from and the state it enters.
    pub(crate) transitions: Vec<TransitionInfo<'m>>,
    /// Each state's position, by its name without `r#`.
    positions: BTreeMap<String, usize>,
    /// Positions of the module's items the expansion leaves out: a `Drop` impl on the machine,
    /// reported as G0113.
    pub(crate) left_out: std::collections::BTreeSet<usize>,
}

impl<'m, 'a> Model<'m, 'a> {
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
        let params = &generics.params;
        let params = if params.is_empty() {
            TokenStream::new()
        } else {
            quote!(<#params>)
        };
        Model {
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
            params,
            machine_fields: module
                .machine
                .fields
                .iter()
                .filter_map(|field| field.ident.as_ref())
                .collect(),
            machine_field_types: module
                .machine
                .fields
                .iter()
                .map(|field| &field.ty)
                .collect(),
            generics,
            state_param,
            state_generics,
            mermaid: mermaid(module),
            transitions: transition_infos(module),
            positions: module
                .states
                .states
                .iter()
                .enumerate()
                .map(|(position, state)| (state.ident.unraw().to_string(), position))
                .collect(),
            left_out: module
                .items
                .iter()
                .enumerate()
                .filter(|(_, entry)| super::parse::drop_impl_trait(entry, machine).is_some())
                .map(|(index, _)| index)
                .collect(),
        }
    }

    pub(crate) fn states(&self) -> impl Iterator<Item = (&State<'a>, &Generics)> {
        self.module
            .states
            .states
            .iter()
            .zip(self.state_generics.iter())
    }

    /// The state named `ident`, with the generics its data uses.
    pub(crate) fn state_named(&self, ident: &Ident) -> Option<(&'m State<'a>, &Generics)> {
        let position = *self.positions.get(&ident.unraw().to_string())?;
        Some((
            &self.module.states.states[position],
            &self.state_generics[position],
        ))
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

    /// What [`Model::rule_checks`] needs to implement `Invariant`: always true, unless a rule
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

    pub(crate) fn state_bound(&self) -> TokenStream {
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

    /// Whether `field` of `state` is carried (`#[carry(..)]`) rather than given to the transitions
    /// into it.
    pub(crate) fn is_carried(&self, state: &State<'_>, field: &syn::Field) -> bool {
        self.module
            .carried
            .get(&state.ident.to_string())
            .is_some_and(|names| {
                field
                    .ident
                    .as_ref()
                    .is_some_and(|ident| names.contains(ident))
            })
    }

    /// The fields `state` carries from the state it is entered from.
    pub(crate) fn carried_fields<'s>(&self, state: &'s State<'_>) -> Vec<&'s syn::Field> {
        state
            .fields()
            .filter(|field| self.is_carried(state, field))
            .collect()
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

pub(crate) fn docs(attrs: &[&syn::Attribute]) -> Vec<syn::Attribute> {
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

/// `tokens` with every span set to `span`.
pub(crate) use crate::diagnostics::on_span as respan;

/// The graph as Mermaid `stateDiagram-v2` text.
pub(crate) fn mermaid(module: &Module<'_>) -> String {
    let mut text = String::from("stateDiagram-v2\n");
    for state in &module.states.states {
        if state.initial.is_some() {
            text.push_str(&format!("    [*] --> {}\n", state.ident.unraw()));
        }
    }
    for state in &module.states.states {
        for transition in &state.transitions {
            text.push_str(&format!(
                "    {} --> {}: {}\n",
                state.ident.unraw(),
                transition.target.unraw(),
                transition.name.unraw()
            ));
        }
    }
    for state in &module.states.states {
        if state.terminal.is_some() {
            text.push_str(&format!("    {} --> [*]\n", state.ident.unraw()));
        }
    }
    text
}

/// Where the conversions dispatch: the sealed trait when the machine has no generics (its methods
/// can name `Machine<Self>` then), else a hidden trait over the machine's generics, declared in the
/// user's module so their bounds resolve there.
pub(crate) fn erase_trait(model: &Model<'_, '_>) -> Option<Ident> {
    (!model.generics.params.is_empty()).then(|| format_ident!("__Guard{}Erase", model.machine))
}

/// What `restore` checks must implement `Invariant`, for every state.
pub(crate) fn restore_bounds(model: &Model<'_, '_>) -> Vec<syn::WherePredicate> {
    model
        .states()
        .flat_map(|(state, generics)| model.rule_bounds(state, generics))
        .collect()
}

/// What a transition needs: its name, the states it leaves from and the state it enters.
pub(crate) struct TransitionInfo<'a> {
    pub(crate) name: &'a Ident,
    pub(crate) sources: Vec<&'a Ident>,
    pub(crate) target: &'a Ident,
}

fn transition_infos<'m>(module: &'m Module<'_>) -> Vec<TransitionInfo<'m>> {
    let mut infos: Vec<TransitionInfo<'m>> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for state in &module.states.states {
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
