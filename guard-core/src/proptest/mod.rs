#![doc = include_str!("../docs/proptest.md")]

mod checker;
pub mod edge;
mod generate;
mod machine;
mod plan;
mod report_file;
mod sequence;
mod untestable;

pub use self::checker::{
    Checker, DEFAULT_CASES, DEFAULT_MAX_STEPS, Failure, MIRI_CASES, Problem, ReferenceModel,
    Report, StepOutcome,
};
pub use self::generate::Generate;
#[doc(hidden)]
pub use self::machine::__argument;
pub use self::machine::{StringArgument, TestableMachine, render_call};
#[doc(hidden)]
pub use self::plan::Plan;
pub use self::report_file::REPORT_VARIABLE;
pub use self::sequence::{Sequence, SequenceStrategy, SequenceTree};
#[doc(hidden)]
pub use self::untestable::Untestable;

/// Property-tests a machine in one line: drives it through random **legal** call sequences,
/// checks its invariants after every call, and panics with the shortest failing sequence,
/// written as the calls a person would make.
///
/// `check_machine!(Machine)` takes the machine's name (a `#[typestate]` machine such as `Order`)
/// or any type implementing [`TestableMachine`], then optional `key = value` settings, each a
/// method of [`Checker`]: `cases`, `max_steps`, `seed`, `postcondition`, `model`. It returns the
/// [`Report`] of a passing run.
///
/// ```
/// # use stateguard::proptest::doc_machine::Door;
/// // `Door` is a small machine written by hand for this example.
/// // Panics with the shortest failing sequence when the door breaks.
/// let report = stateguard::check_machine!(Door, cases = 200, max_steps = 10);
/// println!("{} sequences, {} transitions", report.cases, report.steps);
/// ```
///
/// Cases default to [`DEFAULT_CASES`] (10,000); `PROPTEST_CASES` overrides any count, and under
/// Miri at most [`MIRI_CASES`] run. A count of `0`, or a `PROPTEST_CASES` that is not a positive
/// whole number, fails the test with a message naming it.
#[macro_export]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
macro_rules! check_machine {
    ($($machine:ident)::+ $(, $setting:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::proptest::TestableMachine as _;
        // The settings go into a plan, which needs nothing of the machine; the one call that
        // needs its description is the last, so a machine that lacks it gets one error.
        let plan = $($machine)::+::__guard_plan();
        $(let plan = $crate::__check_machine_setting!(plan, $setting, $value);)*
        $($machine)::+::__guard_run(plan)
    }};
    ($machine:ty $(, $setting:ident = $value:expr)* $(,)?) => {{
        let plan = $crate::proptest::Plan::<$machine>::new();
        $(let plan = $crate::__check_machine_setting!(plan, $setting, $value);)*
        $crate::proptest::Plan::run(plan)
    }};
}

/// One setting of `check_machine!` applied to its plan; a name that is no setting is G0005, on
/// the name.
#[doc(hidden)]
#[macro_export]
macro_rules! __check_machine_setting {
    ($plan:ident, cases, $value:expr) => {
        $crate::proptest::Plan::cases($plan, $value)
    };
    ($plan:ident, max_steps, $value:expr) => {
        $crate::proptest::Plan::max_steps($plan, $value)
    };
    ($plan:ident, seed, $value:expr) => {
        $crate::proptest::Plan::seed($plan, $value)
    };
    ($plan:ident, postcondition, $value:expr) => {
        $crate::proptest::Plan::postcondition($plan, $value)
    };
    ($plan:ident, model, $value:expr) => {
        $crate::proptest::Plan::model($plan, $value)
    };
    ($plan:ident, $other:ident, $value:expr) => {
        $crate::__private::unknown_setting!($other)
    };
}

#[doc(hidden)]
pub mod doc_machine;

#[cfg(test)]
mod tests;
