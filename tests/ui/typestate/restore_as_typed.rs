// `restore` gives the erased enum, whose state is known only at run time; used where a typed
// machine is expected, rustc reports E0308 in its own words (listed in docs/errors.md with the
// fix: `Order::<Shipped>::try_from`).
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
    }

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(ship => Shipped)]
        Pending,
        #[terminal]
        Shipped { tracking_id: String },
    }
}

fn load(record: order::OrderRecord) -> Result<u64, stateguard::RestoreError> {
    let shipped: order::Order<order::Shipped> = order::OrderState::restore(record)?;
    Ok(*shipped.id())
}

fn main() {
    let record = order::OrderState::from(order::Order::new(1).ship("1Z".to_owned())).into_record();
    println!("{:?}", load(record).is_ok());
}
