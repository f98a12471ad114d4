// A machine that borrows has no property-test description: drawn values live as long as the test.
// One error, whatever settings the call gives.
use stateguard::typestate;

#[typestate]
pub mod view {
    #[machine]
    pub struct View<'a> {
        text: &'a str,
    }

    #[states]
    pub enum ViewState {
        #[initial]
        #[to(close => Closed)]
        Open,
        #[terminal]
        Closed,
    }
}

fn main() {
    let text = String::from("draft");
    let closed = view::View::new(&text).close();
    assert_eq!(*closed.text(), "draft");
    stateguard::check_machine!(view::View, cases = 10, postcondition = |_outcome| Ok(()));
}
