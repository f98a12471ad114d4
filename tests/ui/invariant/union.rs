use stateguard::Invariant;

#[derive(Invariant)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
