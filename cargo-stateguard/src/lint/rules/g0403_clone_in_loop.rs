//! G0403: `.clone()` in a loop body of a value bound outside the loop.

use std::collections::HashSet;

use syn::visit::Visit;

use super::{Rule, RuleInfo};
use crate::lint::context::{FileContext, Finding, pattern_bindings, root_ident};
use crate::record::{Fix, Level};

pub(crate) struct CloneInLoop;

static INFO: RuleInfo = RuleInfo {
    code: "G0403",
    name: "clone-in-loop",
    summary: "`.clone()` in a loop of a value bound outside it, made only to be borrowed (advisory).",
    default_level: Level::Warn,
    why: "the same value is copied on every iteration only to be read: for a `String`, `Vec` or map that is an allocation and a copy each time where a borrow would do",
    docs: "## What it does
Inside the body of a `for`, `while` or `loop`, or of a closure given to an iterator adapter (`for_each`, \
`map`, `filter_map`, `flat_map`, `filter`, `fold`, `any`, `all`, `find`, `find_map`, `inspect`, \
`try_for_each`, `scan`, `try_fold`), flags a clone of a value bound outside the loop that is only \
borrowed:
- `&x.clone()` (also `&x.field.clone()`, `&x[0].clone()`; not `&mut x.clone()`, a copy to change);
- `let copy = x.clone();` when every later use of `copy` in its block borrows it: `&copy`, a comparison, \
  a formatting macro, or a `&self` method of the standard collections and strings (`len`, `iter`, \
  `as_str`, `contains`, `get`, ..).

The value must be the same on every iteration: a place expression (`x`, `x.field`, `x[0]`) that the loop \
does not assign, borrow mutably or change through a mutating method (`next`, `push`, `insert`, ..), and \
does not index with a name bound inside it. Clones that are moved (into a function, a \
struct, a collection), `let mut` copies, clones of method results, loops that move values into a `move` \
closure or `async move` block, and reference-counted values (`Arc`, `Rc`, `Weak`, channel senders, \
`Bytes`, or a type named in `shared-types` of `[workspace.metadata.stateguard]`; `Arc::clone(&x)` is not \
a `.clone()` call) are left alone.

## Why is this bad
A clone of a `String`, `Vec`, `HashMap` or a struct of them allocates and copies on every iteration; in \
a hot loop that dominates the run time. It is the most common fix for a borrow-checker error, and \
usually not the right one.

## Example
```rust,ignore
for id in ids {
    let config = settings.clone();
    process(id, &config);
}
```

## Use instead
```rust,ignore
for id in ids {
    process(id, &settings);
}
```
or clone once before the loop, or share an `Arc` (`Arc::clone(&shared)` makes the intent visible).
",
};

impl Rule for CloneInLoop {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>) {
        let mut shared = SharedNames {
            extra: cx.config.shared_types.clone(),
            ..SharedNames::default()
        };
        shared.visit_file(cx.file);
        shared.names.retain(|name| !shared.other.contains(name));
        let mut visitor = Visitor {
            cx,
            loops: Vec::new(),
            shared: shared.names,
            findings,
        };
        visitor.visit_file(cx.file);
    }
}

const ADAPTERS: [&str; 14] = [
    "for_each",
    "map",
    "filter_map",
    "flat_map",
    "filter",
    "fold",
    "any",
    "all",
    "find",
    "find_map",
    "inspect",
    "try_for_each",
    "scan",
    "try_fold",
];

const SHARED_TYPES: [&str; 8] = [
    "Arc",
    "Rc",
    "Weak",
    "Sender",
    "SyncSender",
    "UnboundedSender",
    "Bytes",
    "Handle",
];

/// Names (locals, parameters, fields) declared or created with a reference-counted type in this file.
#[derive(Default)]
struct SharedNames {
    names: HashSet<String>,
    /// Names also declared with other types: ambiguous, so not quieted.
    other: HashSet<String>,
    extra: Vec<String>,
}

