// A misspelt setting of `check_machine!`: a coded error on the name, with the setting meant.
use stateguard::typestate;

#[typestate]
pub mod door {
    #[machine]
    pub struct Door;

    #[states]
    pub enum DoorState {
        #[initial]
        #[to(open => Open)]
        Closed,
        #[terminal]
        Open,
    }
}

fn main() {
    let _report = stateguard::check_machine!(door::Door, case = 100, seed = 7);
}
