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
    summary: "`.clone()` inside a loop body of a value bound outside the loop (advisory).",
    default_level: Level::Warn,
    why: "the same value is copied on every iteration: for a `String`, `Vec` or map that is an allocation and a copy each time, often where a borrow would do",
    docs: "## What it does
Flags `x.clone()` (also `x.field.clone()`, `x[0].clone()`) inside the body of a `for`, `while` or `loop`, \
or of a closure given to an iterator adapter (`for_each`, `map`, `filter_map`, `flat_map`, `filter`, \
`fold`, `any`, `all`, `find`, `find_map`, `inspect`, `try_for_each`, `scan`), when `x` is bound outside \
that loop and the loop neither assigns `x` nor indexes it with a name bound inside the loop: the same \
value is copied on every iteration. Clones of method results (`x.get(i).clone()`) are left alone. It stays \
quiet for reference-counted values: `Arc::clone(&x)`/`Rc::clone(&x)` are not `.clone()` calls, and \
`x.clone()` is skipped when `x` is declared or created as an `Arc`, `Rc`, `Weak`, a channel `Sender` or \
`Bytes`, or as a type named in `shared-types` of `[workspace.metadata.stateguard]`. A loop whose body \
moves the clone into a `move` closure or `async move` block (one clone per spawned task) is left alone, \
and so is a clone that is kept: inside the arguments of `push`, `insert`, `send` and the like, a struct \
literal's field, a tuple or array element, an argument of a constructor or of a type's associated \
function (`Some(x.clone())`, `Cell::new(x.clone())`), an operand of an arithmetic operator, or the value \
of a `let mut` (a copy to change).

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
            consumed: HashSet::new(),
            in_consumer: 0,
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

/// Calls whose argument keeps its own copy: one clone per element is the point.
const CONSUMERS: [&str; 10] = [
    "push",
    "push_back",
    "push_front",
    "insert",
    "send",
    "try_send",
    "extend",
    "entry",
    "spawn",
    "append",
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
    /// `.clone()` calls whose value is kept (a struct field, a constructor argument), by address.
    consumed: HashSet<usize>,
    /// Inside the arguments of a call that keeps its argument (`push`, `insert`, `send`, ..).
    in_consumer: usize,
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

fn address<T>(node: &T) -> usize {
    std::ptr::from_ref(node) as usize
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
        let method = call.method.to_string();
        if method == "clone"
            && call.args.is_empty()
            && self.in_consumer == 0
            && !self.consumed.contains(&address(call))
        {
            self.check_clone(call);
        }
        if CONSUMERS.contains(&method.as_str()) {
            self.visit_expr(&call.receiver);
            self.in_consumer += 1;
            for argument in &call.args {
                self.visit_expr(argument);
            }
            self.in_consumer -= 1;
            return;
        }
        if ADAPTERS.contains(&method.as_str()) {
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

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        let last = match &*call.func {
            syn::Expr::Path(path) => path
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        if CONSUMERS.contains(&last.as_str()) {
            self.visit_expr(&call.func);
            self.in_consumer += 1;
            for argument in &call.args {
                self.visit_expr(argument);
            }
            self.in_consumer -= 1;
            return;
        }
        // `Some(x.clone())`, `Item::Verbatim(x.clone())`, `Cell::new(x.clone())`: a constructor or an
        // associated function of a type keeps its argument.
        let type_function = match &*call.func {
            syn::Expr::Path(path) => {
                let segments = &path.path.segments;
                segments.len() >= 2
                    && segments[segments.len() - 2]
                        .ident
                        .to_string()
                        .starts_with(char::is_uppercase)
            }
            _ => false,
        };
        if last.starts_with(char::is_uppercase) || type_function {
            for argument in &call.args {
                if let syn::Expr::MethodCall(inner) = argument {
                    self.consumed.insert(address(inner));
                }
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_tuple(&mut self, expr: &'ast syn::ExprTuple) {
        self.keep_clones(expr.elems.iter());
        syn::visit::visit_expr_tuple(self, expr);
    }

    fn visit_expr_array(&mut self, expr: &'ast syn::ExprArray) {
        self.keep_clones(expr.elems.iter());
        syn::visit::visit_expr_array(self, expr);
    }

    fn visit_expr_binary(&mut self, expr: &'ast syn::ExprBinary) {
        // An operand of `*`, `+`, .. is consumed by the operator (generic numeric code clones `T`).
        self.keep_clones([&*expr.left, &*expr.right].into_iter());
        syn::visit::visit_expr_binary(self, expr);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        // `let mut copy = x.clone();`: a copy to change, not a copy to read.
        if let syn::Pat::Ident(binding) = &local.pat
            && binding.mutability.is_some()
            && let Some(init) = &local.init
        {
            self.keep_clones(std::iter::once(&*init.expr));
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_expr_struct(&mut self, expr: &'ast syn::ExprStruct) {
        // A struct literal keeps its field values.
        for field in &expr.fields {
            if let syn::Expr::MethodCall(inner) = &field.expr {
                self.consumed.insert(address(inner));
            }
        }
        syn::visit::visit_expr_struct(self, expr);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        // A function declared inside a loop body is not in the loop.
        let outer = std::mem::take(&mut self.loops);
        syn::visit::visit_item_fn(self, item);
        self.loops = outer;
    }
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
    fn keep_clones<'e>(&mut self, exprs: impl Iterator<Item = &'e syn::Expr>) {
        for expr in exprs {
            if let syn::Expr::MethodCall(inner) = expr {
                self.consumed.insert(address(inner));
            }
        }
    }

    fn check_clone(&mut self, call: &syn::ExprMethodCall) {
        let Some(scope) = self.loops.last() else {
            return;
        };
        if scope.moves_out || !is_place(&call.receiver) {
            return;
        }
        let Some(root) = root_ident(&call.receiver) else {
            return;
        };
        let root_name = root.to_string();
        if scope.assigned.contains(&root_name)
            || mentioned(&call.receiver)
                .iter()
                .any(|name| scope.bound.contains(name))
        {
            return;
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
            return;
        }
        let receiver = self
            .cx
            .source
            .text_of(syn::spanned::Spanned::span(&*call.receiver))
            .to_owned();
        self.findings.push(Finding {
            code: INFO.code,
            span: self.cx.span(call.method.span()),
            message: format!("`{receiver}.clone()` in a loop copies a value bound outside the loop on every iteration"),
            why: None,
            fix: Some(Fix {
                text: format!(
                    "borrow it (`&{receiver}`), or clone once before the loop (`let cloned = {receiver}.clone();`), or share it as an `Arc` and write `Arc::clone(&{receiver})`"
                ),
                edits: Vec::new(),
            }),
        });
    }
}
