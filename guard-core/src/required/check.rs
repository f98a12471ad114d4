//! The compile-time checker behind `#[enforce_state_invariants]`. Doc-hidden; no stability promise.
//!
//! For every pattern that names a variant, the attribute writes a free constant item
//! `const _: () = { .. };` that calls [`check_arm`] (or [`check_catch_all`]) with a description of
//! the pattern and the enum's table, found through [`Probe`]. When the pattern breaks a rule the
//! constant fails through [`fail`] with the diagnostic, which the compiler reports at the pattern
//! during `cargo check`. Everything here is `const fn` over fixed-size buffers: no allocation, no `unsafe`.

pub use super::{RequiredFields, RequiredVariant, VariantShape};
use core::marker::PhantomData;

/// Fails the constant's evaluation with `report`. `#[track_caller]`: the compiler reports the
/// failure where the call is written, which the attribute spans on the user's pattern, so the
/// error's primary span (in cargo's JSON too) is the pattern, not a line of `core`.
#[track_caller]
pub const fn fail(report: &Report) -> ! {
    panic!("{}", report.as_str())
}

/// The required-field table of one enum.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The enum's declared name.
    pub enum_name: &'static str,
    /// Its variants with required fields.
    pub variants: &'static [RequiredVariant],
}

/// Finds the table of `T`: `Probe::<T>::TABLE` is `Some` when `T: RequiredFields` (this inherent
/// constant wins) and `None` otherwise (the constant of [`NoRequiredFields`], which must be in
/// scope). Enums without required fields are thereby accepted without any error.
#[derive(Debug)]
pub struct Probe<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized + RequiredFields> Probe<T> {
    /// The table of `T`.
    pub const TABLE: Option<Table> = Some(Table {
        enum_name: T::ENUM_NAME,
        variants: T::REQUIRED,
    });
}

/// The fallback of [`Probe`] for types that declare no required fields.
pub trait NoRequiredFields {
    /// No table.
    const TABLE: Option<Table> = None;
}

impl<T: ?Sized> NoRequiredFields for Probe<T> {}

impl Table {
    /// The table, as the checks read it: an enum publishes its [`Table`] under its own name in the
    /// value namespace (see [`unpublished`]).
    #[must_use]
    pub const fn table(&self) -> Option<Table> {
        Some(*self)
    }
}

/// What a name without a published [`Table`] resolves to in a check (see [`unpublished`]).
#[derive(Debug, Clone, Copy)]
pub struct Unpublished;

impl Unpublished {
    /// No table: the enum declares no required fields.
    #[must_use]
    pub const fn table(&self) -> Option<Table> {
        None
    }
}

/// The fallback for the name lookup of a published table.
///
/// An enum with required fields also publishes its table as a hidden constant named like the
/// enum (enums live in the type namespace only, so the two do not clash, and every `use` of the
/// enum brings the constant along). A check for `Slot::Filled(_)` reads it without naming the type,
/// which a generic enum written without its arguments would not allow:
///
/// ```text
/// use ::stateguard::__private::enforce::unpublished::*; // `__guard_meta`: Unpublished
/// use Slot as __guard_meta;                                // shadows it when `Slot` publishes one
/// let table = __guard_meta.table();
/// ```
///
/// An explicit import shadows a glob import namespace by namespace, so an enum without the
/// constant (any ordinary enum) leaves the fallback in place.
pub mod unpublished {
    /// The fallback: no table.
    #[allow(non_upper_case_globals)]
    pub const __guard_meta: super::Unpublished = super::Unpublished;
}

/// The table of a type known only by inference, as picked by [`Select`].
#[derive(Debug)]
pub struct Found<E: ?Sized>(PhantomData<E>);

/// No table: the inferred type does not implement [`RequiredFields`].
#[derive(Debug)]
pub struct NotFound;

/// The outcome of [`Select`], read by [`inferred`].
pub trait Selected {
    /// The table, if any.
    const TABLE: Option<Table>;
}

impl<E: ?Sized + RequiredFields> Selected for Found<E> {
    const TABLE: Option<Table> = Some(Table {
        enum_name: E::ENUM_NAME,
        variants: E::REQUIRED,
    });
}

impl Selected for NotFound {
    const TABLE: Option<Table> = None;
}

