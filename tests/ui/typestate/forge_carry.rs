// `#[carry(..)]` moves fields through a hidden trait whose `__guard_join` builds a state from raw
// parts. It lives in a private module: code outside the machine's module cannot name it, so it
// cannot build a `Paid` with an empty payment reference.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[to(ship => Shipped)]
        Paid {
            #[invariant(non_empty)]
            payment_ref: String,
        },
        #[terminal]
        #[carry(payment_ref)]
        Shipped { tracking_id: String },
    }
}

fn main() {
    let _forged: order::Paid =
        <order::Paid as order::__GuardOrderCarry<_, (String,)>>::__guard_join((String::new(),), ());
}
