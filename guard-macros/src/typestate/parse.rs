//! Reads the `#[typestate]` module into an IR that keeps the user's syn nodes for spans.
//!
//! Parsing reports what is malformed about each piece on its own (attribute arguments, item kinds,
//! shapes); whether the pieces fit together as a graph is `validate`'s job.

use crate::diagnostics::typestate::{
    DUPLICATE_DECLARATION, MISSING_MACHINE, MISSING_STATES, UNSUPPORTED_SHAPE,
};
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE, WRONG_ITEM_KIND};
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Attribute, Field, Fields, Ident, Item, ItemEnum, ItemMod, ItemStruct, Token, Variant};

use super::markers::{self, MachineFix, StatesFix};

// `fallback` names it through `parse`.
use super::attrs::item_attrs;
pub(crate) use super::attrs::{is_named, snake_case};

/// The arguments of `#[typestate(..)]`.
pub(crate) struct Args {
    /// Path to stateguard (`crate = ::path`), `::stateguard` by default.
    pub(crate) krate: syn::Path,
    /// `serde`: implement `Serialize`/`Deserialize` for the erased enum (needs stateguard's `serde`
    /// feature).
    pub(crate) serde: Option<Span>,
    /// `serde(tag = "state")`: serde uses the flat form, tagged with this field.
    pub(crate) serde_tag: Option<syn::LitStr>,
    /// `flat` or `flat(tag = "state")` (or implied by `serde(tag = ..)`): the flat row and its
    /// checked restore, with the name of the field that holds the state.
    pub(crate) flat: Option<syn::LitStr>,
}

/// The whole declaration.
pub(crate) struct Module<'a> {
    pub(crate) item: &'a ItemMod,
    pub(crate) items: &'a [Item],
    pub(crate) machine: Machine<'a>,
    pub(crate) states: States<'a>,
    /// Per state, the fields `#[carry(..)]` gave it (see `carry.rs`).
    pub(crate) carried: super::carry::Carried,
}

/// The `#[machine]` struct: data every machine carries, whatever its state.
pub(crate) struct Machine<'a> {
    pub(crate) item: &'a ItemStruct,
    pub(crate) index: usize,
    pub(crate) fields: Vec<&'a Field>,
    /// Attributes to keep on the generated struct (everything but `#[machine]`).
    pub(crate) attrs: Vec<&'a Attribute>,
}

/// The `#[states]` enum.
pub(crate) struct States<'a> {
    pub(crate) item: &'a ItemEnum,
    pub(crate) index: usize,
    pub(crate) states: Vec<State<'a>>,
    /// Attributes to keep (everything but `#[states]`).
    pub(crate) attrs: Vec<&'a Attribute>,
}

/// One variant of the `#[states]` enum.
pub(crate) struct State<'a> {
    pub(crate) variant: &'a Variant,
    pub(crate) ident: &'a Ident,
    /// The `initial` token of `#[initial]`, when present.
    pub(crate) initial: Option<Span>,
    /// The `terminal` token of `#[terminal]`, when present.
    pub(crate) terminal: Option<Span>,
    /// Every `#[to(..)]` attribute, for spans.
    pub(crate) to_attrs: Vec<&'a Attribute>,
    pub(crate) transitions: Vec<Transition>,
    /// A `#[to(..)]` could not be read (already reported): its targets are unknown.
    pub(crate) malformed_to: bool,
    /// Attributes that pass through onto the generated state struct (docs, `#[invariant]`, ...).
    pub(crate) attrs: Vec<&'a Attribute>,
}

/// `name => Target` inside `#[to(..)]`.
pub(crate) struct Transition {
    pub(crate) name: Ident,
    pub(crate) target: Ident,
}

impl State<'_> {
    pub(crate) fn fields(&self) -> impl Iterator<Item = &Field> {
        self.variant.fields.iter()
    }

    /// `true` when the state's data carries `#[invariant]` rules, so entering it is checked.
    pub(crate) fn has_rules(&self) -> bool {
        self.attrs.iter().any(|attr| is_named(attr, "invariant"))
            || self
                .fields()
                .any(|field| field.attrs.iter().any(|attr| is_named(attr, "invariant")))
    }
}

