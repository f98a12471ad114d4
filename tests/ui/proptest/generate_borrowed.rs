// A type that borrows has no value `#[derive(Generate)]` could draw for a whole test.
use stateguard::Generate;

#[derive(Debug, Clone, Generate)]
pub struct Label<'a> {
    text: &'a str,
}

fn main() {
    let text = String::from("fragile");
    let label = Label { text: &text };
    assert_eq!(label.text, "fragile");
}
