//! G0404: a blocking lock's guard (`std::sync::Mutex`/`RwLock`) live across an `.await`.

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::{Rule, RuleInfo};
use crate::lint::async_scope::{AsyncScope, AsyncScoped, visit_async_scopes};
use crate::lint::context::{FileContext, Finding};
use crate::record::{Fix, Level};

pub(crate) struct LockAcrossAwait;

static INFO: RuleInfo = RuleInfo {
    code: "G0404",
    name: "lock-across-await",
    summary: "A `std::sync::Mutex`/`RwLock` guard bound with `let` and still in scope at an `.await`.",
    default_level: Level::Deny,
    why: "the task suspends while holding a blocking lock: any other task or thread that takes the lock blocks its whole executor thread, which can deadlock the runtime; the future is also no longer `Send`",
    docs: "## What it does
In async code, flags a guard bound with `let` from `.lock()` (also `.lock().unwrap()`, `.expect(..)`, \
`?`) or from `.read()`/`.write()` followed by `.unwrap()`, `.expect(..)` or `?`, when an `.await` follows \
in the same block while the guard is in scope. `drop(guard);` before the `.await` ends it, and so does \
the end of a `{ }` block. Locks taken with `.lock().await` (tokio, futures) are not blocking locks and are \
left alone.

## Why is this bad
A guard lives until the end of its scope, not until its last use. While the task is suspended at the \
`.await`, the lock stays taken: another task taking it blocks an executor thread, and if that thread is \
the one that would resume the holder, the runtime deadlocks. clippy's `await_holding_lock` catches this \
only through a full build.

## Example
```rust,ignore
async fn bump(counter: &Mutex<u64>, store: &Store) {
    let mut count = counter.lock().unwrap();
    *count += 1;
    store.save(*count).await;
}
```

## Use instead
```rust,ignore
async fn bump(counter: &Mutex<u64>, store: &Store) {
    let value = {
        let mut count = counter.lock().unwrap();
        *count += 1;
        *count
    };
    store.save(value).await;
}
```
or `tokio::sync::Mutex` (`counter.lock().await`) when the lock must be held across the `.await`.
",
};

impl Rule for LockAcrossAwait {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>) {
        let mut visitor = Visitor {
            cx,
            scope: AsyncScope::default(),
            findings,
        };
        visitor.visit_file(cx.file);
    }
}

struct Visitor<'a, 'out> {
    cx: &'a FileContext<'a>,
    scope: AsyncScope,
    findings: &'out mut Vec<Finding>,
}

impl AsyncScoped for Visitor<'_, '_> {
    fn async_scope(&mut self) -> &mut AsyncScope {
        &mut self.scope
    }
}

/// The lock method whose guard `expr` evaluates to, if it does.
fn guard_method(expr: &syn::Expr) -> Option<String> {
    let mut current = expr;
    let mut unwrapped = false;
    loop {
        match current {
            syn::Expr::Try(expr) => {
                unwrapped = true;
                current = &expr.expr;
            }
            syn::Expr::MethodCall(call)
                if matches!(
                    call.method.to_string().as_str(),
                    "unwrap" | "expect" | "unwrap_or_else"
                ) && !matches!(&*call.receiver, syn::Expr::Await(_)) =>
            {
                unwrapped = true;
                current = &call.receiver;
            }
            syn::Expr::MethodCall(call) if call.args.is_empty() => {
                let method = call.method.to_string();
                return match method.as_str() {
                    "lock" => Some(method),
                    "read" | "write" if unwrapped => Some(method),
                    _ => None,
                };
            }
            _ => return None,
        }
    }
}

/// The first `.await` in `node` outside nested closures and async blocks (they run elsewhere).
fn first_await(stmt: &syn::Stmt) -> Option<&syn::ExprAwait> {
    struct Finder<'ast>(Option<&'ast syn::ExprAwait>);
    impl<'ast> Visit<'ast> for Finder<'ast> {
        fn visit_expr_await(&mut self, expr: &'ast syn::ExprAwait) {
            if self.0.is_none() {
                self.0 = Some(expr);
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut finder = Finder(None);
    finder.visit_stmt(stmt);
    finder.0
}

/// `drop(name);`, or a new `let name = ..` that ends the guard's use under that name.
fn ends_guard(stmt: &syn::Stmt, name: &syn::Ident) -> bool {
    match stmt {
        syn::Stmt::Expr(syn::Expr::Call(call), _) => {
            matches!(&*call.func, syn::Expr::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "drop"))
                && call.args.len() == 1
                && matches!(&call.args[0], syn::Expr::Path(path) if path.path.is_ident(name))
        }
        _ => false,
    }
}

impl Visitor<'_, '_> {
    fn check_block(&mut self, block: &syn::Block) {
        for (index, stmt) in block.stmts.iter().enumerate() {
            let syn::Stmt::Local(local) = stmt else {
                continue;
            };
            let Some(init) = &local.init else { continue };
            if init.diverge.is_some() {
                continue;
            }
            let binding = match &local.pat {
                syn::Pat::Ident(binding) => binding,
                syn::Pat::Type(typed) => match &*typed.pat {
                    syn::Pat::Ident(binding) => binding,
                    _ => continue,
                },
                _ => continue,
            };
            let Some(method) = guard_method(&init.expr) else {
                continue;
            };
            for later in &block.stmts[index + 1..] {
                if ends_guard(later, &binding.ident) {
                    break;
                }
                if let Some(await_expr) = first_await(later) {
                    let await_line = await_expr.await_token.span.start().line;
                    let name = &binding.ident;
                    let indent = self
                        .cx
                        .source
                        .indent(local.let_token.span.start().line)
                        .to_owned();
                    self.findings.push(Finding {
                        code: INFO.code,
                        span: self.cx.span(binding.ident.span()),
                        message: format!(
                            "the guard `{name}` of a blocking `.{method}()` is still held at the `.await` on line {await_line}"
                        ),
                        why: None,
                        fix: Some(Fix {
                            text: format!(
                                "end the guard before the `.await`: take the lock in its own block,\n{indent}let value = {{ let {name} = {}; /* use {name} */ }};\nor write `drop({name});` before the `.await`; use `tokio::sync::Mutex` (`.lock().await`) if the lock must be held across it",
                                self.cx.source.text_of(init.expr.span())
                            ),
                            edits: Vec::new(),
                        }),
                    });
                    break;
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    // A plain closure's body cannot `.await`; an async closure's can.
    visit_async_scopes!('ast);

    fn visit_block(&mut self, block: &'ast syn::Block) {
        if self.scope.can_await() {
            self.check_block(block);
        }
        syn::visit::visit_block(self, block);
    }
}
