// A typed machine is never deserialized directly, even with `#[typestate(serde)]`: G0119 on the
// call and on the field of a struct that derives `Deserialize`.
use stateguard::typestate;

#[typestate(serde)]
pub mod order {
    #[machine]
    #[derive(Debug)]
    pub struct Order {
        id: u64,
    }

    #[states]
    #[derive(Debug)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid { payment_ref: String },
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct Invoice {
    pub order: order::Order<order::Paid>,
}

fn main() {
    let text = r#"{"id": 1, "state": {"Paid": {"payment_ref": "p-1"}}}"#;
    let paid = serde_json::from_str::<order::Order<order::Paid>>(text);
    println!("{paid:?}");
}
