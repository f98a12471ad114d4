use guard_core::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        pub id: u64,
    }

    #[states]
    pub enum OrderState<T> {
        #[initial]
        #[to(pay => Paid)]
        Pending = 1,
        #[terminal]
        Paid,
    }
}

#[typestate(serde)]
pub mod borrowed {
    #[machine]
    pub struct Note<'a>(&'a str);

    #[states]
    pub enum NoteState {
        #[initial]
        #[terminal]
        Draft,
    }
}

fn main() {}
