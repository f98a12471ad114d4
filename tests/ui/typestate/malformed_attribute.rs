use stateguard::typestate;

#[typestate(strict)]
pub mod order {
    #[machine(data)]
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[initial(yes)]
        #[to(pay -> Paid)]
        Pending,
        #[to]
        Paid,
        #[to(ship => )]
        Shipped,
        #[terminal]
        #[to()]
        Delivered,
    }
}

fn main() {}
