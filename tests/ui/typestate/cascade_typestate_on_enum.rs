// `#[typestate]` written on the states enum rather than on a module around it: G0003, and the
// code below that uses the machine it meant reports nothing more.
use stateguard::typestate;

#[typestate]
pub enum OrderState {
    #[initial]
    #[to(pay => Paid)]
    Pending,
    #[terminal]
    Paid { payment_ref: String },
}

fn main() {
    let pending = Order::<Pending>::new();
    let paid: Order<Paid> = pending.pay("p-1".to_owned());
    println!("{}", paid.payment_ref());
    let _stored: OrderState = paid.into();
}
