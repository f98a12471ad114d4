// After G0113 (a public field, a discriminant), G0002 (a misspelt helper attribute) and G0207,
// the machine keeps its shape as the fixes leave it, so the code below reports nothing more.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        pub id: u64,
    }

    #[states]
    pub enum OrderState {
        #[intial]
        #[to(pay => Paid)]
        Pending = 1,
        #[terminal]
        Paid {
            #[invariant(required, non_empty)]
            payment_ref: String,
        },
    }
}

fn main() {
    let pending = order::Order::<order::Pending>::new(1);
    let Ok(paid) = pending.pay("p-1".to_owned()) else {
        return;
    };
    println!("{} {}", paid.id(), paid.payment_ref());
    let _stored: order::OrderState = paid.into();
}