/// Picks [`Found`] or [`NotFound`] for a type known only by inference (a variant imported with
/// `use Enum::*` names no type): `(&Select::of(&value)).select()` resolves to
/// [`SelectFound::select`] when the value's type implements [`RequiredFields`] and to
/// [`SelectNotFound::select`] otherwise (method lookup tries the receiver as written before
/// adding a reference). Both traits must be in scope. The call is written in a closure that is
/// never called, so the methods need not be `const`; [`inferred`] reads the closure's return type.
#[derive(Debug)]
pub struct Select<E: ?Sized>(PhantomData<E>);

impl<E: ?Sized> Select<E> {
    /// The selector for the type of `value`.
    #[must_use]
    pub const fn of(value: &E) -> Self {
        let _ = value;
        Self(PhantomData)
    }
}

/// The choice of [`Select`] for a type with required fields.
pub trait SelectFound<E: ?Sized> {
    /// [`Found`].
    fn select(&self) -> Found<E>;
}

impl<E: ?Sized + RequiredFields> SelectFound<E> for Select<E> {
    fn select(&self) -> Found<E> {
        Found(PhantomData)
    }
}

/// The choice of [`Select`] for any other type.
pub trait SelectNotFound {
    /// [`NotFound`].
    fn select(&self) -> NotFound;
}

impl<E: ?Sized> SelectNotFound for &Select<E> {
    fn select(&self) -> NotFound {
        NotFound
    }
}

/// The table picked by the never-called closure `select`, whose parameter's type is inferred
/// from a pattern (`|value| { if let Shipped { .. } = value {} (&Select::of(&value)).select() }`).
#[must_use]
pub const fn inferred<V, S: Selected, F: Fn(V) -> S>(select: &F) -> Option<Table> {
    let _ = select;
    S::TABLE
}

/// What a pattern does with one field of a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Bound to a name that the arm uses, or fixed by a literal, a range or a constant.
    Used,
    /// Bound to a name that the arm never uses.
    Unused,
    /// Bound to a name starting with `_`, which declares it unused.
    Underscored,
    /// Written as `_`.
    Wildcard,
    /// Matched by a pattern that binds nothing and does not fix the value (a nested `Type(_)`).
    Unbound,
}

/// Which field a [`Slot`] is: by name, or by position from the front or the back of a tuple
/// pattern (positions after `..` are counted from the back).
#[derive(Debug, Clone, Copy)]
pub enum Key {
    /// `name: pattern`, `name`, or `0: pattern`.
    Name(&'static str),
    /// The field at this position, counted from the start.
    Front(usize),
    /// The field at this position, counted from the end (0 is the last field).
    Back(usize),
}

/// One field written in a pattern.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    /// Which field.
    pub key: Key,
    /// What the pattern does with it.
    pub state: State,
    /// The field's sub-pattern as the fix should show it.
    pub fix: &'static str,
    /// The binding name, for messages (empty when the slot binds nothing).
    pub binding: &'static str,
}

/// A pattern naming one variant: `path(slots..)` or `path { slots.. }`.
#[derive(Debug, Clone, Copy)]
pub struct Arm {
    /// The code reported for an unbound required field.
    pub unbound_code: &'static str,
    /// The code reported for a bound but unused required field.
    pub unused_code: &'static str,
    /// The variant's path as written (`OrderStatus::Shipped`, `Self::Shipped`).
    pub path: &'static str,
    /// The variant's name.
    pub variant: &'static str,
    /// The fields written in the pattern.
    pub slots: &'static [Slot],
    /// The pattern has `..`.
    pub rest: bool,
    /// The pattern is (inside) an alternative of an or-pattern: a binding added to it alone would
    /// not compile (every alternative must bind the same names), so the fix is an arm of its own.
    pub alternative: bool,
    /// Code shown before the pattern in the fix (`if let `).
    pub before: &'static str,
    /// Code shown after the pattern in the fix (` => ...`).
    pub after: &'static str,
    /// Code between the pattern and a use of a binding in the fix for an unused binding (` => `).
    pub body_open: &'static str,
    /// Code after that use (`;`).
    pub body_close: &'static str,
}

