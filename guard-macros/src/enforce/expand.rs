//! Writing the checks: one free constant item per pattern naming a variant and per catch-all arm,
//! placed at the start of the block that holds the construct.
//!
//! ```text
//! const _: () = {
//!     use ::stateguard::__private::enforce::NoRequiredFields as _;
//!     let table = ::stateguard::__private::enforce::Probe::<OrderStatus>::TABLE;
//!     let data = &::stateguard::__private::enforce::Arm { path: "OrderStatus::Shipped", .. };
//!     if !::stateguard::__private::enforce::arm_passes(table, data) {
//!         // spanned on the user's pattern
//!         ::stateguard::__private::enforce::fail(&::stateguard::__private::enforce::check_arm(table, data))
//!     }
//! };
//! ```

use super::pattern::{Lookup, Probe, Slot, SlotKey, VariantPattern};
use crate::diagnostics::enforce::{
    SWALLOWING_CATCH_ALL, UNBOUND_REQUIRED_FIELD, UNREADABLE_PATTERN, UNUSED_REQUIRED_FIELD,
};
use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

/// What the arm does with a field, as the checker sees it.
#[derive(Clone, Copy)]
pub(super) enum State {
    Used,
    Unused,
    Underscored,
    Wildcard,
    Unbound,
}

/// One constant to write.
pub(super) enum Check {
    Variant {
        pattern: VariantPattern,
        /// For each of `pattern.slots`: its state and the binding named in messages.
        states: Vec<(State, String)>,
        before: &'static str,
        after: &'static str,
        body_open: &'static str,
        body_close: &'static str,
    },
    CatchAll {
        probe: Probe,
        written: String,
        /// The arm's pattern around the catch-all (`Some(` and `)`), empty at the top.
        around: (String, String),
        named: Vec<String>,
        first: Span,
        last: Span,
    },
    /// A pattern written by a macro: an error only when it matches an enum with a table.
    Unreadable {
        probe: Probe,
        written: String,
        before: &'static str,
        after: &'static str,
        first: Span,
        last: Span,
    },
}

