//! A `match`: each arm's pattern is read, then each catch-all is checked against the enum the
//! arms name at its position (or the matched value's declared type), and each pattern written by
//! a macro against the same enum.

use super::Walker;
use super::context::MATCH_ARM;
use crate::diagnostics::Errors;
use crate::enforce::expand::Check;
use crate::enforce::pattern::{Facts, MacroPattern, Position, Probe, Reader, around};
use crate::enforce::usage::Used;
use proc_macro2::Span;

/// What the arms of one `match` put at each position (see [`Position`]).
#[derive(Default)]
struct Arms {
    /// Variants named by unguarded arms: position, enum, variant.
    named: Vec<(String, Box<Probe>, String)>,
    /// Variants named by guarded arms: they do not handle their variant, but they say which enum
    /// stands at their position.
    named_guarded: Vec<(String, Box<Probe>)>,
    catch_alls: Vec<CatchAllArm>,
    macros: Vec<MacroPattern>,
}

/// A catch-all of an arm that is not exempt.
struct CatchAllArm {
    guarded: bool,
    key: String,
    written: String,
    /// The arm's pattern around it, for the fix.
    around: (String, String),
    first: Span,
    last: Span,
}

impl Walker<'_> {
    pub(super) fn check_match(&mut self, expr: &mut syn::ExprMatch) {
        let arms = self.read_arms(expr);
        for mac in arms.macros {
            // Which enum the macro's pattern matches: the one an arm names at its position, or
            // the declared type; otherwise the compiler infers it from the pattern.
            let probe = arms
                .named
                .iter()
                .map(|(key, probe, _)| (key, probe))
                .chain(arms.named_guarded.iter().map(|(key, probe)| (key, probe)))
                .find(|(key, _)| **key == mac.key)
                .map(|(_, probe)| (**probe).clone());
            self.queue_macro(mac, probe, &expr.expr, MATCH_ARM);
        }
        self.queue_catch_alls(
            arms.catch_alls,
            &arms.named,
            &arms.named_guarded,
            &expr.expr,
        );
    }

    /// Reads every arm, queuing the checks of its variant patterns, and gathers what stands at
    /// each position.
    fn read_arms(&mut self, expr: &mut syn::ExprMatch) -> Arms {
        let mut arms = Arms::default();
        for arm in &mut expr.arms {
            let exempt = self.opted_out(&mut arm.attrs);
            let mut used = Used::default();
            let guard = match &arm.pat {
                syn::Pat::Guard(guarded) => Some(&*guarded.guard),
                _ => None,
            };
            if let Some(guard) = guard {
                used.expr(guard);
            }
            used.expr(&arm.body);
            let guarded = guard.is_some();
            let facts = if exempt {
                self.read_quietly(&arm.pat, &expr.expr)
            } else {
                let mut facts = self.read(&arm.pat, &expr.expr, &used, MATCH_ARM);
                arms.macros.append(&mut facts.macros);
                facts
            };
            arms.record(facts.positions, &arm.pat, guarded, exempt);
        }
        arms
    }

    /// What an exempt arm's pattern names, with no check and no error: it still says which enum
    /// stands at each position.
    fn read_quietly(&self, pattern: &syn::Pat, scrutinee: &syn::Expr) -> Facts {
        let mut facts = Facts::default();
        let mut quiet = Errors::default();
        let scrutinee = self.scrutinee(scrutinee);
        Reader {
            self_ty: Self::self_type(&self.self_types),
            scrutinee: scrutinee.as_ref(),
            errors: &mut quiet,
            in_or: false,
        }
        .read(pattern, "", &mut facts);
        facts
    }

    /// Queues the check of each catch-all against the enum standing at its position.
    fn queue_catch_alls(
        &mut self,
        mut catch_alls: Vec<CatchAllArm>,
        named: &[(String, Box<Probe>, String)],
        named_guarded: &[(String, Box<Probe>)],
        scrutinee: &syn::Expr,
    ) {
        // An unguarded catch-all takes everything the arms before it leave: it is the one
        // reported when a guarded one stands at the same position.
        catch_alls.sort_by_key(|catch_all| catch_all.guarded);
        let mut seen: Vec<String> = Vec::new();
        for catch_all in catch_alls {
            if seen.contains(&catch_all.key) {
                continue;
            }
            // Which enum stands at this position: an arm naming one of its variants says so,
            // guarded or not; with none, at the top, the matched value's declared type. A
            // catch-all over a type the check cannot tell is not checked.
            let key = &catch_all.key;
            let probe = named
                .iter()
                .find(|(named_key, ..)| named_key == key)
                .map(|(_, probe, _)| probe.clone())
                .or_else(|| {
                    named_guarded
                        .iter()
                        .find(|(named_key, _)| named_key == key)
                        .map(|(_, probe)| probe.clone())
                })
                .or_else(|| {
                    if key.is_empty() {
                        self.scrutinee_probe(scrutinee).map(Box::new)
                    } else {
                        None
                    }
                });
            let Some(probe) = probe else {
                continue;
            };
            let variants = named
                .iter()
                .filter(|(named_key, ..)| named_key == key)
                .map(|(_, _, variant)| variant.clone())
                .collect();
            seen.push(catch_all.key);
            self.queue([Check::CatchAll {
                probe: *probe,
                written: catch_all.written,
                around: catch_all.around,
                named: variants,
                first: catch_all.first,
                last: catch_all.last,
            }]);
        }
    }
}

impl Arms {
    /// Records what one arm's pattern puts at each position.
    fn record(
        &mut self,
        positions: Vec<Position>,
        pattern: &syn::Pat,
        guarded: bool,
        exempt: bool,
    ) {
        let mut catch_all_index = 0;
        for position in positions {
            match position {
                // A guarded arm does not handle its variant: what the guard rejects falls
                // through to the next arms.
                Position::Variant {
                    key,
                    probe,
                    variant,
                } if !guarded => self.named.push((key, probe, variant)),
                Position::Variant { key, probe, .. } => self.named_guarded.push((key, probe)),
                Position::CatchAll {
                    key,
                    written,
                    first,
                    last,
                } if !exempt => {
                    let around = if key.is_empty() {
                        (String::new(), String::new())
                    } else {
                        around(pattern, catch_all_index)
                    };
                    catch_all_index += 1;
                    self.catch_alls.push(CatchAllArm {
                        guarded,
                        key,
                        written,
                        around,
                        first,
                        last,
                    });
                }
                Position::CatchAll { .. } => catch_all_index += 1,
            }
        }
    }
}