/// A catch-all pattern (`_`, a binding) in a `match` whose other arms name variants of an enum.
#[derive(Debug, Clone, Copy)]
pub struct CatchAll {
    /// The code reported.
    pub code: &'static str,
    /// The catch-all pattern as written.
    pub pattern: &'static str,
    /// The arm's pattern before the catch-all (`Some(`), empty when the catch-all is the arm's
    /// whole pattern.
    pub before: &'static str,
    /// The arm's pattern after the catch-all (`)`).
    pub after: &'static str,
    /// The enum's path as the other arms write it (`OrderStatus`, `Self`), or empty when they
    /// name its variants alone (imported with `use Enum::*`).
    pub enum_path: &'static str,
    /// The variants the other arms name.
    pub named: &'static [&'static str],
}

const CAPACITY: usize = 4096;

/// A diagnostic being written, or none.
#[derive(Debug)]
pub struct Report {
    bytes: [u8; CAPACITY],
    len: usize,
}

impl Report {
    const fn new() -> Self {
        Self {
            bytes: [0; CAPACITY],
            len: 0,
        }
    }

    /// `true` when the pattern breaks a rule.
    #[must_use]
    pub const fn failed(&self) -> bool {
        self.len > 0
    }

    /// The diagnostic (empty when nothing failed).
    #[must_use]
    pub const fn as_str(&self) -> &str {
        let (written, _) = self.bytes.split_at(self.len);
        match core::str::from_utf8(written) {
            Ok(text) => text,
            // Only a truncated last character can be invalid: drop it.
            Err(error) => match core::str::from_utf8(written.split_at(error.valid_up_to()).0) {
                Ok(text) => text,
                Err(_) => "",
            },
        }
    }

    const fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut index = 0;
        while index < bytes.len() && self.len < CAPACITY {
            self.bytes[self.len] = bytes[index];
            self.len += 1;
            index += 1;
        }
    }

    const fn push_code(&mut self, code: &str) {
        self.push("[");
        self.push(code);
        self.push("] ");
    }

    const fn push_ticked(&mut self, text: &str) {
        self.push("`");
        self.push(text);
        self.push("`");
    }
}

const fn same(left: &str, right: &str) -> bool {
    let (left, right) = (left.as_bytes(), right.as_bytes());
    if left.len() != right.len() {
        return false;
    }
    let mut index = 0;
    while index < left.len() {
        if left[index] != right[index] {
            return false;
        }
        index += 1;
    }
    true
}

const fn find_variant(table: &Table, name: &str) -> Option<&'static RequiredVariant> {
    let mut index = 0;
    while index < table.variants.len() {
        if same(table.variants[index].name, name) {
            return Some(&table.variants[index]);
        }
        index += 1;
    }
    None
}

const fn is_required(variant: &RequiredVariant, field: &str) -> bool {
    let mut index = 0;
    while index < variant.required.len() {
        if same(variant.required[index], field) {
            return true;
        }
        index += 1;
    }
    false
}

/// The slot of the field at `position` of `variant`, if the pattern writes it.
const fn slot_of(arm: &Arm, variant: &RequiredVariant, position: usize) -> Option<Slot> {
    let field = variant.fields[position];
    let count = variant.fields.len();
    let mut index = 0;
    while index < arm.slots.len() {
        let slot = arm.slots[index];
        let matches = match slot.key {
            Key::Name(name) => same(name, field),
            Key::Front(front) => front == position,
            Key::Back(back) => back < count && count - 1 - back == position,
        };
        if matches {
            return Some(slot);
        }
        index += 1;
    }
    None
}

const fn missing(slot: Option<Slot>) -> bool {
    match slot {
        None => true,
        Some(slot) => matches!(slot.state, State::Wildcard | State::Unbound),
    }
}

const fn unused(slot: Option<Slot>) -> bool {
    match slot {
        None => false,
        Some(slot) => matches!(slot.state, State::Unused | State::Underscored),
    }
}

/// The fix for `arm`: every required field bound, written as the user would.
const fn push_fix(report: &mut Report, arm: &Arm, variant: &RequiredVariant) {
    report.push("`");
    push_pattern(report, arm, variant);
    report.push("`");
}

/// `` `a` and `b` ``: the names a fix binds for the required fields the arm leaves unbound.
const fn push_new_bindings(report: &mut Report, arm: &Arm, variant: &RequiredVariant) {
    let mut listed = 0;
    let mut position = 0;
    while position < variant.fields.len() {
        let slot = slot_of(arm, variant, position);
        if is_required(variant, variant.fields[position]) && missing(slot) {
            if listed > 0 {
                report.push(" and ");
            }
            report.push_ticked(variant.bindings[position]);
            listed += 1;
        }
        position += 1;
    }
}