/// A `&` getter generated for a field of a state.
pub(crate) struct Accessor<'a> {
    /// The method name: the field's name, or for tuple states the state's name in snake case
    /// (`_0`, `_1` appended when there are several fields).
    pub(crate) name: Ident,
    pub(crate) field: &'a Field,
    /// How the state struct names the field (`tracking_id` or `0`).
    pub(crate) member: syn::Member,
}

impl<'a> State<'a> {
    pub(crate) fn accessors(&self) -> Vec<Accessor<'a>> {
        let variant: &'a Variant = self.variant;
        let count = variant.fields.len();
        variant
            .fields
            .iter()
            .enumerate()
            .map(|(position, field)| {
                if let Some(ident) = &field.ident {
                    Accessor {
                        name: ident.clone(),
                        field,
                        member: syn::Member::Named(ident.clone()),
                    }
                } else {
                    let base = snake_case(&variant.ident.unraw().to_string());
                    let name = if count == 1 {
                        base
                    } else {
                        format!("{base}_{position}")
                    };
                    // `Type` would give the keyword `type`; such names get a suffix.
                    let name = if syn::parse_str::<Ident>(&name).is_ok() {
                        name
                    } else {
                        format!("{name}_state")
                    };
                    Accessor {
                        name: Ident::new(&name, field.span()),
                        field,
                        member: syn::Member::Unnamed(syn::Index {
                            index: u32::try_from(position).unwrap_or(u32::MAX),
                            span: field.span(),
                        }),
                    }
                }
            })
            .collect()
    }
}

impl Machine<'_> {
    /// `true` when the machine's data carries `#[invariant]` rules.
    pub(crate) fn has_rules(&self) -> bool {
        self.attrs.iter().any(|attr| is_named(attr, "invariant"))
            || self
                .fields
                .iter()
                .any(|field| field.attrs.iter().any(|attr| is_named(attr, "invariant")))
    }
}

/// The attributes `#[typestate]` consumes; the fallback strips them.
pub(crate) const HELPER_ATTRIBUTES: &[&str] = &[
    "machine", "states", "initial", "terminal", "to", "strategy", "carry",
];

pub(crate) fn args(tokens: TokenStream, errors: &mut Errors) -> Args {
    let mut args = Args {
        krate: syn::parse_quote!(::stateguard),
        serde: None,
        serde_tag: None,
        flat: None,
    };
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            let path: syn::Path = meta.value()?.parse()?;
            if let Some((span, why)) = crate::crate_path::problem(&path) {
                return Err(MALFORMED_ATTRIBUTE.at(
                    span,
                    format!("`crate = ..` takes the path of stateguard: {why}"),
                    "write `#[typestate(crate = ::stateguard)]` with the name your Cargo.toml gives stateguard",
                ));
            }
            args.krate = path;
            Ok(())
        } else if meta.path.is_ident("serde") {
            args.serde = Some(meta.path.span());
            if meta.input.peek(syn::token::Paren) {
                args.serde_tag = Some(parse_tag(&meta, "serde")?);
                args.flat.clone_from(&args.serde_tag);
            }
            Ok(())
        } else if meta.path.is_ident("flat") {
            let tag = if meta.input.peek(syn::token::Paren) {
                parse_tag(&meta, "flat")?
            } else {
                syn::LitStr::new("state", meta.path.span())
            };
            if args.flat.is_none() {
                args.flat = Some(tag);
            }
            Ok(())
        } else {
            Err(MALFORMED_ATTRIBUTE.spanning(
                &meta.path,
                format!(
                    "`#[typestate]` has no option `{}`",
                    meta.path.to_token_stream()
                ),
                format!(
                    "remove `{}`; the options are `crate = ::stateguard` (a renamed dependency), `serde` or `serde(tag = \"state\")` (serialize the erased enum) and `flat` (a flat row for storage), as in `#[typestate(serde)]`",
                    meta.path.to_token_stream()
                ),
            ))
        }
    });
    errors.take(syn::parse::Parser::parse2(parser, tokens).map_err(|error| {
        if error.to_string().starts_with('[') {
            error
        } else {
            MALFORMED_ATTRIBUTE.at(
                error.span(),
                format!("cannot read the arguments of `#[typestate]`: {error}"),
                "write `#[typestate]`, `#[typestate(serde)]` or `#[typestate(crate = ::stateguard)]`",
            )
        }
    }));
    args
}

