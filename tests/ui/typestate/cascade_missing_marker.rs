// After G0107 (no `#[machine]` struct) and G0108 (no `#[states]` enum), the machine keeps the
// shape the fixes give it, so the code below reports nothing more.
use stateguard::typestate;

#[typestate]
pub mod order {
    pub struct Order {
        id: u64,
    }

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid { payment_ref: String },
    }
}

#[typestate]
pub mod invoice {
    #[machine]
    pub struct Invoice {
        number: u32,
    }

    pub enum InvoiceState {
        #[initial]
        #[to(send => Sent)]
        Draft,
        #[terminal]
        Sent,
    }
}

#[typestate]
pub mod ticket {
    #[machine]
    pub struct Ticket;

    pub enum TicketState {
        Open,
        Closed,
    }
}

#[typestate]
pub mod parcel {
    #[states]
    pub enum ParcelState {
        #[initial]
        #[to(ship => Shipped)]
        Packed,
        #[terminal]
        Shipped,
    }
}

fn main() {
    let paid = order::Order::new(1).pay(String::from("p-1"));
    println!("{} {}", paid.id(), paid.payment_ref());
    let sent: invoice::Invoice<invoice::Sent> = invoice::Invoice::new(7).send();
    println!("{}", sent.number());
    let closed = ticket::Ticket::new().to_closed();
    println!("{}", closed.state_name());
    let shipped = parcel::Parcel::new().ship();
    let _stored: parcel::ParcelState = shipped.into();
}