/// The opt-out, with the reason left to the user.
const OPT_OUT: &str = "`#[allow_unchecked(reason = \"..\")]` with your reason";

/// `arm`'s pattern with every required field bound.
const fn push_pattern(report: &mut Report, arm: &Arm, variant: &RequiredVariant) {
    report.push(arm.path);
    match variant.shape {
        VariantShape::Unit => {}
        VariantShape::Tuple => {
            report.push("(");
            let mut position = 0;
            while position < variant.fields.len() {
                if position > 0 {
                    report.push(", ");
                }
                let slot = slot_of(arm, variant, position);
                let required = is_required(variant, variant.fields[position]);
                match slot {
                    Some(slot) if !(required && missing(Some(slot))) => report.push(slot.fix),
                    _ if required => report.push(variant.bindings[position]),
                    _ => report.push("_"),
                }
                position += 1;
            }
            report.push(")");
        }
        VariantShape::Named => {
            report.push(" { ");
            let mut written = 0;
            let mut omitted = false;
            let mut position = 0;
            while position < variant.fields.len() {
                let field = variant.fields[position];
                let slot = slot_of(arm, variant, position);
                let required = is_required(variant, field);
                let shown = match slot {
                    Some(slot) if !(required && missing(Some(slot))) => Some(slot.fix),
                    _ if required => Some(variant.bindings[position]),
                    _ => None,
                };
                match shown {
                    Some(shown) => {
                        if written > 0 {
                            report.push(", ");
                        }
                        if !same(shown, field) {
                            report.push(field);
                            report.push(": ");
                        }
                        report.push(shown);
                        written += 1;
                    }
                    None => omitted = true,
                }
                position += 1;
            }
            if omitted {
                report.push(if written > 0 { ", .." } else { ".." });
            }
            report.push(" }");
        }
    }
}

const fn push_field(report: &mut Report, variant: &RequiredVariant, position: usize) {
    report.push("`");
    report.push(variant.fields[position]);
    report.push("`");
}

/// Whether `arm` breaks no rule of `table`: what [`check_arm`] decides, without writing its
/// report. The constants `#[enforce_state_invariants]` writes call this first and write the report
/// only when it fails, so a pattern that passes costs the compiler no report buffer.
#[must_use]
pub const fn arm_passes(table: Option<Table>, arm: &Arm) -> bool {
    let Some(table) = table else {
        return true;
    };
    let Some(variant) = find_variant(&table, arm.variant) else {
        return true;
    };
    let mut position = 0;
    while position < variant.fields.len() {
        if is_required(variant, variant.fields[position]) {
            let slot = slot_of(arm, variant, position);
            if missing(slot) || unused(slot) {
                return false;
            }
        }
        position += 1;
    }
    true
}

/// Whether `catch_all` swallows no variant of `table`: what [`check_catch_all`] decides, without
/// writing its report.
#[must_use]
pub const fn catch_all_passes(table: Option<Table>, catch_all: &CatchAll) -> bool {
    let Some(table) = table else {
        return true;
    };
    let mut index = 0;
    while index < table.variants.len() {
        if !is_named(catch_all, table.variants[index].name) {
            return false;
        }
        index += 1;
    }
    true
}

/// Whether a pattern written by a macro matches no enum with a table: what [`check_unreadable`]
/// decides, without writing its report.
#[must_use]
pub const fn unreadable_passes(table: Option<Table>, _unreadable: &Unreadable) -> bool {
    table.is_none()
}