pub(crate) fn module<'a>(item: &'a ItemMod, errors: &mut Errors) -> Option<Module<'a>> {
    let Some((_, items)) = &item.content else {
        errors.push(WRONG_ITEM_KIND.at(
            item.ident.span(),
            format!(
                "`#[typestate]` needs the module's body, but `mod {};` has it in another file",
                item.ident
            ),
            format!(
                "write the machine inline: `mod {} {{ #[machine] struct ..; #[states] enum .. {{ .. }} }}`",
                item.ident
            ),
        ));
        return None;
    };
    let (machine, states) = marked_items(&item.ident, items, errors);
    let (machine_fix, states_fix) = markers::fixes(item);
    // An attribute on the wrong item kind was already reported, with its fix; "missing" is added
    // only where that fix leaves the marker missing (`#[machine]` on the only enum makes it the
    // states enum, and the machine struct is still to be marked).
    let report_machine = match &machine_fix {
        Some(MachineFix::Mark(_) | MachineFix::Add(_)) => true,
        Some(MachineFix::EnumToStruct(_) | MachineFix::FromStates(_)) => false,
        None => !marked(items, "machine"),
    };
    if machine.is_none() && report_machine {
        missing_machine(item, items, machine_fix.as_ref(), errors);
    }
    let from_machine = matches!(states_fix, Some(StatesFix::FromMachine(_)));
    if states.is_none() && !from_machine && !marked(items, "states") {
        missing_states(item, items, states_fix.as_ref(), errors);
    }
    Some(Module {
        item,
        items,
        machine: machine?,
        states: states?,
        carried: super::carry::Carried::new(),
    })
}

/// The `#[machine]` struct and the `#[states]` enum among the module's items; a marker on
/// another kind of item, or a second one, is an error.
fn marked_items<'a>(
    module: &Ident,
    items: &'a [Item],
    errors: &mut Errors,
) -> (Option<Machine<'a>>, Option<States<'a>>) {
    let mut machine: Option<Machine<'a>> = None;
    let mut states: Option<States<'a>> = None;
    for (index, entry) in items.iter().enumerate() {
        for attr in item_attrs(entry) {
            if is_named(attr, "machine") {
                if let Item::Struct(entry) = entry {
                    if let Some(first) = &machine {
                        errors.push(duplicate(
                            "#[machine]",
                            &entry.ident,
                            &first.item.ident,
                            "struct",
                        ));
                    } else {
                        machine = machine_struct(entry, index, attr, errors);
                    }
                } else {
                    errors.push(machine_not_on_struct(items, entry, attr));
                }
            } else if is_named(attr, "states") {
                if let Item::Enum(entry) = entry {
                    if let Some(first) = &states {
                        errors.push(duplicate(
                            "#[states]",
                            &entry.ident,
                            &first.item.ident,
                            "enum",
                        ));
                    } else {
                        states = states_enum(entry, index, attr, errors);
                    }
                } else if matches!(
                    markers::fixes_of(module, items),
                    (Some(MachineFix::FromStates(_)), _)
                ) {
                    // The markers are swapped: this struct is the machine.
                    errors.push(WRONG_ITEM_KIND.spanning(
                        attr,
                        "`#[states]` goes on an enum: one variant per state; this struct holds the data every machine carries, and the module has no `#[machine]` struct",
                        "write `#[machine]`",
                    ));
                } else {
                    errors.push(WRONG_ITEM_KIND.spanning(
                        attr,
                        "`#[states]` goes on an enum: one variant per state",
                        "write `#[states] pub enum OrderState { #[initial] #[to(pay => Paid)] Pending, #[terminal] Paid }`",
                    ));
                }
            }
        }
    }
    (machine, states)
}

