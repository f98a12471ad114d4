//! Generics: type, lifetime and const parameters, where clauses, bounds added only for fields
//! whose rules need them; tuple and unit structs; a container-level check only.
use stateguard::Invariant;
use std::borrow::Cow;
use std::fmt::Debug;

#[derive(Invariant)]
pub struct Page<'a, T, U, const N: usize>
where
    U: Debug,
{
    #[invariant(nested, len(max = N))]
    pub rows: Vec<T>,
    #[invariant(non_empty)]
    pub title: Cow<'a, str>,
    // `U` has no rule: no bound is added for it.
    pub extra: U,
    #[invariant(each(non_empty))]
    pub labels: Vec<T>,
}

#[derive(Invariant)]
pub struct Wrapper<T>(#[invariant(nested)] pub Option<T>);

fn always(_: &Marker) -> bool {
    true
}

#[derive(Invariant)]
#[invariant(check = always)]
pub struct Marker;

#[derive(Invariant)]
pub struct Row {
    #[invariant(non_empty)]
    pub cell: String,
}

impl stateguard::rules::HasLength for Row {
    fn length(&self) -> usize {
        self.cell.len()
    }
}

fn main() {
    let page: Page<'_, Row, (), 2> = Page {
        rows: vec![Row { cell: "a".into() }],
        title: Cow::Borrowed("t"),
        extra: (),
        labels: vec![],
    };
    assert!(page.check().is_ok());
    assert!(Wrapper::<Row>(None).check().is_ok());
    assert!(Marker.check().is_ok());
}