/// Checks rules 1 (every required field bound) and 2 (every such binding used) for one pattern.
#[must_use]
pub const fn check_arm(table: Option<Table>, arm: &Arm) -> Report {
    let mut report = Report::new();
    let Some(table) = table else {
        return report;
    };
    let Some(variant) = find_variant(&table, arm.variant) else {
        return report;
    };
    let mut unbound = 0;
    let mut ignored = 0;
    let mut position = 0;
    while position < variant.fields.len() {
        if is_required(variant, variant.fields[position]) {
            let slot = slot_of(arm, variant, position);
            if missing(slot) {
                unbound += 1;
            } else if unused(slot) {
                ignored += 1;
            }
        }
        position += 1;
    }
    if unbound > 0 {
        report.push_code(arm.unbound_code);
        report.push("this pattern ignores required data of ");
        report.push_ticked(arm.path);
        report.push(": ");
        let mut listed = 0;
        let mut position = 0;
        while position < variant.fields.len() {
            let slot = slot_of(arm, variant, position);
            if is_required(variant, variant.fields[position]) && missing(slot) {
                if listed > 0 {
                    report.push(if listed + 1 == unbound { " and " } else { ", " });
                }
                report.push("field ");
                push_field(&mut report, variant, position);
                report.push(match slot {
                    Some(Slot {
                        state: State::Wildcard,
                        ..
                    }) => " is hidden by `_`",
                    Some(_) => " is matched but not bound",
                    None if arm.rest => " is hidden by `..`",
                    None => " is not bound",
                });
                listed += 1;
            }
            position += 1;
        }
        if arm.alternative {
            report.push("\nhelp: move this alternative out of the or-pattern into ");
            report.push(if same(arm.after, " => ...") {
                "an arm"
            } else {
                "a pattern"
            });
            report.push(" of its own (every alternative must bind the same names), written `");
            report.push(arm.path);
            push_fields(&mut report, variant);
            report.push("`, and use ");
            push_new_bindings(&mut report, arm, variant);
            report.push(" in it (how is yours to choose)");
        } else {
            report.push("\nhelp: write the pattern as ");
            push_fix(&mut report, arm, variant);
            report.push(" and use ");
            push_new_bindings(&mut report, arm, variant);
            report.push(" in the arm (how is yours to choose); or put ");
            report.push(OPT_OUT);
            report.push(" on the arm");
        }
    } else if ignored > 0 {
        report.push_code(arm.unused_code);
        report.push("this arm never uses required data of ");
        report.push_ticked(arm.path);
        report.push(": ");
        let mut listed = 0;
        let mut position = 0;
        while position < variant.fields.len() {
            let slot = slot_of(arm, variant, position);
            if let Some(slot) = slot
                && is_required(variant, variant.fields[position])
                && unused(Some(slot))
            {
                if listed > 0 {
                    report.push(if listed + 1 == ignored { " and " } else { ", " });
                }
                report.push_ticked(slot.binding);
                if !same(slot.binding, variant.fields[position]) {
                    report.push(" (field ");
                    push_field(&mut report, variant, position);
                    report.push(")");
                }
                report.push(if matches!(slot.state, State::Underscored) {
                    " is marked unused by its leading `_`"
                } else {
                    " is bound but never used"
                });
                listed += 1;
            }
            position += 1;
        }
        let mut first_unused = "";
        let mut underscored = false;
        let mut position = 0;
        while position < variant.fields.len() {
            if let Some(slot) = slot_of(arm, variant, position)
                && is_required(variant, variant.fields[position])
                && unused(Some(slot))
            {
                if first_unused.is_empty() {
                    first_unused = trim_underscores(slot.binding);
                }
                underscored |= matches!(slot.state, State::Underscored);
            }
            position += 1;
        }
        report.push("\nhelp: use ");
        report.push_ticked(first_unused);
        if ignored > 1 {
            report.push(" and the others");
        }
        report.push(" in the arm's body or guard (how is yours to choose: a call, a method, a macro argument, a struct field and a `return` all count)");
        if underscored {
            report.push(", with the pattern written `");
            push_pattern(&mut report, arm, variant);
            report.push("`");
        }
        report.push("; or put ");
        report.push(OPT_OUT);
        report.push(" on the arm");
    }
    report
}

const fn trim_underscores(name: &str) -> &str {
    let bytes = name.as_bytes();
    let mut start = 0;
    while start < bytes.len() && bytes[start] == b'_' {
        start += 1;
    }
    if start == bytes.len() {
        return name;
    }
    match core::str::from_utf8(bytes.split_at(start).1) {
        Ok(trimmed) => trimmed,
        Err(_) => name,
    }
}

const fn is_named(catch_all: &CatchAll, variant: &str) -> bool {
    let mut index = 0;
    while index < catch_all.named.len() {
        if same(catch_all.named[index], variant) {
            return true;
        }
        index += 1;
    }
    false
}

