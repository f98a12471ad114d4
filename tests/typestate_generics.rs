//! Machines generic over types, lifetimes and const generics with where clauses; tuple and unit
//! states; several initial states; a renamed guard-core.
use guard_core::typestate;

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
    pub(crate) use guard_core as guard;
}

#[guard_core::typestate(crate = crate::renamed::guard)]
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
