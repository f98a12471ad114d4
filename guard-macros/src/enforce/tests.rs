//! Expansion snapshots: what `#[enforce_state_invariants]` writes, pretty-printed. Update with
//! `UPDATE_EXPECT=1 cargo test -p stateguard-macros --lib enforce`, then read the diff.

use crate::entry::Outcome;
use expect_test::{Expect, expect};
use quote::quote;

fn check(input: proc_macro2::TokenStream, expected: &Expect) {
    let Outcome::Expanded(tokens) = super::expand(proc_macro2::TokenStream::new(), input) else {
        // Test code: every input of these snapshot tests is a valid use of the attribute.
        panic!("the input is valid");
    };
    let file = syn::parse2::<syn::File>(tokens).expect("the expansion parses as items");
    expected.assert_eq(&prettyplease::unparse(&file));
}

#[test]
fn a_check_per_pattern_that_could_break_a_rule() {
    check(
        quote! {
            fn on_update(order: &mut Order, update: OrderStatus) {
                match update {
                    OrderStatus::Shipped(_) => order.hold(),
                    #[allow_unchecked(reason = "the note is enough here")]
                    OrderStatus::Cancelled { note, .. } => order.note(note),
                    OrderStatus::Paid(reference) => order.pay(reference),
                    _ => {}
                }
            }
        },
        &expect![[r#"
            fn on_update(order: &mut Order, update: OrderStatus) {
                #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
                const _: () = {
                    let __guard_table = {
                        use ::stateguard::__private::enforce::NoRequiredFields as _;
                        ::stateguard::__private::enforce::Probe::<OrderStatus>::TABLE
                    };
                    let __guard_data = &::stateguard::__private::enforce::Arm {
                        unbound_code: "G0301",
                        unused_code: "G0302",
                        path: "OrderStatus::Shipped",
                        variant: "Shipped",
                        slots: &[
                            ::stateguard::__private::enforce::Slot {
                                key: ::stateguard::__private::enforce::Key::Front(0usize),
                                state: ::stateguard::__private::enforce::State::Wildcard,
                                fix: "_",
                                binding: "",
                            },
                        ],
                        rest: false,
                        alternative: false,
                        before: "",
                        after: " => ...",
                        body_open: " => ",
                        body_close: "",
                    };
                    if !::stateguard::__private::enforce::arm_passes(__guard_table, __guard_data) {
                        ::stateguard::__private::enforce::fail(
                            &::stateguard::__private::enforce::check_arm(__guard_table, __guard_data),
                        )
                    }
                };
                #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
                const _: () = {
                    let __guard_table = {
                        use ::stateguard::__private::enforce::NoRequiredFields as _;
                        ::stateguard::__private::enforce::Probe::<OrderStatus>::TABLE
                    };
                    let __guard_data = &::stateguard::__private::enforce::CatchAll {
                        code: "G0303",
                        pattern: "_",
                        before: "",
                        after: "",
                        enum_path: "OrderStatus",
                        named: &["Shipped", "Cancelled", "Paid"],
                    };
                    if !::stateguard::__private::enforce::catch_all_passes(
                        __guard_table,
                        __guard_data,
                    ) {
                        ::stateguard::__private::enforce::fail(
                            &::stateguard::__private::enforce::check_catch_all(
                                __guard_table,
                                __guard_data,
                            ),
                        )
                    }
                };
                match update {
                    OrderStatus::Shipped(_) => order.hold(),
                    OrderStatus::Cancelled { note, .. } => order.note(note),
                    OrderStatus::Paid(reference) => order.pay(reference),
                    _ => {}
                }
            }
        "#]],
    );
}

#[test]
fn each_lookup() {
    check(
        quote! {
            fn filled<T>(order: &Order, slot: Slot<u8>, other: &Slot<T>) -> bool {
                if let Shipped(_) = order.status {
                    return true;
                }
                if let Slot::<u8>::Filled(_) = order.slot {
                    return true;
                }
                if let Slot::Filled(_) = order.other_slot {
                    return true;
                }
                if let Slot::Filled(_) = slot {
                    return true;
                }
                matches!(other, Slot::Empty) || if let Filled(_) = other { true } else { false }
            }
        },
        &expect![[r#"
            fn filled<T>(order: &Order, slot: Slot<u8>, other: &Slot<T>) -> bool {
                #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
                const _: () = {
                    let __guard_table = {
                        #[allow(unused_imports)]
                        use ::stateguard::__private::enforce::{
                            SelectFound as _, SelectNotFound as _,
                        };
                        ::stateguard::__private::enforce::inferred(
                            &|__guard_value| {
                                #[allow(irrefutable_let_patterns)]
                                if let Shipped { .. } = __guard_value {}
                                (&::stateguard::__private::enforce::Select::of(&__guard_value))
                                    .select()
                            },
                        )
                    };
                    let __guard_data = &::stateguard::__private::enforce::Arm {
                        unbound_code: "G0301",
                        unused_code: "G0302",
                        path: "Shipped",
                        variant: "Shipped",
                        slots: &[
                            ::stateguard::__private::enforce::Slot {
                                key: ::stateguard::__private::enforce::Key::Front(0usize),
                                state: ::stateguard::__private::enforce::State::Wildcard,
                                fix: "_",
                                binding: "",
                            },
                        ],
                        rest: false,
                        alternative: false,
                        before: "if let ",
                        after: " = ...",
                        body_open: " = ... { ",
                        body_close: " }",
                    };
                    if !::stateguard::__private::enforce::arm_passes(__guard_table, __guard_data) {
                        ::stateguard::__private::enforce::fail(
                            &::stateguard::__private::enforce::check_arm(__guard_table, __guard_data),
                        )
                    }
                };
                #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
                const _: () = {
                    let __guard_table = {
                        use ::stateguard::__private::enforce::NoRequiredFields as _;
                        ::stateguard::__private::enforce::Probe::<Slot<u8>>::TABLE
                    };
                    let __guard_data = &::stateguard::__private::enforce::Arm {
                        unbound_code: "G0301",
                        unused_code: "G0302",
                        path: "Slot::<u8>::Filled",
                        variant: "Filled",
                        slots: &[
                            ::stateguard::__private::enforce::Slot {
                                key: ::stateguard::__private::enforce::Key::Front(0usize),
                                state: ::stateguard::__private::enforce::State::Wildcard,
                                fix: "_",
                                binding: "",
                            },
                        ],
                        rest: false,
                        alternative: false,
                        before: "if let ",
                        after: " = ...",
                        body_open: " = ... { ",
                        body_close: " }",
                    };
                    if !::stateguard::__private::enforce::arm_passes(__guard_table, __guard_data) {
                        ::stateguard::__private::enforce::fail(
                            &::stateguard::__private::enforce::check_arm(__guard_table, __guard_data),
                        )
                    }
                };
                #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
                const _: () = {
                    let __guard_table = {
                        #[allow(unused_imports)]
                        use ::stateguard::__private::enforce::unpublished::*;
                        #[allow(unused_imports)]
                        use Slot as __guard_meta;
                        __guard_meta.table()
                    };
                    let __guard_data = &::stateguard::__private::enforce::Arm {
                        unbound_code: "G0301",
                        unused_code: "G0302",
                        path: "Slot::Filled",
                        variant: "Filled",
                        slots: &[
                            ::stateguard::__private::enforce::Slot {
                                key: ::stateguard::__private::enforce::Key::Front(0usize),
                                state: ::stateguard::__private::enforce::State::Wildcard,
                                fix: "_",
                                binding: "",
                            },
                        ],
                        rest: false,
                        alternative: false,
                        before: "if let ",
                        after: " = ...",
                        body_open: " = ... { ",
                        body_close: " }",
                    };
                    if !::stateguard::__private::enforce::arm_passes(__guard_table, __guard_data) {
                        ::stateguard::__private::enforce::fail(
                            &::stateguard::__private::enforce::check_arm(__guard_table, __guard_data),
                        )
                    }
                };
                #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
                const _: () = {
                    let __guard_table = {
                        use ::stateguard::__private::enforce::NoRequiredFields as _;
                        ::stateguard::__private::enforce::Probe::<Slot<u8>>::TABLE
                    };
                    let __guard_data = &::stateguard::__private::enforce::Arm {
                        unbound_code: "G0301",
                        unused_code: "G0302",
                        path: "Slot::Filled",
                        variant: "Filled",
                        slots: &[
                            ::stateguard::__private::enforce::Slot {
                                key: ::stateguard::__private::enforce::Key::Front(0usize),
                                state: ::stateguard::__private::enforce::State::Wildcard,
                                fix: "_",
                                binding: "",
                            },
                        ],
                        rest: false,
                        alternative: false,
                        before: "if let ",
                        after: " = ...",
                        body_open: " = ... { ",
                        body_close: " }",
                    };
                    if !::stateguard::__private::enforce::arm_passes(__guard_table, __guard_data) {
                        ::stateguard::__private::enforce::fail(
                            &::stateguard::__private::enforce::check_arm(__guard_table, __guard_data),
                        )
                    }
                };
                #[allow(clippy::all, clippy::pedantic, clippy::nursery, clippy::restriction)]
                const _: () = {
                    let __guard_table = {
                        #[allow(unused_imports)]
                        use ::stateguard::__private::enforce::unpublished::*;
                        #[allow(unused_imports)]
                        use Slot as __guard_meta;
                        __guard_meta.table()
                    };
                    let __guard_data = &::stateguard::__private::enforce::Arm {
                        unbound_code: "G0301",
                        unused_code: "G0302",
                        path: "Filled",
                        variant: "Filled",
                        slots: &[
                            ::stateguard::__private::enforce::Slot {
                                key: ::stateguard::__private::enforce::Key::Front(0usize),
                                state: ::stateguard::__private::enforce::State::Wildcard,
                                fix: "_",
                                binding: "",
                            },
                        ],
                        rest: false,
                        alternative: false,
                        before: "if let ",
                        after: " = ...",
                        body_open: " = ... { ",
                        body_close: " }",
                    };
                    if !::stateguard::__private::enforce::arm_passes(__guard_table, __guard_data) {
                        ::stateguard::__private::enforce::fail(
                            &::stateguard::__private::enforce::check_arm(__guard_table, __guard_data),
                        )
                    }
                };
                if let Shipped(_) = order.status {
                    return true;
                }
                if let Slot::<u8>::Filled(_) = order.slot {
                    return true;
                }
                if let Slot::Filled(_) = order.other_slot {
                    return true;
                }
                if let Slot::Filled(_) = slot {
                    return true;
                }
                matches!(other, Slot::Empty) || if let Filled(_) = other { true } else { false }
            }
        "#]],
    );
}
