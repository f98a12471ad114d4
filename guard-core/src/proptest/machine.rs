//! What the checker needs to know about a machine: [`TestableMachine`].

use crate::typestate::Rejected;
use crate::violation::Violations;
use core::fmt;
use proptest::strategy::BoxedStrategy;

/// A state machine described for property testing.
///
/// `#[typestate]` implements it for every machine (on the machine's erased enum) when stateguard's
/// `proptest` feature is on; implement it by hand for a machine written without the macro.
///
/// The description has two halves:
///
/// - **The declared graph**, used to generate only legal sequences: the [`State`](Self::State)s,
///   the calls that create a machine ([`starts`](Self::starts)), the transitions leaving each state
///   ([`steps`](Self::steps), `None` for a terminal state), which state a call leads to
///   ([`target`](Self::target)) and from which states it may be made ([`allows`](Self::allows)).
///   [`expect_after`](Self::expect_after) says whether the machine must reject a call (the target
///   state's data breaks its invariants), from its arguments and, for data carried over from an
///   earlier state, the calls accepted before it; a rejected call leaves the machine where it was,
///   and the generator follows that.
/// - **The real machine**, driven by the checker: [`start`](Self::start), [`apply`](Self::apply),
///   [`state`](Self::state) and [`check`](Self::check) (the machine's and its state's invariants).
///
/// The checker compares the two after every call: a machine that accepts what
/// [`expect_after`](Self::expect_after) rejects (or the reverse), lands in another state than declared, or
/// breaks its invariants is a bug, reported with the shortest sequence of calls that shows it.
pub trait TestableMachine: Sized {
    /// The machine's name as users write it, such as `Order`.
    const NAME: &'static str;

    /// Every state, in declaration order.
    const STATES: &'static [Self::State];

    /// A state of the graph, without its data.
    type State: Copy + Eq + fmt::Debug + 'static;

    /// A call that creates a machine (an initial state's constructor), with its arguments.
    type Start: Clone + fmt::Debug + 'static;

    /// A transition call, with its arguments.
    type Step: Clone + fmt::Debug + 'static;

    /// The position of `state` in [`STATES`](Self::STATES). Override it when the machine has many
    /// states (the default searches the list).
    fn state_index(state: Self::State) -> usize {
        Self::STATES
            .iter()
            .position(|candidate| *candidate == state)
            .unwrap_or(0)
    }

    /// The calls that create a machine, with strategies for their arguments.
    fn starts() -> BoxedStrategy<Self::Start>;

    /// The transitions that leave `from`, with strategies for their arguments; `None` when `from`
    /// is terminal, which ends a sequence.
    fn steps(from: Self::State) -> Option<BoxedStrategy<Self::Step>>;

    /// The state `start` creates.
    fn initial_state(start: &Self::Start) -> Self::State;

    /// The state `step` leads to when the machine accepts it.
    fn target(step: &Self::Step) -> Self::State;

    /// Whether `step` is a transition of `from`. Used to keep a sequence legal while it shrinks.
    fn allows(from: Self::State, step: &Self::Step) -> bool;

    /// Whether the machine must accept `start`: the violations when its data breaks the initial
    /// state's (or the machine's) invariants. The default accepts everything.
    ///
    /// # Errors
    /// Returns the violations that oblige the machine to refuse `start`.
    fn expect_start(start: &Self::Start) -> Result<(), Violations> {
        let _ = start;
        Ok(())
    }

    /// Whether the machine must accept `step`: the violations when the target state's data breaks
    /// its invariants. The default accepts everything, which suits transitions that cannot fail.
    ///
    /// # Errors
    /// Returns the violations that oblige the machine to reject `step`.
    fn expect(step: &Self::Step) -> Result<(), Violations> {
        let _ = step;
        Ok(())
    }

    /// Whether the machine must accept `step` after the constructor `start` and the transitions
    /// it accepted since (`accepted`, oldest first): the violations when the target state's data
    /// breaks its invariants. The checker and the generator ask this, never
    /// [`expect`](Self::expect) directly.
    ///
    /// The default is [`expect`](Self::expect), which reads the step's arguments alone. A machine
    /// whose target state holds data from earlier calls (`#[carry(..)]`: a shipped order keeps the
    /// payment reference it was paid with) reads that data from `start` and `accepted`; a rejected
    /// call is not among them, since it leaves the machine where it was.
    ///
    /// # Errors
    /// Returns the violations that oblige the machine to reject `step`.
    fn expect_after(
        start: &Self::Start,
        accepted: &[Self::Step],
        step: &Self::Step,
    ) -> Result<(), Violations> {
        let _ = (start, accepted);
        Self::expect(step)
    }

