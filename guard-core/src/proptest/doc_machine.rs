//! A door, written by hand, for the examples of this module's documentation.
//!
//! `Closed --open--> Open --close--> Closed --lock(code)--> Locked --unlock--> Closed`, and
//! `smash` from any state but `Smashed` into the terminal `Smashed`. `lock` rejects the code `0`.

use crate::proptest::{TestableMachine, edge, render_call};
use crate::{Location, Rejected, Violations};
use core::fmt;
use proptest::strategy::{BoxedStrategy, Just, Strategy};

/// The door's states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoorState {
    /// Open.
    Open,
    /// Closed.
    Closed,
    /// Locked with a code.
    Locked,
    /// Smashed: terminal.
    Smashed,
}

/// The door, in any state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Door {
    state: DoorState,
    code: u32,
}

/// The door's constructor.
#[derive(Debug, Clone)]
pub struct DoorStart;

/// The door's transitions.
#[derive(Debug, Clone)]
pub enum DoorStep {
    /// `.open()`
    Open,
    /// `.close()`
    Close,
    /// `.lock(code)`
    Lock(u32),
    /// `.unlock()`
    Unlock,
    /// `.smash()`
    Smash,
}

fn code_rule(code: u32) -> Result<(), Violations> {
    let mut violations = Violations::new();
    if code == 0 {
        violations.push(&Location::root().field("code"), "non_zero", "must not be 0");
    }
    violations.into_result()
}

impl TestableMachine for Door {
    const NAME: &'static str = "Door";
    const STATES: &'static [DoorState] = &[
        DoorState::Open,
        DoorState::Closed,
        DoorState::Locked,
        DoorState::Smashed,
    ];
    type State = DoorState;
    type Start = DoorStart;
    type Step = DoorStep;

    fn starts() -> BoxedStrategy<DoorStart> {
        Just(DoorStart).boxed()
    }

    fn steps(from: DoorState) -> Option<BoxedStrategy<DoorStep>> {
        let smash = Just(DoorStep::Smash).boxed();
        Some(match from {
            DoorState::Open => proptest::prop_oneof![Just(DoorStep::Close).boxed(), smash].boxed(),
            DoorState::Closed => proptest::prop_oneof![
                Just(DoorStep::Open).boxed(),
                edge::biased::<u32>().prop_map(DoorStep::Lock).boxed(),
                smash,
            ]
            .boxed(),
            DoorState::Locked => {
                proptest::prop_oneof![Just(DoorStep::Unlock).boxed(), smash].boxed()
            }
            DoorState::Smashed => return None,
        })
    }

    fn initial_state(_: &DoorStart) -> DoorState {
        DoorState::Closed
    }

    fn target(step: &DoorStep) -> DoorState {
        match step {
            DoorStep::Open => DoorState::Open,
            DoorStep::Close | DoorStep::Unlock => DoorState::Closed,
            DoorStep::Lock(_) => DoorState::Locked,
            DoorStep::Smash => DoorState::Smashed,
        }
    }

    fn allows(from: DoorState, step: &DoorStep) -> bool {
        matches!(
            (from, step),
            (DoorState::Closed, DoorStep::Open | DoorStep::Lock(_))
                | (DoorState::Open, DoorStep::Close)
                | (DoorState::Locked, DoorStep::Unlock)
                | (
                    DoorState::Open | DoorState::Closed | DoorState::Locked,
                    DoorStep::Smash
                )
        )
    }

    fn expect(step: &DoorStep) -> Result<(), Violations> {
        match step {
            DoorStep::Lock(code) => code_rule(*code),
            _ => Ok(()),
        }
    }

    fn start(_: &DoorStart) -> Result<Self, Violations> {
        Ok(Self {
            state: DoorState::Closed,
            code: 1,
        })
    }

    fn apply(self, step: &DoorStep) -> Result<Self, Rejected<Self>> {
        if let DoorStep::Lock(code) = step {
            if let Err(violations) = code_rule(*code) {
                return Err(Rejected {
                    machine: self,
                    violations,
                });
            }
            return Ok(Self {
                state: DoorState::Locked,
                code: *code,
            });
        }
        Ok(Self {
            state: Self::target(step),
            ..self
        })
    }

    fn state(&self) -> DoorState {
        self.state
    }

    fn check(&self) -> Result<(), Violations> {
        code_rule(self.code)
    }

    fn render_start(_: &DoorStart, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        out.write_str("Door::new()")
    }

    fn render_step(step: &DoorStep, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match step {
            DoorStep::Open => render_call(out, ".open", &[]),
            DoorStep::Close => render_call(out, ".close", &[]),
            DoorStep::Lock(code) => render_call(out, ".lock", &[code]),
            DoorStep::Unlock => render_call(out, ".unlock", &[]),
            DoorStep::Smash => render_call(out, ".smash", &[]),
        }
    }
}