/// `#[machine]` on an item that is not a struct. On an enum the fix is one of
/// [`markers::fixes`]: the enum is the states enum (the module has no other) or becomes a struct.
fn machine_not_on_struct(items: &[Item], entry: &Item, attr: &Attribute) -> syn::Error {
    let what = "`#[machine]` goes on a struct: the data every machine carries, whatever its state";
    let Item::Enum(machine_enum) = entry else {
        return WRONG_ITEM_KIND.spanning(
            attr,
            what,
            "write `#[machine] pub struct Order { id: u64 }`",
        );
    };
    let ident = &machine_enum.ident;
    let states_enum = items.iter().any(|item| {
        matches!(item, Item::Enum(other) if other.attrs.iter().any(|attr| is_named(attr, "states")))
    });
    if states_enum {
        let vis = visibility_prefix(&machine_enum.vis);
        WRONG_ITEM_KIND.spanning(
            attr,
            format!("{what}; `{ident}` is an enum"),
            format!(
                "write the machine as a struct in place of the enum: `{vis}struct {ident};`, with the data every state shares as its fields (yours to choose)"
            ),
        )
    } else {
        WRONG_ITEM_KIND.spanning(
            attr,
            format!(
                "{what}; the variants of `{ident}` are states, and the module has no `#[states]` enum"
            ),
            "write `#[states]`",
        )
    }
}

/// `pub ` for `pub`, nothing for a private item.
fn visibility_prefix(vis: &syn::Visibility) -> String {
    let vis = vis.to_token_stream().to_string();
    if vis.is_empty() {
        vis
    } else {
        format!("{vis} ")
    }
}

/// No `#[machine]` struct; the fix marks the module's first struct, if it has one, or adds a
/// unit struct (see [`markers::fixes`]).
fn missing_machine(item: &ItemMod, items: &[Item], fix: Option<&MachineFix>, errors: &mut Errors) {
    let marked = match fix {
        Some(MachineFix::Mark(index)) => match items.get(*index) {
            Some(Item::Struct(entry)) => Some(entry),
            _ => None,
        },
        _ => None,
    };
    let (span, fix) = match (fix, marked) {
        (_, Some(entry)) => (
            entry.ident.span(),
            format!(
                "mark the struct that holds the shared data: `#[machine] {}struct {}`",
                visibility_prefix(&entry.vis),
                entry.ident
            ),
        ),
        (Some(MachineFix::Add(name)), None) => (
            item.ident.span(),
            format!(
                "add `#[machine] {}struct {name};` to the module: a unit struct, or one with the data every state shares as its fields (yours to choose)",
                visibility_prefix(&markers::added_visibility(items))
            ),
        ),
        _ => (
            item.ident.span(),
            "add `#[machine] pub struct Order { id: u64 }` to the module (a unit struct `#[machine] pub struct Order;` when there is no shared data)".to_owned(),
        ),
    };
    errors.push(MISSING_MACHINE.at(
        span,
        format!(
            "module `{}` has no `#[machine]` struct: the data every machine carries",
            item.ident
        ),
        fix,
    ));
}

/// No `#[states]` enum; the fix marks the module's first enum (as a chain when its variants say
/// no graph), or adds one (see [`markers::fixes`]).
fn missing_states(item: &ItemMod, items: &[Item], fix: Option<&StatesFix>, errors: &mut Errors) {
    let marked = match fix {
        Some(StatesFix::Chain(index) | StatesFix::Mark(index)) => match items.get(*index) {
            Some(Item::Enum(entry)) => Some(entry),
            _ => None,
        },
        _ => None,
    };
    let (span, fix) = match (fix, marked) {
        (Some(StatesFix::Chain(_)), Some(entry)) => (
            entry.ident.span(),
            format!(
                "mark the enum whose variants are the states, with its graph (written here as a chain in declaration order; the transitions are yours to choose): `{}`",
                states_as_chain(entry)
            ),
        ),
        (Some(StatesFix::Mark(_)), Some(entry)) => (
            entry.ident.span(),
            format!(
                "mark the enum whose variants are the states: `#[states] {}enum {}`",
                visibility_prefix(&entry.vis),
                entry.ident
            ),
        ),
        (Some(StatesFix::Add(name)), _) => (
            item.ident.span(),
            format!(
                "add `#[states] {}enum {name} {{ #[initial] #[to(pay => Paid)] Pending, #[terminal] Paid }}` to the module (the states and transitions are yours to choose)",
                visibility_prefix(&markers::added_visibility(items))
            ),
        ),
        _ => (
            item.ident.span(),
            "add `#[states] pub enum OrderState { #[initial] #[to(pay => Paid)] Pending, #[terminal] Paid }` to the module".to_owned(),
        ),
    };
    errors.push(MISSING_STATES.at(
        span,
        format!(
            "module `{}` has no `#[states]` enum: one variant per state",
            item.ident
        ),
        fix,
    ));
}