const fn push_variant_path(report: &mut Report, catch_all: &CatchAll, variant: &RequiredVariant) {
    // Variants imported with `use Enum::*` are written alone.
    if !catch_all.enum_path.is_empty() {
        report.push(catch_all.enum_path);
        report.push("::");
    }
    report.push(variant.name);
}

/// Checks rule 3: a catch-all arm may not swallow a variant that has required fields.
#[must_use]
pub const fn check_catch_all(table: Option<Table>, catch_all: &CatchAll) -> Report {
    let mut report = Report::new();
    let Some(table) = table else {
        return report;
    };
    let mut swallowed = 0;
    let mut index = 0;
    while index < table.variants.len() {
        if !is_named(catch_all, table.variants[index].name) {
            swallowed += 1;
        }
        index += 1;
    }
    if swallowed == 0 {
        return report;
    }
    let nested = !catch_all.before.is_empty() || !catch_all.after.is_empty();
    report.push_code(catch_all.code);
    report.push(if nested {
        "the catch-all pattern "
    } else {
        "the catch-all arm "
    });
    report.push_ticked(catch_all.pattern);
    report.push(" swallows ");
    let mut listed = 0;
    let mut index = 0;
    while index < table.variants.len() {
        let variant = &table.variants[index];
        if !is_named(catch_all, variant.name) {
            if listed > 0 {
                report.push(if listed + 1 == swallowed {
                    " and "
                } else {
                    ", "
                });
            }
            report.push("`");
            push_variant_path(&mut report, catch_all, variant);
            report.push("`");
            listed += 1;
        }
        index += 1;
    }
    report.push(if swallowed > 1 {
        ", which carry required data"
    } else {
        ", which carries required data"
    });
    report.push("\nhelp: give ");
    report.push(if swallowed > 1 { "each" } else { "it" });
    report.push(" its own arm before ");
    report.push("`");
    report.push(catch_all.before);
    report.push(catch_all.pattern);
    report.push(catch_all.after);
    report.push("`, using what it binds (the bodies are yours to write):");
    let mut index = 0;
    let mut listed = 0;
    while index < table.variants.len() {
        let variant = &table.variants[index];
        if !is_named(catch_all, variant.name) {
            if listed > 0 {
                report.push(",");
            }
            report.push(" `");
            report.push(catch_all.before);
            push_variant_path(&mut report, catch_all, variant);
            push_fields(&mut report, variant);
            report.push(catch_all.after);
            report.push(" => ..`");
            listed += 1;
        }
        index += 1;
    }
    report.push("; remove the catch-all if nothing else reaches it; or put ");
    report.push(OPT_OUT);
    report.push(" on it");
    report
}

/// `(a, _)` or `{ a, .. }`: the required fields bound by their suggested names.
const fn push_fields(report: &mut Report, variant: &RequiredVariant) {
    match variant.shape {
        VariantShape::Unit => {}
        VariantShape::Tuple => {
            report.push("(");
            let mut position = 0;
            while position < variant.fields.len() {
                if position > 0 {
                    report.push(", ");
                }
                report.push(if is_required(variant, variant.fields[position]) {
                    variant.bindings[position]
                } else {
                    "_"
                });
                position += 1;
            }
            report.push(")");
        }
        VariantShape::Named => {
            report.push(" { ");
            let mut written = 0;
            let mut position = 0;
            while position < variant.fields.len() {
                if is_required(variant, variant.fields[position]) {
                    if written > 0 {
                        report.push(", ");
                    }
                    report.push(variant.fields[position]);
                    written += 1;
                }
                position += 1;
            }
            if written < variant.fields.len() {
                report.push(", ..");
            }
            report.push(" }");
        }
    }
}

/// A pattern written by a macro (`shipped!()`), which the attribute cannot read.
#[derive(Debug, Clone, Copy)]
pub struct Unreadable {
    /// The code reported.
    pub code: &'static str,
    /// The macro as written (`shipped!(..)`).
    pub pattern: &'static str,
    /// The enum's path as the other arms write it (`OrderStatus`, `Self`), or empty when the
    /// check knows the enum only by inference (its declared name is shown then).
    pub enum_path: &'static str,
    /// Code shown before the pattern in the fix (`if let `).
    pub before: &'static str,
    /// Code shown after the pattern in the fix (` => ...`).
    pub after: &'static str,
}

