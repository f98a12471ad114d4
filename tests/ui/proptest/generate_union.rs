// A union has no value `#[derive(Generate)]` could draw: which field is live is not known.
use stateguard::Generate;

#[derive(Clone, Copy, Generate)]
pub union Bits {
    word: u32,
    bytes: [u8; 4],
}

impl std::fmt::Debug for Bits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bits")
    }
}

fn main() {
    let bits = Bits { word: 7 };
    assert_eq!(format!("{bits:?}"), "Bits");
}