fn marked(items: &[Item], name: &str) -> bool {
    items.iter().any(|entry| {
        let mut found = false;
        syn::visit::visit_item(
            &mut AttributeFinder {
                name,
                found: &mut found,
            },
            entry,
        );
        found
    })
}

struct AttributeFinder<'n, 'f> {
    name: &'n str,
    found: &'f mut bool,
}

impl<'ast> syn::visit::Visit<'ast> for AttributeFinder<'_, '_> {
    fn visit_attribute(&mut self, attr: &'ast Attribute) {
        if is_named(attr, self.name) {
            *self.found = true;
        }
    }
}

fn duplicate(attribute: &str, second: &Ident, first: &Ident, kind: &str) -> syn::Error {
    DUPLICATE_DECLARATION.at(
        second.span(),
        format!(
            "`{second}` is a second `{attribute}` {kind}; `{first}` already is one, and a module declares one machine"
        ),
        format!(
            "remove `{attribute}` from `{second}`, or move it into its own `#[typestate]` module"
        ),
    )
}

fn bare(attr: &Attribute, errors: &mut Errors, fix: &str) -> bool {
    if let syn::Meta::Path(_) = attr.meta {
        true
    } else {
        let name = attr.path().to_token_stream();
        errors.push(MALFORMED_ATTRIBUTE.spanning(
            &attr.meta,
            format!("`#[{name}]` takes no arguments"),
            fix,
        ));
        false
    }
}

fn machine_struct<'a>(
    item: &'a ItemStruct,
    index: usize,
    marker: &'a Attribute,
    errors: &mut Errors,
) -> Option<Machine<'a>> {
    bare(marker, errors, "write `#[machine]`");
    let fields: Vec<&Field> = match &item.fields {
        Fields::Named(named) => named.named.iter().collect(),
        Fields::Unit => Vec::new(),
        Fields::Unnamed(unnamed) => {
            errors.push(UNSUPPORTED_SHAPE.spanning(
                unnamed,
                format!(
                    "the machine `{}` is a tuple struct; its fields become accessor methods, so they need names",
                    item.ident
                ),
                format!(
                    "name the fields (the names are yours to choose): `{}`",
                    named_fields(item)
                ),
            ));
            return None;
        }
    };
    for field in &fields {
        if !matches!(field.vis, syn::Visibility::Inherited) {
            errors.push(UNSUPPORTED_SHAPE.spanning(
                &field.vis,
                format!(
                    "field `{}` of machine `{}` is public, so code outside the module could change it without a transition",
                    field.ident.as_ref().map(ToString::to_string).unwrap_or_default(),
                    item.ident
                ),
                "remove the visibility: every field gets a `&` getter of the same name",
            ));
        }
    }
    Some(Machine {
        item,
        index,
        fields,
        attrs: item
            .attrs
            .iter()
            .filter(|attr| !std::ptr::eq(*attr, marker))
            .collect(),
    })
}

fn states_enum<'a>(
    item: &'a ItemEnum,
    index: usize,
    marker: &'a Attribute,
    errors: &mut Errors,
) -> Option<States<'a>> {
    bare(marker, errors, "write `#[states]`");
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        errors.push(UNSUPPORTED_SHAPE.spanning(
            &item.generics,
            format!(
                "the `#[states]` enum `{}` declares generics; states share the generics of the `#[machine]` struct",
                item.ident
            ),
            format!(
                "remove `{}` from `{}`; declare on the `#[machine]` struct the parameters a state's field uses",
                crate::diagnostics::tidy(&item.generics),
                item.ident
            ),
        ));
    }
    let mut states = Vec::new();
    let names: Vec<&Ident> = item.variants.iter().map(|variant| &variant.ident).collect();
    for (position, variant) in item.variants.iter().enumerate() {
        let context = ToContext {
            current: &variant.ident,
            terminal: variant.attrs.iter().any(|attr| is_named(attr, "terminal")),
            names: &names,
            next: names
                .get(position + 1)
                .or_else(|| names.first())
                .filter(|next| ***next != variant.ident)
                .copied(),
        };
        states.push(state(variant, &context, errors));
    }
    Some(States {
        item,
        index,
        states,
        attrs: item
            .attrs
            .iter()
            .filter(|attr| !std::ptr::eq(*attr, marker))
            .collect(),
    })
}

