use stateguard::typestate;

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


#[typestate]
pub mod connection {
    #[machine]
    pub struct Connection {
        port: u16,
    }

    #[states]
    pub enum ConnectionState {
        #[initial]
        #[to(open => Open)]
        Closed,
        #[terminal]
        Open,
    }

    impl<S: ConnectionStateType> Drop for Connection<S> {
        fn drop(&mut self) {}
    }
}

fn main() {}
