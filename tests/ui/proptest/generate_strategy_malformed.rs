// `#[strategy(..)]` next to `#[derive(Generate)]` takes the expression of a proptest strategy.
use stateguard::Generate;

#[derive(Debug, Clone, Generate)]
pub struct Quantity {
    #[strategy(=> 100)]
    count: u32,
}

fn main() {
    assert_eq!(Quantity { count: 3 }.count, 3);
}