fn state<'a>(variant: &'a Variant, context: &ToContext<'_>, errors: &mut Errors) -> State<'a> {
    let mut state = State {
        variant,
        ident: &variant.ident,
        initial: None,
        terminal: None,
        to_attrs: Vec::new(),
        transitions: Vec::new(),
        malformed_to: false,
        attrs: Vec::new(),
    };
    if let Some((eq, expr)) = &variant.discriminant {
        errors.push(UNSUPPORTED_SHAPE.spanning(
            quote::quote!(#eq #expr),
            format!(
                "state `{}` has a discriminant; states are types, not numbers",
                variant.ident
            ),
            format!("remove `{}`", quote::quote!(#eq #expr)),
        ));
    }
    for attr in &variant.attrs {
        // A malformed `#[initial(..)]` still marks the state, so the graph checks do not add
        // "no initial state" on top of the real mistake.
        if is_named(attr, "initial") {
            bare(attr, errors, "write `#[initial]`");
            state.initial = Some(attr.path().span());
        } else if is_named(attr, "terminal") {
            bare(attr, errors, "write `#[terminal]`");
            state.terminal = Some(attr.path().span());
        } else if is_named(attr, "to") {
            state.to_attrs.push(attr);
            match transitions(attr, context) {
                Ok(transitions) => state.transitions.extend(transitions),
                Err(error) => {
                    errors.push(error);
                    state.malformed_to = true;
                }
            }
        } else if let Some(meant) = misspelled_helper(attr) {
            // Treated as the attribute it was meant to be, so the graph checks do not add
            // knock-on errors (no initial state, a dead end) to the one real mistake.
            let written = attr.path().to_token_stream().to_string();
            let fix = match (meant, &attr.meta) {
                ("to", syn::Meta::List(list)) => format!("write `#[to({})]`", list.tokens),
                ("to", _) => {
                    "write `#[to(ship => Shipped)]`: a method name, `=>`, the state it leads to"
                        .to_owned()
                }
                _ => format!("write `#[{meant}]`"),
            };
            errors.push(MALFORMED_ATTRIBUTE.spanning(
                attr.path(),
                format!(
                    "unknown attribute `#[{written}]` on state `{}`: did you mean `#[{meant}]`?",
                    variant.ident
                ),
                fix,
            ));
            match meant {
                "initial" => state.initial = Some(attr.path().span()),
                "terminal" => state.terminal = Some(attr.path().span()),
                _ => {
                    state.to_attrs.push(attr);
                    if let Ok(transitions) = transitions(attr, context) {
                        state.transitions.extend(transitions);
                    } else {
                        state.malformed_to = true;
                    }
                }
            }
        } else {
            state.attrs.push(attr);
        }
    }
    state
}

/// The helper attribute a state's attribute was likely meant to be: a near miss of `initial`
/// or `terminal`, or a word other state-machine libraries use for one of the three.
pub(crate) fn misspelled_helper(attr: &Attribute) -> Option<&'static str> {
    let name = attr.path().get_ident()?.to_string();
    match name.as_str() {
        "init" | "start" | "begin" | "entry" | "initial_state" | "start_state" => Some("initial"),
        "end" | "done" | "finish" | "last" | "accept" | "accepting" | "terminal_state"
        | "end_state" => Some("terminal"),
        "transition" | "transitions" | "goto" | "next" | "edge" | "edges" | "target"
        | "targets" | "on" => Some("to"),
        // Near misses of the two long names only: a short attribute such as `doc` must never
        // be taken for `to`.
        _ if name.len() >= 5 => crate::diagnostics::did_you_mean(&name, ["initial", "terminal"])
            .and_then(|meant| {
                ["initial", "terminal"]
                    .into_iter()
                    .find(|candidate| *candidate == meant)
            }),
        _ => None,
    }
}

/// What a fix for a malformed `#[to(..)]` may name: the states of the enum.
struct ToContext<'a> {
    current: &'a Ident,
    /// The state carries `#[terminal]` (then an empty `#[to]` is best removed).
    terminal: bool,
    names: &'a [&'a Ident],
    /// The state declared after this one, the target a fix proposes when nothing better is known.
    next: Option<&'a Ident>,
}

