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
        #[to(pay => Payed)]
        Pending,
        #[to(ship => Shipped, ship => Shipped)]
        Paid,
        #[terminal]
        #[to(deliver => Delivered)]
        Shipped,
        Delivered,
        #[terminal]
        Refunded,
    }

    impl Order<Pending> {
        pub fn describe(&self) -> String {
            format!("order {}", self.id)
        }
    }
}

fn main() {}
