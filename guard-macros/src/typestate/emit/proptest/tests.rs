//! Expansion snapshot of the test description (regenerate with `UPDATE_EXPECT=1`).

use crate::diagnostics::Errors;
use crate::typestate::model::Model;
use crate::typestate::parse;
use quote::quote;

/// The description `emit` writes for `item`, pretty-printed.
fn described(item: proc_macro2::TokenStream) -> String {
    let mut errors = Errors::default();
    let args = parse::args(quote!(), &mut errors);
    let module: syn::ItemMod = syn::parse2(item).expect("a module");
    let parsed = parse::module(&module, &mut errors).expect("a machine");
    assert!(errors.finish().is_ok());
    let model = Model::new(&args, &parsed);
    let tokens = super::emit(&model);
    // `if_proptest! { .. }` is a macro call: print the items inside it.
    let inner = syn::parse2::<syn::Macro>(tokens)
        .expect("one macro call")
        .tokens;
    prettyplease::unparse(&syn::parse2::<syn::File>(inner).expect("items"))
}

#[test]
fn order_description() {
    let description = described(quote! {
        pub mod order {
            #[machine]
            pub struct Order { id: u64 }
            #[states]
            pub enum OrderState {
                #[initial] #[to(pay => Paid, cancel => Cancelled)]
                Pending,
                #[to(ship => Shipped, cancel => Cancelled)]
                Paid { #[invariant(non_empty)] payment_ref: String },
                #[to(deliver => Delivered)]
                Shipped(#[strategy(proptest::sample::select(vec!["UPS-1"]))] &'static str),
                #[terminal] Delivered,
                #[terminal] Cancelled { reason: String },
            }
        }
    });
    expect_test::expect_file!["snapshots/order.rs"].assert_eq(&description);
}

#[test]
fn machines_that_borrow_get_no_description() {
    let mut errors = Errors::default();
    let args = parse::args(quote!(), &mut errors);
    let module: syn::ItemMod = syn::parse2(quote! {
        mod view {
            #[machine] pub struct View<'a> { text: &'a str }
            #[states] pub enum ViewState { #[initial] #[to(close => Closed)] Open, #[terminal] Closed }
        }
    })
    .expect("a module");
    let parsed = parse::module(&module, &mut errors).expect("a machine");
    let emitted = super::emit(&Model::new(&args, &parsed)).to_string();
    // Only the checker `check_machine!` finds, whose bound (G0120) says why it cannot be called.
    assert!(!emitted.contains("TestableMachine"), "{emitted}");
    assert!(emitted.contains("[G0120]"), "{emitted}");
    assert!(emitted.contains("fn __guard_run"), "{emitted}");
}