    /// Runs the constructor `start`.
    ///
    /// # Errors
    /// Returns the violations when the constructor refuses its arguments.
    fn start(start: &Self::Start) -> Result<Self, Violations>;

    /// Runs the transition `step`. The checker only calls it with a step that
    /// [`allows`](Self::allows) accepts from [`state`](Self::state).
    ///
    /// # Errors
    /// A rejected transition returns the machine unchanged, with the violations.
    fn apply(self, step: &Self::Step) -> Result<Self, Rejected<Self>>;

    /// The state the machine is in.
    fn state(&self) -> Self::State;

    /// Checks the machine's invariants and its current state's.
    ///
    /// # Errors
    /// Returns every violation.
    fn check(&self) -> Result<(), Violations>;

    /// Whether the constructor `start` returns a `Result` (the machine or its initial state has
    /// rules). A written sequence then follows it with `.unwrap()` (or `.unwrap_err()` when the
    /// machine must refuse it), so that it can be pasted into a test. The default says no.
    fn fallible_start(start: &Self::Start) -> bool {
        let _ = start;
        false
    }

    /// Whether the transition `step` returns a `Result` (its target state has rules). A written
    /// sequence then follows it with `.unwrap()`, or with `.unwrap_err().machine` when the machine
    /// must reject it ([`expect_after`](Self::expect_after)), so that it can be pasted into a test.
    /// The default says no.
    fn fallible(step: &Self::Step) -> bool {
        let _ = step;
        false
    }

    /// Writes `start` as a person would call it: `Order::new(7)`.
    ///
    /// # Errors
    /// Only when the formatter fails.
    fn render_start(start: &Self::Start, out: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// Writes `step` as a person would call it: `.ship("")`.
    ///
    /// # Errors
    /// Only when the formatter fails.
    fn render_step(step: &Self::Step, out: &mut fmt::Formatter<'_>) -> fmt::Result;

    #[doc(hidden)]
    fn __guard_plan() -> crate::proptest::Plan<Self> {
        crate::proptest::Plan::new()
    }

    #[doc(hidden)]
    #[track_caller]
    fn __guard_run(plan: crate::proptest::Plan<Self>) -> crate::proptest::Report {
        plan.run()
    }
}

/// A `String` argument written as code that builds it: `String::from("UPS")`, or
/// `"a".repeat(1024)` for a run of 16 or more of one character. Pass it to [`render_call`] for an
/// argument of type `String`, whose `Debug` form (`"UPS"`) is a `&str`.
///
/// ```
/// use stateguard::proptest::StringArgument;
/// assert_eq!(format!("{:?}", StringArgument(" ")), r#"String::from(" ")"#);
/// assert_eq!(format!("{:?}", StringArgument(&"a".repeat(300))), r#""a".repeat(300)"#);
/// assert_eq!(format!("{:?}", StringArgument("")), "String::new()");
/// ```
#[derive(Clone, Copy)]
pub struct StringArgument<'a>(pub &'a str);

impl fmt::Debug for StringArgument<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut characters = text.chars();
        match characters.next() {
            None => f.write_str("String::new()"),
            Some(first) => {
                let count = text.chars().count();
                if count >= 16 && characters.all(|character| character == first) {
                    write!(
                        f,
                        "{:?}.repeat({count})",
                        alloc::string::String::from(first)
                    )
                } else {
                    write!(f, "String::from({text:?})")
                }
            }
        }
    }
}

/// How generated code writes an argument: a `String` as [`StringArgument`], a `Vec` as
/// `vec![..]` (of `String`s written so, when it holds `String`s), an `Option<String>` as
/// `Some(String::from(..))`, anything else with its `Debug` form.
///
/// The form is chosen by method resolution on `(&&Argument(&value)).code()`: the most specific
/// implementation is the one the fewest dereferences away (impls on `&&Argument<String>`, then on
/// `&Argument<Vec<T>>`, then on `Argument<T>`), so that a type matching none of the first ones,
/// including a generic parameter, takes its `Debug` form.
///
/// ```
/// # #[allow(unused_imports)]
/// use stateguard::proptest::__argument::{Argument, DebugCode as _, StringCode as _, VecCode as _};
/// let strings = vec![String::from("a"), String::new()];
/// assert_eq!(format!("{:?}", (&&Argument(&strings)).code()), r#"vec![String::from("a"), String::new()]"#);
/// assert_eq!(format!("{:?}", (&&Argument(&vec![1_u8, 2])).code()), "vec![1, 2]");
/// assert_eq!(format!("{:?}", (&&Argument(&Vec::<u8>::new())).code()), "Vec::new()");
/// assert_eq!(format!("{:?}", (&&Argument(&Some(String::new()))).code()), "Some(String::new())");
/// assert_eq!(format!("{:?}", (&&Argument(&7_u32)).code()), "7");
/// ```
#[doc(hidden)]
pub mod __argument {
    use super::StringArgument;
    use alloc::boxed::Box;
    use alloc::string::String;
    use alloc::vec::Vec;
    use core::fmt;

