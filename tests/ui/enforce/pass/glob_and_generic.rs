// No false positives for the two shapes whose enum the check cannot write as a type: variants
// imported with `use Enum::*`, and generic enums named without their arguments. Enums without
// required fields (the user's own, generic or not, with bounds, declared in a fn) compile under
// the attribute whatever the patterns do; enums with required fields compile when every arm binds
// and uses their data.
#![deny(warnings)]
#![allow(clippy::all)]
use stateguard::enforce_state_invariants;
use stateguard_enforce_upstream::Slot;
use stateguard_enforce_upstream::Slot as Cell;

pub enum Light {
    Red,
    Amber(u8),
    Green { seconds: u32, note: Option<String> },
}

pub enum Tree<T> {
    Leaf(T),
    Node(Box<Tree<T>>, Box<Tree<T>>),
}

pub enum Tagged<'a, T: Clone + Default, const N: usize> {
    Empty,
    Full([T; N], &'a str),
}

pub enum Borrowed<'a> {
    Text(&'a str),
    Empty,
}

pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Shipped(#[required] String),
    Cancelled {
        #[required]
        reason: String,
        note: Option<String>,
    },
}

use Light::*;
use OrderStatus::*;

#[enforce_state_invariants]
pub mod checked {
    use super::*;

    pub fn light(light: &Light) -> u32 {
        match light {
            Amber(_) => 1,
            Green { seconds, .. } => *seconds,
            _ => 0,
        }
    }

    pub fn is_red(light: &Light) -> bool {
        if let Red = light {
            return true;
        }
        matches!(light, Amber(..))
    }

    pub fn leaves<T>(tree: &Tree<T>) -> usize {
        match tree {
            Tree::Leaf(_) => 1,
            Tree::Node(left, right) => leaves(left) + leaves(right),
        }
    }

    pub fn is_leaf<T>(tree: &Tree<T>) -> bool {
        match tree {
            Tree::Leaf(..) => true,
            _ => false,
        }
    }

    pub fn is_leaf_by_glob<T>(tree: &Tree<T>) -> bool {
        use super::Tree::*;
        match tree {
            Leaf(_) => true,
            Node(..) => false,
        }
    }

    pub fn label<T: Clone + Default, const N: usize>(tagged: &Tagged<'_, T, N>) -> usize {
        match tagged {
            Tagged::Full(_, label) => label.len(),
            Tagged::Empty => 0,
        }
    }

    pub fn text(borrowed: &Borrowed) -> usize {
        match *borrowed {
            Borrowed::Text(_) => 1,
            Borrowed::Empty => 0,
        }
    }

    pub fn text_with_lifetime<'a>(borrowed: Borrowed<'a>) -> &'a str {
        match borrowed {
            Borrowed::Text(text) => text,
            _ => "",
        }
    }

    pub fn boxed(light: Box<Light>) -> u32 {
        match *light {
            Amber(_) => 1,
            _ => 0,
        }
    }

    pub fn x(point: &Point) -> i32 {
        let Point { x, .. } = point;
        match point {
            Point { y: 0, .. } => *x,
            Point { y, .. } => *x + *y,
        }
    }

    pub fn local(value: u8) -> u8 {
        enum Local {
            One(u8),
            Two(u8, u8),
        }
        let local = if value > 1 { Local::Two(value, 0) } else { Local::One(value) };
        match local {
            Local::Two(first, _) => first,
            _ => 0,
        }
    }

    pub fn status(status: &OrderStatus) -> usize {
        match status {
            Shipped(tracking) => tracking.len(),
            Cancelled { reason, note: _ } => reason.len(),
            Pending => 0,
        }
    }

    pub fn slot<T: Clone>(slot: &Slot<T>, fallback: T) -> T {
        match slot {
            Slot::Filled(value) => value.clone(),
            Slot::Empty => fallback,
        }
    }

    pub fn cell(cell: Cell<u8>) -> u8 {
        if let Cell::Filled(value) = cell {
            return value;
        }
        0
    }
}

#[enforce_state_invariants]
impl<T> Tree<T> {
    pub fn is_node(&self) -> bool {
        use Tree::*;
        match self {
            Node(_, _) => true,
            Leaf(_) => false,
        }
    }
}

#[enforce_state_invariants]
impl<T: Clone + Default, const N: usize> Tagged<'_, T, N> {
    pub fn is_full(&self) -> bool {
        match self {
            Self::Full(..) => true,
            _ => false,
        }
    }
}

fn main() {
    assert!(Tagged::Full([1u8], "a").is_full());
    assert_eq!(checked::light(&Amber(3)), 1);
    assert!(checked::is_red(&Red));
    assert_eq!(checked::leaves(&Tree::Node(Box::new(Tree::Leaf(1)), Box::new(Tree::Leaf(2)))), 2);
    assert!(checked::is_leaf(&Tree::Leaf(())));
    assert!(checked::is_leaf_by_glob(&Tree::Leaf(())));
    assert!(!Tree::Leaf(1).is_node());
    assert_eq!(checked::label(&Tagged::Full([0u8; 2], "ab")), 2);
    assert_eq!(checked::text(&Borrowed::Text("a")), 1);
    assert_eq!(checked::boxed(Box::new(Red)), 0);
    assert_eq!(checked::x(&Point { x: 1, y: 2 }), 3);
    assert_eq!(checked::local(5), 5);
    assert_eq!(checked::status(&Shipped("1Z".to_owned())), 2);
    assert_eq!(checked::slot(&Slot::Empty, 4u8), 4);
    assert_eq!(checked::cell(Cell::Filled(9)), 9);
    let _ = Green { seconds: 1, note: None };
    let _ = Cancelled { reason: String::new(), note: None };
}