impl SharedNames {
    fn is_shared_type(&self, ty: &syn::Type) -> bool {
        match ty {
            syn::Type::Reference(reference) => self.is_shared_type(&reference.elem),
            syn::Type::Paren(paren) => self.is_shared_type(&paren.elem),
            syn::Type::Path(path) => path.path.segments.last().is_some_and(|segment| {
                let name = segment.ident.to_string();
                SHARED_TYPES.contains(&name.as_str()) || self.extra.contains(&name)
            }),
            _ => false,
        }
    }

    fn note(&mut self, name: String, shared: bool) {
        if shared {
            self.names.insert(name);
        } else {
            self.other.insert(name);
        }
    }
}

fn creates_shared(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Call(call) => match &*call.func {
            syn::Expr::Path(path) => {
                let segments: Vec<String> = path
                    .path
                    .segments
                    .iter()
                    .map(|segment| segment.ident.to_string())
                    .collect();
                segments.len() >= 2 && SHARED_TYPES.contains(&segments[segments.len() - 2].as_str())
            }
            _ => false,
        },
        syn::Expr::MethodCall(call) => call.method == "unwrap" && creates_shared(&call.receiver),
        _ => false,
    }
}

impl<'ast> Visit<'ast> for SharedNames {
    fn visit_pat_type(&mut self, typed: &'ast syn::PatType) {
        if let syn::Pat::Ident(binding) = &*typed.pat {
            let shared = self.is_shared_type(&typed.ty);
            self.note(binding.ident.to_string(), shared);
        }
        syn::visit::visit_pat_type(self, typed);
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        if let Some(ident) = &field.ident {
            let shared = self.is_shared_type(&field.ty);
            self.note(ident.to_string(), shared);
        }
        syn::visit::visit_field(self, field);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let (syn::Pat::Ident(binding), Some(init)) = (&local.pat, &local.init)
            && creates_shared(&init.expr)
        {
            self.names.insert(binding.ident.to_string());
        }
        syn::visit::visit_local(self, local);
    }
}

struct LoopScope {
    /// Names bound inside the loop (its pattern, its `let`s, closure parameters).
    bound: HashSet<String>,
    /// Names assigned inside the loop (`x = ..`, `x += ..`): their value changes between iterations.
    assigned: HashSet<String>,
    /// The body moves values into a `move` closure or `async move` block.
    moves_out: bool,
}

struct Visitor<'a, 'out> {
    cx: &'a FileContext<'a>,
    loops: Vec<LoopScope>,
    shared: HashSet<String>,
    findings: &'out mut Vec<Finding>,
}

fn scope_of(pattern: Option<&syn::Pat>, body: &dyn Fn(&mut ScopeScan)) -> LoopScope {
    let mut scan = ScopeScan {
        bound: HashSet::new(),
        assigned: HashSet::new(),
        moves_out: false,
    };
    if let Some(pattern) = pattern {
        pattern_bindings(pattern, &mut scan.bound);
    }
    body(&mut scan);
    LoopScope {
        bound: scan.bound,
        assigned: scan.assigned,
        moves_out: scan.moves_out,
    }
}

struct ScopeScan {
    bound: HashSet<String>,
    assigned: HashSet<String>,
    moves_out: bool,
}

impl<'ast> Visit<'ast> for ScopeScan {
    fn visit_pat(&mut self, pattern: &'ast syn::Pat) {
        pattern_bindings(pattern, &mut self.bound);
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        if let Some(root) = root_ident(&assign.left) {
            self.assigned.insert(root.to_string());
        }
        syn::visit::visit_expr_assign(self, assign);
    }

    fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
        let compound = matches!(
            binary.op,
            syn::BinOp::AddAssign(_)
                | syn::BinOp::SubAssign(_)
                | syn::BinOp::MulAssign(_)
                | syn::BinOp::DivAssign(_)
                | syn::BinOp::RemAssign(_)
                | syn::BinOp::BitAndAssign(_)
                | syn::BinOp::BitOrAssign(_)
                | syn::BinOp::BitXorAssign(_)
                | syn::BinOp::ShlAssign(_)
                | syn::BinOp::ShrAssign(_)
        );
        if compound && let Some(root) = root_ident(&binary.left) {
            self.assigned.insert(root.to_string());
        }
        syn::visit::visit_expr_binary(self, binary);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        // `chars.next()`, `items.push(..)`: the receiver changes in the loop.
        if MUTATING_METHODS.contains(&call.method.to_string().as_str())
            && let Some(root) = root_ident(&call.receiver)
        {
            self.assigned.insert(root.to_string());
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_reference(&mut self, reference: &'ast syn::ExprReference) {
        if reference.mutability.is_some()
            && let Some(root) = root_ident(&reference.expr)
        {
            self.assigned.insert(root.to_string());
        }
        syn::visit::visit_expr_reference(self, reference);
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        self.moves_out |= closure.capture.is_some();
        syn::visit::visit_expr_closure(self, closure);
    }

    fn visit_expr_async(&mut self, block: &'ast syn::ExprAsync) {
        self.moves_out |= block.capture.is_some();
        syn::visit::visit_expr_async(self, block);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // `tokio::spawn(async move { .. })` written inside a macro, and `move` in general.
        if mac
            .tokens
            .clone()
            .into_iter()
            .any(|tree| matches!(tree, proc_macro2::TokenTree::Ident(ident) if ident == "move"))
        {
            self.moves_out = true;
        }
    }
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
        self.visit_expr(&expr.expr);
        let scope = scope_of(Some(&expr.pat), &|scan| scan.visit_block(&expr.body));
        self.loops.push(scope);
        self.visit_block(&expr.body);
        self.loops.pop();
    }

    fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
        let scope = scope_of(None, &|scan| {
            scan.visit_expr(&expr.cond);
            scan.visit_block(&expr.body);
        });
        self.loops.push(scope);
        syn::visit::visit_expr_while(self, expr);
        self.loops.pop();
    }

    fn visit_expr_loop(&mut self, expr: &'ast syn::ExprLoop) {
        let scope = scope_of(None, &|scan| scan.visit_block(&expr.body));
        self.loops.push(scope);
        syn::visit::visit_expr_loop(self, expr);
        self.loops.pop();
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if ADAPTERS.contains(&call.method.to_string().as_str()) {
            self.visit_expr(&call.receiver);
            for argument in &call.args {
                if let syn::Expr::Closure(closure) = argument {
                    let scope = scope_of(None, &|scan| {
                        for input in &closure.inputs {
                            scan.visit_pat(input);
                        }
                        scan.visit_expr(&closure.body);
                    });
                    self.loops.push(scope);
                    self.visit_expr(argument);
                    self.loops.pop();
                } else {
                    self.visit_expr(argument);
                }
            }
            return;
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_reference(&mut self, expr: &'ast syn::ExprReference) {
        // `&x.clone()`: a fresh copy, only to be borrowed (`&mut x.clone()` is a copy to change).
        if expr.mutability.is_none()
            && let Some(call) = clone_call(&expr.expr)
            && let Some(receiver) = self.candidate(call)
        {
            self.report(call, &receiver, "is made only to be borrowed");
        }
        syn::visit::visit_expr_reference(self, expr);
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        // `let copy = x.clone();` followed only by borrows of `copy`.
        for (index, stmt) in block.stmts.iter().enumerate() {
            let syn::Stmt::Local(local) = stmt else {
                continue;
            };
            let syn::Pat::Ident(binding) = &local.pat else {
                continue;
            };
            if binding.mutability.is_some() || binding.by_ref.is_some() || binding.subpat.is_some()
            {
                continue;
            }
            let Some(call) = local
                .init
                .as_ref()
                .filter(|init| init.diverge.is_none())
                .and_then(|init| clone_call(&init.expr))
            else {
                continue;
            };
            if !only_borrowed(&binding.ident, &block.stmts[index + 1..]) {
                continue;
            }
            if let Some(receiver) = self.candidate(call) {
                self.report(
                    call,
                    &receiver,
                    &format!("is bound to `{}` and only borrowed", binding.ident),
                );
            }
        }
        syn::visit::visit_block(self, block);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        // A function declared inside a loop body is not in the loop.
        let outer = std::mem::take(&mut self.loops);
        syn::visit::visit_item_fn(self, item);
        self.loops = outer;
    }
}

/// Methods of the standard library that change their receiver.
const MUTATING_METHODS: [&str; 18] = [
    "next",
    "next_back",
    "nth",
    "push",
    "push_str",
    "push_back",
    "push_front",
    "pop",
    "pop_front",
    "insert",
    "remove",
    "clear",
    "extend",
    "append",
    "truncate",
    "drain",
    "retain",
    "take",
];

/// `x.clone()` with no arguments.
fn clone_call(expr: &syn::Expr) -> Option<&syn::ExprMethodCall> {
    match expr {
        syn::Expr::MethodCall(call) if call.method == "clone" && call.args.is_empty() => Some(call),
        syn::Expr::Paren(paren) => clone_call(&paren.expr),
        _ => None,
    }
}

/// Methods of the standard collections and strings that take `&self`.
const BORROWING_METHODS: [&str; 22] = [
    "len",
    "is_empty",
    "iter",
    "as_str",
    "as_slice",
    "as_ref",
    "as_bytes",
    "as_path",
    "contains",
    "contains_key",
    "get",
    "starts_with",
    "ends_with",
    "chars",
    "bytes",
    "keys",
    "values",
    "to_string",
    "to_owned",
    "first",
    "last",
    "display",
];

/// Whether every later use of `name` in `stmts` borrows it (`&name`, a `&self` method of the standard
/// collections, a comparison, a formatting macro), with at least one use.
fn only_borrowed(name: &syn::Ident, stmts: &[syn::Stmt]) -> bool {
    struct Uses<'n> {
        name: &'n syn::Ident,
        borrowed: usize,
        other: usize,
    }
    impl<'ast> Visit<'ast> for Uses<'_> {
        fn visit_expr(&mut self, expr: &'ast syn::Expr) {
            let is_name = |expr: &syn::Expr| matches!(expr, syn::Expr::Path(path) if path.path.is_ident(self.name));
            match expr {
                syn::Expr::Reference(reference) if is_name(&reference.expr) => self.borrowed += 1,
                syn::Expr::MethodCall(call)
                    if is_name(&call.receiver)
                        && BORROWING_METHODS.contains(&call.method.to_string().as_str()) =>
                {
                    self.borrowed += 1;
                    for argument in &call.args {
                        self.visit_expr(argument);
                    }
                }
                syn::Expr::Binary(binary)
                    if matches!(
                        binary.op,
                        syn::BinOp::Eq(_)
                            | syn::BinOp::Ne(_)
                            | syn::BinOp::Lt(_)
                            | syn::BinOp::Le(_)
                            | syn::BinOp::Gt(_)
                            | syn::BinOp::Ge(_)
                    ) && (is_name(&binary.left) || is_name(&binary.right)) =>
                {
                    self.borrowed += 1;
                    for operand in [&*binary.left, &*binary.right] {
                        if !is_name(operand) {
                            self.visit_expr(operand);
                        }
                    }
                }
                syn::Expr::Path(path) if path.path.is_ident(self.name) => self.other += 1,
                _ => syn::visit::visit_expr(self, expr),
            }
        }

        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            // A mention as a token, or inside a format string (`"{name}"`, `"{name:?}"`).
            let inline = [format!("{{{}}}", self.name), format!("{{{}:", self.name)];
            let mentions = mac.tokens.clone().into_iter().any(|tree| match &tree {
                proc_macro2::TokenTree::Ident(ident) => ident == self.name,
                proc_macro2::TokenTree::Literal(literal) => {
                    let text = literal.to_string();
                    inline.iter().any(|pattern| text.contains(pattern.as_str()))
                }
                _ => false,
            });
            if !mentions {
                return;
            }
            let name = crate::lint::context::macro_name(mac);
            let formatting = [
                "format",
                "print",
                "println",
                "eprint",
                "eprintln",
                "write",
                "writeln",
                "debug",
                "info",
                "warn",
                "error",
                "trace",
                "assert",
                "assert_eq",
                "assert_ne",
                "debug_assert",
                "panic",
            ];
            if formatting.contains(&name.as_str()) {
                self.borrowed += 1;
            } else {
                self.other += 1;
            }
        }

        fn visit_local(&mut self, local: &'ast syn::Local) {
            if let Some(init) = &local.init {
                self.visit_expr(&init.expr);
                if let Some((_, diverge)) = &init.diverge {
                    self.visit_expr(diverge);
                }
            }
        }

        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut uses = Uses {
        name,
        borrowed: 0,
        other: 0,
    };
    for stmt in stmts {
        // A new binding of the same name ends the search.
        if let syn::Stmt::Local(local) = stmt {
            uses.visit_local(local);
            let mut names = HashSet::new();
            pattern_bindings(&local.pat, &mut names);
            if names.contains(&name.to_string()) {
                break;
            }
            continue;
        }
        uses.visit_stmt(stmt);
    }
    uses.borrowed > 0 && uses.other == 0
}

