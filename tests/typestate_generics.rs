//! Machines generic over types, lifetimes and const generics with where clauses; tuple and unit
//! states; several initial states; a renamed stateguard.
use stateguard::typestate;

#[typestate]
pub mod upload {
    use core::fmt::Debug;

    /// An upload of `N` chunks of `T`, borrowing its name.
    #[machine]
    #[derive(Debug)]
    pub struct Upload<'name, T, const N: usize>
    where
        T: Clone + Debug,
    {
        name: &'name str,
        chunks: [T; N],
    }

    #[states]
    #[derive(Debug)]
    pub enum UploadState {
        #[initial]
        #[to(start => Sending)]
        Queued,
        #[to(finish => Done, fail => Failed)]
        Sending { sent: usize, last: Option<T> },
        #[terminal]
        Done(&'name str),
        #[terminal]
        Failed(String, u16),
    }
}

#[test]
fn generic_machine_moves_through_its_states() {
    use upload::{Done, Failed, Queued, Sending, Upload, UploadState};
    let queued: Upload<'_, u8, 3, Queued> = Upload::new("photo", [1, 2, 3]);
    assert_eq!(queued.chunks(), &[1, 2, 3]);
    let sending: Upload<'_, u8, 3, Sending<u8>> = queued.start(2, Some(2));
    assert_eq!(*sending.sent(), 2);
    assert_eq!(sending.last(), &Some(2));
    let done: Upload<'_, u8, 3, Done<'_>> = sending.finish("etag-1");
    assert_eq!(*done.done(), "etag-1");
    assert_eq!(*done.name(), "photo");
    let failed: Upload<'_, u8, 3, Failed> = Upload::new("video", [0; 3])
        .start(0, None)
        .fail("timeout".to_owned(), 504);
    assert_eq!(failed.failed_0(), "timeout");
    assert_eq!(*failed.failed_1(), 504);
    let erased: UploadState<'_, u8, 3> = failed.into();
    assert_eq!(erased.state_name(), "Failed");
    // Back to the typed machine only in its own state; otherwise the erased one comes back.
    let erased = match Upload::<'_, u8, 3, Done<'_>>::try_from(erased) {
        Ok(_) => panic!("a failed upload is not done"),
        Err(erased) => erased,
    };
    let failed = Upload::<'_, u8, 3, Failed>::try_from(erased).expect("in state Failed");
    assert_eq!(*failed.failed_1(), 504);
    let _: fn(Upload<'_, u8, 3, Queued>) = |_| {};
}

#[typestate]
pub mod document {
    #[machine]
    #[derive(Debug)]
    pub struct Document {
        title: String,
    }

    #[states]
    #[derive(Debug)]
    pub enum DocumentState {
        #[initial]
        #[to(submit => Review)]
        Draft,
        #[initial]
        #[to(submit => Review)]
        Imported { source: String },
        #[to(publish => Published)]
        Review,
        #[terminal]
        Published,
    }
}

#[test]
fn each_initial_state_has_its_constructor_and_shared_transitions_serve_both() {
    use document::{Document, Draft, Imported};
    let draft = Document::<Draft>::new("a".to_owned());
    let imported = Document::<Imported>::new("b".to_owned(), "wiki".to_owned());
    assert_eq!(imported.source(), "wiki");
    let published = draft.submit().publish();
    assert_eq!(published.state_name(), "Published");
    assert_eq!(imported.submit().state_name(), "Review");
}

mod renamed {
    pub(crate) use stateguard as guard;
}

#[stateguard::typestate(crate = crate::renamed::guard)]
pub mod light {
    #[machine]
    #[derive(Debug)]
    pub struct Light;

    #[states]
    #[derive(Debug)]
    pub enum LightState {
        #[initial]
        #[to(toggle => On)]
        Off,
        #[to(toggle_off => Off)]
        On,
    }
}

#[test]
fn renamed_crate_and_unit_machine_and_cycles() {
    use light::{Light, LightState, Off};
    let light: Light<Off> = Light::new();
    let light = light.toggle().toggle_off().toggle();
    assert_eq!(light.state_name(), "On");
    assert_eq!(
        LightState::MERMAID,
        "stateDiagram-v2\n    [*] --> Off\n    Off --> On: toggle\n    On --> Off: toggle_off\n"
    );
    static_assertions::assert_eq_size!(Light<Off>, ());
}

#[typestate]
pub mod names {
    /// A machine whose generic parameter is called like the usual state parameter: the
    /// generated code picks another name for it.
    #[machine]
    #[derive(Debug)]
    pub struct Named<S: Copy> {
        value: S,
    }

    #[states]
    #[derive(Debug)]
    pub enum NamedState {
        #[initial]
        #[to(next => Counted)]
        Fresh,
        #[terminal]
        Counted { count: u8 },
    }
}

#[typestate]
pub mod letters {
    /// States called `S` and `State`.
    #[machine]
    #[derive(Debug)]
    pub struct Letter;

    #[states]
    #[derive(Debug)]
    pub enum LetterState {
        #[initial]
        #[to(next => State)]
        S,
        #[terminal]
        State,
    }
}

#[test]
fn state_parameter_avoids_user_names() {
    let named: names::Named<u8, names::Fresh> = names::Named::new(3);
    let next: names::Named<u8, names::Counted> = named.next(1);
    assert_eq!((*next.value(), *next.count()), (3, 1));
    let letter: letters::Letter<letters::State> = letters::Letter::new().next();
    assert_eq!(letter.state_name(), "State");
}

/// Nine states: enough for the erased enum's required-field table to be written through a helper.
#[typestate]
pub mod pipeline {
    #[machine]
    #[derive(Debug)]
    pub struct Pipeline {
        id: u64,
    }

    #[states]
    #[derive(Debug)]
    pub enum Stage {
        #[initial]
        #[to(fetch => Fetched)]
        Queued,
        #[to(parse => Parsed)]
        Fetched { bytes: usize },
        #[to(check => Checked)]
        Parsed,
        #[to(plan => Planned)]
        Checked,
        #[to(build => Built)]
        Planned,
        #[to(test => Tested)]
        Built(u32),
        #[to(package => Packaged)]
        Tested,
        #[to(publish => Published)]
        Packaged,
        #[terminal]
        Published,
    }
}

#[test]
fn a_large_machine_publishes_every_state_in_its_required_field_table() {
    use pipeline::{Pipeline, Stage};
    use stateguard::{RequiredFields, VariantShape};
    let names: Vec<&str> = Stage::REQUIRED.iter().map(|row| row.name).collect();
    assert_eq!(names, Stage::STATES);
    for row in Stage::REQUIRED {
        assert_eq!(row.shape, VariantShape::Tuple);
        assert_eq!(row.fields, ["0"]);
        assert_eq!(row.required, ["0"]);
        assert_eq!(row.bindings, ["pipeline"]);
    }
    let built = Pipeline::new(1).fetch(10).parse().check().plan().build(7);
    let erased = Stage::from(built);
    assert_eq!(erased.state_name(), "Built");
}

/// `#[enforce_state_invariants]` reads the large table too: every arm binds and uses the machine.
#[stateguard::enforce_state_invariants]
fn pipeline_id(stage: pipeline::Stage) -> u64 {
    use pipeline::Stage;
    match stage {
        Stage::Queued(pipeline) => *pipeline.id(),
        Stage::Fetched(pipeline) => *pipeline.id(),
        Stage::Parsed(pipeline) => *pipeline.id(),
        Stage::Checked(pipeline) => *pipeline.id(),
        Stage::Planned(pipeline) => *pipeline.id(),
        Stage::Built(pipeline) => *pipeline.id(),
        Stage::Tested(pipeline) => *pipeline.id(),
        Stage::Packaged(pipeline) => *pipeline.id(),
        Stage::Published(pipeline) => *pipeline.id(),
    }
}

#[test]
fn a_large_machine_is_matched_under_enforce_state_invariants() {
    let queued = pipeline::Pipeline::new(9);
    assert_eq!(pipeline_id(queued.into()), 9);
}

/// A `nested` rule on a field of a type parameter: the checking methods require
/// `P: Invariant` where they are used, as `#[derive(Invariant)]` would, not where they are declared.
pub mod nested_generic {
    use stateguard::{Invariant, typestate};

    #[derive(Debug, Clone, Invariant)]
    pub struct Card {
        #[invariant(non_empty)]
        pub number: String,
    }

    #[typestate]
    pub mod payment {
        #[machine]
        #[derive(Debug)]
        pub struct Payment<P>
        where
            P: Clone,
        {
            #[invariant(nested)]
            method: P,
        }

        #[states]
        #[derive(Debug)]
        pub enum PaymentState {
            #[initial]
            #[to(settle => Settled)]
            Open,
            #[terminal]
            Settled,
        }
    }

    #[test]
    fn the_parameter_is_checked_through_its_own_invariant() {
        let rejected = payment::Payment::new(Card {
            number: String::new(),
        })
        .unwrap_err();
        assert_eq!(
            rejected.to_string(),
            "1 violation: method.number: must not be empty (non_empty)"
        );
        let open = payment::Payment::new(Card {
            number: "4242".to_owned(),
        })
        .expect("a valid card");
        assert_eq!(open.settle().method().number, "4242");
    }
}
