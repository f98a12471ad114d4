//! Tests of the sequence strategy and the checker on the hand-written door.

use super::doc_machine::{Door, DoorState, DoorStep};
use super::sequence::{Verdict, Walk};
use super::{Checker, Sequence, SequenceStrategy, TestableMachine};
use alloc::string::ToString;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

/// Walks `sequence` through the declared graph; `false` on the first illegal call.
fn is_legal(sequence: &Sequence<Door>) -> bool {
    let mut walk = Walk::<Door>::new(&sequence.start);
    for step in &sequence.steps {
        if !Door::allows(walk.state(), step) {
            return false;
        }
        let verdict = walk.verdict(step);
        assert_ne!(verdict, Verdict::Panic, "the door's rules do not panic");
        walk.follow(step, verdict);
    }
    true
}

#[test]
fn generated_sequences_are_legal_and_stop_at_the_terminal_state() {
    let mut runner = TestRunner::deterministic();
    let strategy = SequenceStrategy::<Door>::new(12);
    for _ in 0..if cfg!(miri) { 8 } else { 500 } {
        let sequence = strategy.new_tree(&mut runner).unwrap().current();
        assert!(is_legal(&sequence), "{sequence}");
        assert!(sequence.steps.len() <= 12);
        if let Some(position) = sequence
            .steps
            .iter()
            .position(|step| matches!(step, DoorStep::Smash))
        {
            assert_eq!(position + 1, sequence.steps.len(), "{sequence}");
        }
    }
}

#[test]
fn every_shrink_stays_legal() {
    let mut runner = TestRunner::deterministic();
    let strategy = SequenceStrategy::<Door>::new(12);
    for round in 0..if cfg!(miri) { 2 } else { 50 } {
        let mut tree = strategy.new_tree(&mut runner).unwrap();
        // Accept every other simplification, as if half of them still failed.
        let mut accept = round % 2 == 0;
        let mut moves = 0;
        while tree.simplify() && moves < 200 {
            assert!(is_legal(&tree.current()), "{}", tree.current());
            if !accept {
                tree.complicate();
                assert!(is_legal(&tree.current()), "{}", tree.current());
            }
            accept = !accept;
            moves += 1;
        }
    }
}

#[test]
fn shrinking_a_failure_removes_the_calls_it_does_not_need() {
    // The failure: the door is locked with a code above 1000 at some point.
    let mut runner = TestRunner::deterministic();
    let strategy = SequenceStrategy::<Door>::new(30);
    let fails = |sequence: &Sequence<Door>| {
        sequence
            .steps
            .iter()
            .any(|step| matches!(step, DoorStep::Lock(code) if *code > 1000))
    };
    let mut tree = loop {
        let tree = strategy.new_tree(&mut runner).unwrap();
        if fails(&tree.current()) && tree.current().steps.len() > 3 {
            break tree;
        }
    };
    if tree.simplify() {
        loop {
            let keep_going = if fails(&tree.current()) {
                tree.simplify()
            } else {
                tree.complicate()
            };
            if !keep_going {
                break;
            }
        }
    }
    assert_eq!(tree.current().to_string(), "Door::new().lock(1001)");
}

#[test]
fn the_door_passes() {
    let report = Checker::<Door>::new()
        .cases(300)
        .max_steps(10)
        .seed(7)
        .run();
    assert_eq!(
        report.cases,
        300.min(Checker::<Door>::new().cases(300).case_count())
    );
    assert!(report.terminated > 0);
    if !cfg!(miri) {
        // Under Miri only a handful of cases run.
        assert!(
            report.rejected > 0,
            "lock(0) is drawn and rejected: {report:?}"
        );
        assert!(report.visits_of::<Door>(DoorState::Locked) > 0);
    }
}

#[test]
fn a_postcondition_failure_is_reported_with_the_minimal_sequence() {
    let failure = Checker::<Door>::new()
        .cases(300)
        .seed(1)
        .postcondition(|outcome| match outcome.step {
            DoorStep::Open if outcome.from == DoorState::Closed => {
                Err("opening is forbidden".to_string())
            }
            _ => Ok(()),
        })
        .try_run()
        .unwrap_err();
    assert_eq!(failure.sequence().to_string(), "Door::new().open()");
    assert_eq!(failure.position(), 1);
    assert_eq!(failure.call(), ".open()");
    assert_eq!(
        failure.to_string(),
        "Door: fails after 2 calls (shortest sequence found):\n\n    Door::new()\n        .open()  // <- here\n\nafter `.open()`, postcondition failed: opening is forbidden"
    );
}

#[test]
fn the_case_count_comes_from_the_environment_then_the_code() {
    use super::checker::resolve_cases;
    use super::{DEFAULT_CASES, MIRI_CASES};
    assert_eq!(
        resolve_cases(Ok("250".to_string()), Some(7), false),
        Ok(250)
    );
    assert_eq!(resolve_cases(Ok(" 250\n".to_string()), None, true), Ok(250));
    assert_eq!(resolve_cases(Err(None), Some(7), false), Ok(7));
    assert_eq!(resolve_cases(Err(None), Some(700), true), Ok(MIRI_CASES));
    assert_eq!(resolve_cases(Err(None), None, false), Ok(DEFAULT_CASES));
}

#[test]
fn a_case_count_that_runs_nothing_or_is_not_a_number_is_refused() {
    use super::checker::resolve_cases;
    let zero = resolve_cases(Ok("0".to_string()), Some(500), false).unwrap_err();
    assert!(
        zero.starts_with("PROPTEST_CASES is `0`: a property test of no case checks nothing."),
        "{zero}"
    );
    let typo = resolve_cases(Ok("abc".to_string()), Some(500), false).unwrap_err();
    assert!(
        typo.starts_with("PROPTEST_CASES is `abc`, not a number of cases."),
        "{typo}"
    );
    for value in ["", "-5", "1e4", "10_000", "99999999999"] {
        let message = resolve_cases(Ok(value.to_string()), None, false).unwrap_err();
        assert!(
            message.starts_with(&alloc::format!("PROPTEST_CASES is `{value}`")),
            "{message}"
        );
    }
    let not_unicode = resolve_cases(Err(Some("\u{fffd}x".to_string())), None, false).unwrap_err();
    assert!(
        not_unicode.contains("not a number of cases"),
        "{not_unicode}"
    );
    let code = resolve_cases(Err(None), Some(0), false).unwrap_err();
    assert!(code.starts_with("`cases(0)` runs no case"), "{code}");
}
