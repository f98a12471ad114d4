// An integer bound on a float field, read by the derive from the field's spelling.
use stateguard::Invariant;

#[derive(Invariant)]
struct Price {
    #[invariant(range(greater_than = 0))]
    amount: f64,
    #[invariant(range(min = -1, max = 1))]
    change: Option<f32>,
}

fn main() {}