impl Check {
    pub(super) fn to_item(&self, krate: &syn::Path) -> syn::Stmt {
        let private = quote!(#krate::__private::enforce);
        let (probe, check, first, last) = match self {
            Self::Variant {
                pattern,
                states,
                before,
                after,
                body_open,
                body_close,
            } => {
                let arm = arm_data(
                    &private,
                    pattern,
                    states,
                    [*before, *after, *body_open, *body_close],
                );
                let check = Checker {
                    data: arm,
                    passes: quote!(arm_passes),
                    report: quote!(check_arm),
                };
                (&pattern.probe, check, pattern.first, pattern.last)
            }
            Self::CatchAll {
                probe,
                written,
                around,
                named,
                first,
                last,
            } => (
                probe,
                Checker {
                    data: catch_all_data(&private, probe, written, around, named),
                    passes: quote!(catch_all_passes),
                    report: quote!(check_catch_all),
                },
                *first,
                *last,
            ),
            Self::Unreadable {
                probe,
                written,
                before,
                after,
                first,
                last,
            } => (
                probe,
                Checker {
                    data: unreadable_data(&private, probe, written, [*before, *after]),
                    passes: quote!(unreadable_passes),
                    report: quote!(check_unreadable),
                },
                *first,
                *last,
            ),
        };
        constant_item(
            &private,
            lookup(&private, probe, first),
            &check,
            first,
            last,
        )
    }
}

/// What one constant checks: the pattern's data (an `&Arm`, `&CatchAll` or `&Unreadable`), the
/// checker's `const fn` that decides, and the one that writes the diagnostic.
struct Checker {
    data: TokenStream,
    passes: TokenStream,
    report: TokenStream,
}

/// The free constant that checks the pattern's data against `table` and fails the compile, on the
/// user's pattern, when a rule is broken. The diagnostic is written only then: a pattern that
/// passes costs the compiler one call that returns `true`.
fn constant_item(
    private: &TokenStream,
    table: TokenStream,
    check: &Checker,
    first: Span,
    last: Span,
) -> syn::Stmt {
    let Checker {
        data,
        passes,
        report,
    } = check;
    // Not a panic of the macro: these tokens go into the user's `const _` item, where a
    // const-evaluated panic is how a broken rule becomes an error that `cargo check` reports
    // (module docs). The call's span runs from the pattern's first token to its last, so the
    // compiler underlines the whole pattern; `fail` is `#[track_caller]`, so that span is
    // the error's primary span.
    let mut arguments = Group::new(
        Delimiter::Parenthesis,
        quote!(&#private::#report(__guard_table, __guard_data)),
    );
    arguments.set_span(last);
    let mut panic = crate::diagnostics::on_span(quote!(#private::fail), first);
    panic.extend([TokenTree::Group(arguments)]);
    let item: TokenStream = quote! {
        #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
        const _: () = {
            let __guard_table = #table;
            let __guard_data = #data;
            if !#private::#passes(__guard_table, __guard_data) {
                #panic
            }
        };
    };
    // The expansion snapshots print the item parsed, like any other; the compiler gets the tokens
    // as written (parsing them again would only cost the macro time).
    if cfg!(test) {
        syn::Stmt::Item(syn::parse2(item.clone()).unwrap_or(syn::Item::Verbatim(item)))
    } else {
        syn::Stmt::Item(syn::Item::Verbatim(item))
    }
}

/// `&Arm { .. }`: the data of one variant pattern. `context` is what comes before and after
/// the pattern, and around a use of a binding, in a fix.
fn arm_data(
    private: &TokenStream,
    pattern: &VariantPattern,
    states: &[(State, String)],
    [before, after, body_open, body_close]: [&str; 4],
) -> TokenStream {
    let unbound_code = UNBOUND_REQUIRED_FIELD.id;
    let unused_code = UNUSED_REQUIRED_FIELD.id;
    let path = &pattern.path;
    let variant = &pattern.variant;
    let rest = pattern.rest;
    let alternative = pattern.alternative;
    let slots = pattern
        .slots
        .iter()
        .zip(states)
        .map(|(slot, (state, binding))| slot_tokens(private, slot, *state, binding));
    quote! {
        &#private::Arm {
            unbound_code: #unbound_code,
            unused_code: #unused_code,
            path: #path,
            variant: #variant,
            slots: &[#(#slots),*],
            rest: #rest,
            alternative: #alternative,
            before: #before,
            after: #after,
            body_open: #body_open,
            body_close: #body_close,
        }
    }
}

/// `&CatchAll { .. }`: a catch-all may not swallow a variant with required fields.
fn catch_all_data(
    private: &TokenStream,
    probe: &Probe,
    written: &str,
    (before, after): &(String, String),
    named: &[String],
) -> TokenStream {
    let code = SWALLOWING_CATCH_ALL.id;
    let enum_path = &probe.written;
    quote! {
        &#private::CatchAll {
            code: #code,
            pattern: #written,
            before: #before,
            after: #after,
            enum_path: #enum_path,
            named: &[#(#named),*],
        }
    }
}

/// `&Unreadable { .. }`: a pattern written by a macro may not match an enum with a table.
fn unreadable_data(
    private: &TokenStream,
    probe: &Probe,
    written: &str,
    [before, after]: [&str; 2],
) -> TokenStream {
    let code = UNREADABLE_PATTERN.id;
    let enum_path = &probe.written;
    quote! {
        &#private::Unreadable {
            code: #code,
            pattern: #written,
            enum_path: #enum_path,
            before: #before,
            after: #after,
        }
    }
}

/// The expression that finds the table (an `Option<Table>`) of the enum `probe` names.
fn lookup(private: &TokenStream, probe: &Probe, first: Span) -> TokenStream {
    match &probe.lookup {
        Lookup::Type(ty) => quote! {
            {
                use #private::NoRequiredFields as _;
                #private::Probe::<#ty>::TABLE
            }
        },
        // The enum's own name shadows the glob-imported fallback when it publishes a table.
        Lookup::Published(path) => quote! {
            {
                #[allow(unused_imports)]
                use #private::unpublished::*;
                #[allow(unused_imports)]
                use #path as __guard_meta;
                __guard_meta.table()
            }
        },
        // The closure is never called: it only gives the compiler a value whose type the
        // pattern fixes, and whose table `Select` picks. An inference error (a generic type) is
        // reported at the user's pattern.
        Lookup::Inferred(path) => {
            let value = quote_spanned!(first=> __guard_value);
            quote! {
                {
                    #[allow(unused_imports)]
                    use #private::{SelectFound as _, SelectNotFound as _};
                    #private::inferred(&|#value| {
                        #[allow(irrefutable_let_patterns)]
                        if let #path { .. } = __guard_value {}
                        (&#private::Select::of(&__guard_value)).select()
                    })
                }
            }
        }
        // The same, with the macro's own pattern, which may move out of the value or bind it
        // `ref mut`: the selector (which holds no borrow) is made first, and picks once the
        // pattern has fixed the type. The names the pattern binds are not used.
        Lookup::InferredPattern(pattern) => {
            let value = quote_spanned!(first=> __guard_value);
            quote! {
                {
                    #[allow(unused_imports)]
                    use #private::{SelectFound as _, SelectNotFound as _};
                    #private::inferred(&|#[allow(unused_mut)] mut #value| {
                        let __guard_select = #private::Select::of(&__guard_value);
                        #[allow(irrefutable_let_patterns, unused_variables)]
                        if let #pattern = __guard_value {}
                        (&__guard_select).select()
                    })
                }
            }
        }
    }
}

fn slot_tokens(private: &TokenStream, slot: &Slot, state: State, binding: &str) -> TokenStream {
    let key = match &slot.key {
        SlotKey::Name(name) => quote!(#private::Key::Name(#name)),
        SlotKey::Front(position) => quote!(#private::Key::Front(#position)),
        SlotKey::Back(position) => quote!(#private::Key::Back(#position)),
    };
    let state = match state {
        State::Used => quote!(Used),
        State::Unused => quote!(Unused),
        State::Underscored => quote!(Underscored),
        State::Wildcard => quote!(Wildcard),
        State::Unbound => quote!(Unbound),
    };
    let fix = &slot.fix;
    quote! {
        #private::Slot {
            key: #key,
            state: #private::State::#state,
            fix: #fix,
            binding: #binding,
        }
    }
}
