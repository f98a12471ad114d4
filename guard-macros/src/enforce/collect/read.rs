//! Reading one pattern and queuing its checks on the enclosing block: one per variant pattern
//! that could break a rule, one per pattern written by a macro.

use super::Walker;
use super::context::Context;
use crate::enforce::expand::{Check, State};
use crate::enforce::pattern::{Facts, Lookup, MacroPattern, Probe, Reader, Slot, VariantPattern};
use crate::enforce::usage::Used;

impl Walker<'_> {
    /// Reads `pattern`, queues a check for each variant it names, and returns what it found.
    pub(super) fn read(
        &mut self,
        pattern: &syn::Pat,
        scrutinee: &syn::Expr,
        used: &Used,
        context: Context,
    ) -> Facts {
        let mut facts = Facts::default();
        let self_ty = Self::self_type(&self.self_types);
        let scrutinee = self.scrutinee(scrutinee);
        Reader {
            self_ty,
            scrutinee: scrutinee.as_ref(),
            errors: &mut self.errors,
            in_or: false,
        }
        .read(pattern, "", &mut facts);
        let checks: Vec<Check> = facts
            .variants
            .drain(..)
            .map(|pattern| variant_check(pattern, used, context))
            .filter(needs_item)
            .collect();
        self.queue(checks);
        facts
    }

    pub(super) fn queue(&mut self, checks: impl IntoIterator<Item = Check>) {
        if let Some(frame) = self.frames.last_mut() {
            frame.extend(checks);
        }
    }

    /// Queues the check of a pattern written by a macro, whose enum is `probe` when known.
    pub(super) fn queue_macro(
        &mut self,
        mac: MacroPattern,
        probe: Option<Probe>,
        scrutinee: &syn::Expr,
        context: Context,
    ) {
        let top = mac.key.is_empty();
        let declared = probe.or_else(|| {
            if top {
                self.scrutinee_probe(scrutinee)
            } else {
                None
            }
        });
        let probe = match declared {
            Some(probe) => probe,
            // A declared type the check does not look up (a primitive, or one mentioning the
            // generics): inferring it again would fail the same way, so it passes.
            None if top && self.scrutinee(scrutinee).is_some() => return,
            // The check item stands at the start of the block, before a `macro_rules!` defined
            // in the fn's body: such a macro cannot be named there, so its pattern is not checked.
            None if self
                .signatures
                .iter()
                .any(|signature| signature.local_macros.contains(&mac.name)) =>
            {
                return;
            }
            None => Probe {
                lookup: Lookup::InferredPattern(Box::new(mac.pattern.clone())),
                written: String::new(),
            },
        };
        let (before, after) = if mac.key.is_empty() {
            (context.before, context.after)
        } else {
            ("", "")
        };
        self.queue([Check::Unreadable {
            probe,
            written: mac.written,
            before,
            after,
            first: mac.first,
            last: mac.last,
        }]);
    }
}

/// The check of one variant pattern, each field's state decided by what the arm uses.
fn variant_check(pattern: VariantPattern, used: &Used, context: Context) -> Check {
    let states = pattern
        .slots
        .iter()
        .map(|slot| {
            (
                slot_state(slot, used),
                slot.bindings.first().cloned().unwrap_or_default(),
            )
        })
        .collect();
    // A variant nested in a larger pattern is shown on its own in the fix.
    let (before, after) = if pattern.nested {
        ("", "")
    } else {
        (context.before, context.after)
    };
    Check::Variant {
        pattern,
        states,
        before,
        after,
        body_open: context.body_open,
        body_close: context.body_close,
    }
}

/// What the arm does with one field.
fn slot_state(slot: &Slot, used: &Used) -> State {
    if slot.bindings.is_empty() {
        if slot.wildcard {
            State::Wildcard
        } else if slot.constant {
            State::Used
        } else {
            State::Unbound
        }
    } else if slot
        .bindings
        .iter()
        .any(|name| !name.starts_with('_') && used.contains(name))
    {
        State::Used
    } else if slot.bindings.iter().all(|name| name.starts_with('_')) {
        State::Underscored
    } else {
        State::Unused
    }
}

/// A pattern that writes every field (no `..`) and uses every binding cannot break a rule,
/// whatever the table says: it needs no check item (nor does a unit variant).
fn needs_item(check: &Check) -> bool {
    match check {
        Check::Variant {
            pattern, states, ..
        } => {
            pattern.rest
                || states
                    .iter()
                    .any(|(state, _)| !matches!(state, State::Used))
        }
        Check::CatchAll { .. } | Check::Unreadable { .. } => true,
    }
}
