// `#[generate(..)]` takes only `crate = path`.
use stateguard::Generate;

#[derive(Debug, Clone, Generate)]
#[generate(krate = ::stateguard)]
pub struct Sku(String);

fn main() {
    assert_eq!(Sku(String::from("BOOK-42")).0, "BOOK-42");
}
