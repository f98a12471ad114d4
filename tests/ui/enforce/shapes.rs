// Or-patterns (each alternative is checked), references, `ref` bindings, tuple variants by position (`..` in the middle),
// `Self::` inside an impl and an enum in another module. A type alias is followed when the matched
// value is a parameter declared with it, or a reference to one (`positions`, `through_alias`);
// elsewhere (`through_a_field`) the table is looked up by the alias's own name, which publishes
// none, so that `_` arm is not checked.
use stateguard::enforce_state_invariants;

mod model {
    #[derive(stateguard::__private::__GuardRequired)]
    pub enum Leg {
        Planned,
        Moving(u32, #[required] String, u8),
        Done { #[required] signature: String },
    }
}

type Step = model::Leg;

#[enforce_state_invariants]
impl model::Leg {
    pub fn weight(&self) -> u32 {
        match self {
            Self::Moving(weight, ..) => *weight,
            Self::Done { signature: _ } => 1,
            Self::Planned => 0,
        }
    }
}

#[enforce_state_invariants]
pub fn positions(leg: &Step) -> u8 {
    match *leg {
        Step::Moving(_, ref _carrier, speed) => speed,
        model::Leg::Done { ref signature } => signature.len() as u8,
        Step::Planned => 0,
    }
}

#[enforce_state_invariants]
pub fn either(leg: &model::Leg) -> usize {
    match leg {
        &model::Leg::Moving(_, ref carrier, _) | &model::Leg::Done { signature: ref carrier } => carrier.len(),
        model::Leg::Planned => 0,
    }
}

#[enforce_state_invariants]
pub fn or_hides(leg: &model::Leg) -> usize {
    match leg {
        model::Leg::Moving(..) | model::Leg::Planned => 0,
        model::Leg::Done { signature } => signature.len(),
    }
}

#[enforce_state_invariants]
pub fn through_alias(step: Step) -> usize {
    match step {
        Step::Moving(_, carrier, _) => carrier.len(),
        Step::Done { .. } => 1,
        Step::Planned => 0,
    }
}

#[enforce_state_invariants]
pub fn through_a_field(steps: (Step, u8)) -> usize {
    match steps.0 {
        Step::Done { .. } => 1,
        _ => 0,
    }
}

fn main() {}