impl ToContext<'_> {
    /// The state a transition named `name` most likely leads to: one whose name starts like
    /// the transition (`ship` → `Shipped`), else the next declared state.
    fn target_for(&self, name: &Ident) -> Option<String> {
        let name = name.unraw().to_string().to_lowercase();
        let stem: String = name.chars().take(3).collect();
        self.names
            .iter()
            .filter(|state| **state != self.current)
            .find(|state| state.unraw().to_string().to_lowercase().starts_with(&stem))
            .or(self.next.as_ref())
            .map(ToString::to_string)
    }

    /// The fix for a `#[to]` without transitions.
    fn empty_fix(&self) -> String {
        match (self.terminal, self.next) {
            (true, _) => "remove it: a `#[terminal]` state has no transitions".to_owned(),
            (false, Some(next)) => format!(
                "list the transitions out of this state (a method name, `=>`, the state it leads to; the names are yours to choose): `#[to(to_{} => {next})]`",
                snake_case(&next.unraw().to_string())
            ),
            (false, None) => {
                "remove it and mark the state `#[terminal]`: it has nowhere to go".to_owned()
            }
        }
    }
}

fn transitions(attr: &Attribute, context: &ToContext<'_>) -> syn::Result<Vec<Transition>> {
    let list = attr.meta.require_list().map_err(|_| {
        MALFORMED_ATTRIBUTE.spanning(
            &attr.meta,
            "`#[to]` needs the transitions out of this state",
            context.empty_fix(),
        )
    })?;
    if list.tokens.is_empty() {
        return Err(MALFORMED_ATTRIBUTE.spanning(
            &attr.meta,
            "`#[to()]` is empty: it should list the transitions out of this state",
            context.empty_fix(),
        ));
    }
    let parser = |input: ParseStream<'_>| transition_list(input, context);
    syn::parse::Parser::parse2(parser, list.tokens.clone())
}

/// `ship => Shipped, cancel => Cancelled`
fn transition_list(
    input: ParseStream<'_>,
    context: &ToContext<'_>,
) -> syn::Result<Vec<Transition>> {
    let mut found = Vec::new();
    while !input.is_empty() {
        found.push(one_transition(input, context)?);
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>().map_err(|error| {
            MALFORMED_ATTRIBUTE.at(
                error.span(),
                "expected `,` between two transitions",
                "separate the transitions with commas: `#[to(ship => Shipped, cancel => Cancelled)]`",
            )
        })?;
    }
    Ok(found)
}

/// `ship => Shipped`
fn one_transition(input: ParseStream<'_>, context: &ToContext<'_>) -> syn::Result<Transition> {
    let name: Ident = input.parse().map_err(|error| {
        MALFORMED_ATTRIBUTE.at(
            error.span(),
            "expected a transition name, such as `ship`",
            "write each transition as a method name, `=>`, the state it leads to: `ship => Shipped`",
        )
    })?;
    let arrow = input
        .parse::<Token![=>]>()
        .map_err(|error| missing_arrow(input, &name, context, &error))?;
    let target: Ident = input.parse().map_err(|error| {
        // At the end of the list syn has no token to point at; the arrow is the next best.
        let span = if input.is_empty() {
            arrow.spans[1]
        } else {
            error.span()
        };
        let fix = match context.target_for(&name) {
            Some(target) => format!(
                "name the state it leads to: `{name} => {target}` (or another state of this enum)"
            ),
            None => format!("name the state it leads to: `{name} => State`"),
        };
        MALFORMED_ATTRIBUTE.at(
            span,
            format!("expected the state `{name}` leads to after `=>`"),
            fix,
        )
    })?;
    Ok(Transition { name, target })
}