/// Rejects a pattern written by a macro when it matches an enum with required fields: the check
/// cannot tell whether it ignores them. Any other type passes.
#[must_use]
pub const fn check_unreadable(table: Option<Table>, unreadable: &Unreadable) -> Report {
    let mut report = Report::new();
    let Some(table) = table else {
        return report;
    };
    let enum_path = if unreadable.enum_path.is_empty() {
        table.enum_name
    } else {
        unreadable.enum_path
    };
    report.push_code(unreadable.code);
    report.push_ticked(unreadable.pattern);
    report
        .push(" writes a pattern that `#[enforce_state_invariants]` cannot read, and it matches ");
    report.push_ticked(enum_path);
    report.push(", which has required data: the check cannot tell whether the pattern ignores it");
    report.push("\nhelp: write the pattern out, binding the required fields");
    if let Some(variant) = table.variants.first() {
        report.push(" (for example `");
        report.push(enum_path);
        report.push("::");
        report.push(variant.name);
        push_fields(&mut report, variant);
        report.push("`, then use what it binds)");
    }
    report.push("; or put ");
    report.push(OPT_OUT);
    report.push(" on the arm");
    report
}

#[cfg(test)]
mod tests {
    use super::{
        Arm, CatchAll, Key, Slot, State, Table, Unreadable, arm_passes, catch_all_passes,
        check_arm, check_catch_all, check_unreadable, unreadable_passes,
    };
    use crate::required::{RequiredVariant, VariantShape};

    const CANCELLED: RequiredVariant = RequiredVariant {
        name: "Cancelled",
        shape: VariantShape::Named,
        fields: &["reason", "note"],
        required: &["reason"],
        bindings: &["reason", "note"],
    };
    const TABLE: Table = Table {
        enum_name: "Status",
        variants: &[CANCELLED],
    };

    const fn slot(key: &'static str, state: State, binding: &'static str) -> Slot {
        Slot {
            key: Key::Name(key),
            state,
            fix: key,
            binding,
        }
    }

    fn arm(slots: &'static [Slot], rest: bool) -> Arm {
        Arm {
            unbound_code: "G0301",
            unused_code: "G0302",
            path: "Status::Cancelled",
            variant: "Cancelled",
            slots,
            rest,
            alternative: false,
            before: "",
            after: " => ...",
            body_open: " => ",
            body_close: "",
        }
    }

    /// The decision the constants take first is the report's: every state of the required field,
    /// with and without `..`, passes exactly when no report is written.
    #[test]
    fn the_quick_decision_agrees_with_the_report() {
        const STATES: [&[Slot]; 6] = [
            &[slot("reason", State::Used, "reason")],
            &[slot("reason", State::Unused, "reason")],
            &[slot("reason", State::Underscored, "_reason")],
            &[slot("reason", State::Wildcard, "")],
            &[slot("reason", State::Unbound, "")],
            &[slot("note", State::Used, "note")],
        ];
        let mut passing = 0;
        for slots in STATES {
            for rest in [false, true] {
                let arm = arm(slots, rest);
                let failed = check_arm(Some(TABLE), &arm).failed();
                assert_eq!(arm_passes(Some(TABLE), &arm), !failed, "{:?}", slots[0]);
                assert!(arm_passes(None, &arm));
                passing += usize::from(!failed);
            }
        }
        // Only the arm that binds and uses `reason` passes (with or without `..`).
        assert_eq!(passing, 2);
        for named in [&["Cancelled"][..], &["Pending"][..]] {
            let catch_all = CatchAll {
                code: "G0303",
                pattern: "_",
                before: "",
                after: "",
                enum_path: "Status",
                named,
            };
            let failed = check_catch_all(Some(TABLE), &catch_all).failed();
            assert_eq!(catch_all_passes(Some(TABLE), &catch_all), !failed);
            assert_eq!(failed, named == ["Pending"]);
        }
        let unreadable = Unreadable {
            code: "G0305",
            pattern: "cancelled!(..)",
            enum_path: "Status",
            before: "",
            after: "",
        };
        assert!(check_unreadable(Some(TABLE), &unreadable).failed());
        assert!(!unreadable_passes(Some(TABLE), &unreadable));
        assert!(unreadable_passes(None, &unreadable));
    }
}