    /// An argument to write.
    #[derive(Debug)]
    pub struct Argument<'a, T>(pub &'a T);

    impl<T> Clone for Argument<'_, T> {
        fn clone(&self) -> Self {
            *self
        }
    }

    impl<T> Copy for Argument<'_, T> {}

    /// An argument written as code.
    pub enum Code<'a> {
        /// A `String`.
        String(StringArgument<'a>),
        /// A `Vec`.
        Vec(Vec<Code<'a>>),
        /// `Some(..)` of an `Option`.
        Some(Box<Code<'a>>),
        /// `None`.
        None,
        /// Anything else.
        Debug(&'a dyn fmt::Debug),
    }

    impl fmt::Debug for Code<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                Self::String(string) => fmt::Debug::fmt(string, f),
                Self::Vec(elements) if elements.is_empty() => f.write_str("Vec::new()"),
                Self::Vec(elements) => {
                    f.write_str("vec![")?;
                    for (position, element) in elements.iter().enumerate() {
                        if position > 0 {
                            f.write_str(", ")?;
                        }
                        fmt::Debug::fmt(element, f)?;
                    }
                    f.write_str("]")
                }
                Self::Some(inner) => write!(f, "Some({inner:?})"),
                Self::None => f.write_str("None"),
                Self::Debug(value) => fmt::Debug::fmt(value, f),
            }
        }
    }

    /// Chosen first: `String`, `Vec<String>`, `Option<String>`.
    pub trait StringCode<'a> {
        /// The argument as code.
        fn code(self) -> Code<'a>;
    }

    impl<'a> StringCode<'a> for &&Argument<'a, String> {
        fn code(self) -> Code<'a> {
            Code::String(StringArgument(self.0))
        }
    }

    impl<'a> StringCode<'a> for &&Argument<'a, Vec<String>> {
        fn code(self) -> Code<'a> {
            Code::Vec(
                self.0
                    .iter()
                    .map(|element| Code::String(StringArgument(element)))
                    .collect(),
            )
        }
    }

    impl<'a> StringCode<'a> for &&Argument<'a, Option<String>> {
        fn code(self) -> Code<'a> {
            match self.0 {
                Some(string) => Code::Some(Box::new(Code::String(StringArgument(string)))),
                None => Code::None,
            }
        }
    }

    /// Chosen next: any other `Vec`, as `vec![..]` of its elements' `Debug` forms.
    pub trait VecCode<'a> {
        /// The argument as code.
        fn code(self) -> Code<'a>;
    }

    impl<'a, T: fmt::Debug> VecCode<'a> for &Argument<'a, Vec<T>> {
        fn code(self) -> Code<'a> {
            Code::Vec(
                self.0
                    .iter()
                    .map(|element| Code::Debug(element as &dyn fmt::Debug))
                    .collect(),
            )
        }
    }

    /// Chosen last: the `Debug` form.
    pub trait DebugCode<'a> {
        /// The argument as code.
        fn code(self) -> Code<'a>;
    }

    impl<'a, T: fmt::Debug> DebugCode<'a> for Argument<'a, T> {
        fn code(self) -> Code<'a> {
            Code::Debug(self.0)
        }
    }
}

/// Writes a call `name(arg, ..)`, each argument with its `Debug` form, as
/// [`TestableMachine::render_step`] does.
///
/// ```
/// use core::fmt;
/// struct Ship(String);
/// impl fmt::Display for Ship {
///     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         stateguard::proptest::render_call(f, ".ship", &[&self.0])
///     }
/// }
/// assert_eq!(Ship(String::new()).to_string(), r#".ship("")"#);
/// ```
///
/// # Errors
/// Only when the formatter fails.
pub fn render_call(
    out: &mut fmt::Formatter<'_>,
    name: &str,
    arguments: &[&dyn fmt::Debug],
) -> fmt::Result {
    out.write_str(name)?;
    out.write_str("(")?;
    for (position, argument) in arguments.iter().enumerate() {
        if position > 0 {
            out.write_str(", ")?;
        }
        write!(out, "{argument:?}")?;
    }
    out.write_str(")")
}