/// No `=>` after a transition's name: the fix names the target the user wrote, if any.
fn missing_arrow(
    input: ParseStream<'_>,
    name: &Ident,
    context: &ToContext<'_>,
    error: &syn::Error,
) -> syn::Error {
    // What follows the name up to the next comma: the target the user meant, if any.
    let written = input.fork();
    let mut target = None;
    while !written.is_empty() && !written.peek(Token![,]) {
        if let Ok(ident) = written.parse::<Ident>() {
            target = Some(ident.unraw().to_string());
            break;
        }
        if written.parse::<proc_macro2::TokenTree>().is_err() {
            break;
        }
    }
    let target = target
        .or_else(|| context.target_for(name))
        .unwrap_or_else(|| "Shipped".to_owned());
    MALFORMED_ATTRIBUTE.at(
        error.span(),
        format!("expected `=>` after the transition name `{name}`"),
        format!("write `{name} => {target}`"),
    )
}

/// `enum` as a `#[states]` enum whose variants form a chain in declaration order: the first
/// `#[initial]`, each leading to the next, the last `#[terminal]`.
fn states_as_chain(entry: &ItemEnum) -> String {
    let variants: Vec<&Variant> = entry.variants.iter().collect();
    let mut written = Vec::new();
    for (position, variant) in variants.iter().enumerate() {
        let mut text = String::new();
        if position == 0 {
            text.push_str("#[initial] ");
        }
        match variants.get(position + 1) {
            Some(next) => text.push_str(&format!(
                "#[to(to_{} => {})] ",
                snake_case(&next.ident.unraw().to_string()),
                next.ident
            )),
            None => text.push_str("#[terminal] "),
        }
        text.push_str(&variant.ident.unraw().to_string());
        if !matches!(variant.fields, Fields::Unit) {
            text.push(' ');
            text.push_str(&variant.fields.to_token_stream().to_string());
        }
        written.push(text);
    }
    let vis = entry.vis.to_token_stream().to_string();
    let vis = if vis.is_empty() {
        String::new()
    } else {
        format!("{vis} ")
    };
    format!(
        "#[states] {vis}enum {} {{ {} }}",
        entry.ident,
        written.join(", ")
    )
}

/// A tuple struct written with named fields `field_0`, `field_1`, ..
fn named_fields(item: &ItemStruct) -> String {
    let fields: Vec<String> = item
        .fields
        .iter()
        .enumerate()
        .map(|(position, field)| {
            format!("field_{position}: {}", crate::diagnostics::tidy(&field.ty))
        })
        .collect();
    let vis = crate::diagnostics::tidy(&item.vis);
    let vis = if vis.is_empty() {
        String::new()
    } else {
        format!("{vis} ")
    };
    format!(
        "{vis}struct {}{} {{ {} }}",
        item.ident,
        crate::diagnostics::tidy(&item.generics),
        fields.join(", ")
    )
}

/// `impl Drop for Order<..>` in the module. A machine with `Drop` cannot give its fields to the
/// next state (every transition would be E0509); the expansion leaves such an impl out.
pub(crate) fn drop_impl_trait<'i>(item: &'i syn::Item, machine: &Ident) -> Option<&'i syn::Path> {
    let syn::Item::Impl(implementation) = item else {
        return None;
    };
    let (trait_path, _) = implementation.trait_.as_ref()?;
    let is_drop = trait_path
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "Drop");
    let on_machine = matches!(&*implementation.self_ty, syn::Type::Path(path)
        if path.path.segments.last().is_some_and(|segment| segment.ident == *machine));
    (is_drop && on_machine).then_some(trait_path)
}

/// Reads `(tag = "state")` after `serde` or `flat`.
pub(crate) fn parse_tag(
    meta: &syn::meta::ParseNestedMeta<'_>,
    option: &str,
) -> syn::Result<syn::LitStr> {
    let mut tag = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("tag") {
            tag = Some(inner.value()?.parse::<syn::LitStr>()?);
            Ok(())
        } else {
            Err(MALFORMED_ATTRIBUTE.spanning(
                &inner.path,
                format!(
                    "`{option}(..)` has no option `{}`",
                    inner.path.to_token_stream()
                ),
                format!("write `#[typestate({option}(tag = \"state\"))]`"),
            ))
        }
    })?;
    tag.ok_or_else(|| {
        MALFORMED_ATTRIBUTE.spanning(
            &meta.path,
            format!("`{option}(..)` needs the name of the field that holds the state"),
            format!("write `#[typestate({option}(tag = \"state\"))]`"),
        )
    })
}
