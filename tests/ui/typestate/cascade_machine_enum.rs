// After G0003 for `#[machine]` on an enum (the states enum, or an enum where the machine struct
// belongs) and for swapped markers, the machine keeps the shape the fixes give it, so the code
// below reports nothing more.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid,
    }
}

#[typestate]
pub mod invoice {
    #[machine]
    pub enum Invoice {
        Draft,
    }

    #[states]
    pub enum InvoiceState {
        #[initial]
        #[to(send => Sent)]
        Draft,
        #[terminal]
        Sent,
    }
}

#[typestate]
pub mod parcel {
    #[states]
    pub struct Parcel {
        weight: u32,
    }

    #[machine]
    pub enum ParcelState {
        #[initial]
        #[to(ship => Shipped)]
        Packed,
        #[terminal]
        Shipped,
    }
}

fn main() {
    let paid = order::Order::new().pay();
    println!("{}", paid.state_name());
    let sent = invoice::Invoice::new().send();
    let _stored: invoice::InvoiceState = sent.into();
    let shipped = parcel::Parcel::new(3).ship();
    println!("{}", shipped.weight());
}