/// A place expression (`x`, `x.field`, `x[0]`, `*x`): the same value on each iteration unless the
/// place changes. Method calls may return something new each time and are left alone.
fn is_place(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::Path(path) => path.qself.is_none(),
        syn::Expr::Field(field) => is_place(&field.base),
        syn::Expr::Index(index) => is_place(&index.expr),
        syn::Expr::Paren(paren) => is_place(&paren.expr),
        syn::Expr::Reference(reference) => is_place(&reference.expr),
        syn::Expr::Unary(unary) => matches!(unary.op, syn::UnOp::Deref(_)) && is_place(&unary.expr),
        _ => false,
    }
}

/// The variables an expression reads (`x` and `i` in `x.items[i]`; not the field name `items`).
fn mentioned(expr: &syn::Expr) -> HashSet<String> {
    struct Names(HashSet<String>);
    impl<'ast> Visit<'ast> for Names {
        fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
            if let Some(ident) = path.path.get_ident() {
                self.0.insert(ident.to_string());
            }
        }
    }
    let mut names = Names(HashSet::new());
    names.visit_expr(expr);
    names.0
}

impl Visitor<'_, '_> {
    /// The receiver's text when `call` clones a value bound outside the innermost loop, the same on
    /// every iteration, and not reference-counted.
    fn candidate(&self, call: &syn::ExprMethodCall) -> Option<String> {
        let scope = self.loops.last()?;
        if scope.moves_out || !is_place(&call.receiver) {
            return None;
        }
        let root_name = root_ident(&call.receiver)?.to_string();
        if scope.assigned.contains(&root_name)
            || mentioned(&call.receiver)
                .iter()
                .any(|name| scope.bound.contains(name))
        {
            return None;
        }
        // The name that decides whether the clone is cheap: the field for `self.field`, else the root.
        let decisive = match &*call.receiver {
            syn::Expr::Field(field) => match &field.member {
                syn::Member::Named(ident) => ident.to_string(),
                syn::Member::Unnamed(_) => root_name.clone(),
            },
            _ => root_name.clone(),
        };
        if self.shared.contains(&decisive) || self.shared.contains(&root_name) {
            return None;
        }
        Some(
            self.cx
                .source
                .text_of(syn::spanned::Spanned::span(&*call.receiver))
                .to_owned(),
        )
    }

    fn report(&mut self, call: &syn::ExprMethodCall, receiver: &str, what: &str) {
        self.findings.push(Finding {
            code: INFO.code,
            span: self.cx.span(call.method.span()),
            message: format!(
                "`{receiver}.clone()` in a loop {what}: a value bound outside the loop is copied on every iteration"
            ),
            why: None,
            fix: Some(Fix {
                text: format!(
                    "borrow it instead (`&{receiver}`), or clone once before the loop (`let cloned = {receiver}.clone();`)"
                ),
                edits: Vec::new(),
            }),
        });
    }
}
