//! G0402: `unwrap()`, `expect()`, `panic!`, `unreachable!` in async code.

use syn::visit::Visit;

use super::{Rule, RuleInfo};
use crate::lint::async_scope::{AsyncScope, AsyncScoped, visit_async_scopes};
use crate::lint::context::{FileContext, Finding, macro_arguments, macro_name};
use crate::record::{Fix, Level};

pub(crate) struct PanicInAsync;

static INFO: RuleInfo = RuleInfo {
    code: "G0402",
    name: "panic-in-async",
    summary: "`unwrap()`, `expect()`, `panic!` or `unreachable!` in an `async fn` or `async` block.",
    // Warn: on published crates 7 of 20 findings reviewed were deliberate (`unreachable!()` in a match
    // arm, a documented panic), above the 10% a deny-level rule may have (docs/benchmarks.md).
    default_level: Level::Warn,
    why: "a panic in async code ends the task: the caller sees a `JoinError`, or nothing at all if the task was detached, and whatever the task held is dropped half-done",
    docs: "## What it does
Flags `.unwrap()`, `.expect(\"..\")`, `panic!` and `unreachable!` inside an `async fn`, an `async` block or \
an async closure (closures inside them count: they run in the task). Nested non-async functions are not \
async code. `.lock().unwrap()`, `.read().unwrap()` and `.write().unwrap()` are left alone: they only \
propagate another thread's panic (lock poisoning).

## Why is this bad
The panic unwinds the task, not the program: the runtime catches it, the `JoinHandle` yields a \
`JoinError` that callers rarely inspect, and a detached task (`tokio::spawn` without awaiting the handle) \
dies silently. Requests hang, connections leak, work is half-done.

## Example
```rust,ignore
async fn load(path: &Path) -> Config {
    let text = tokio::fs::read_to_string(path).await.unwrap();
    toml::from_str(&text).expect(\"valid config\")
}
```

## Use instead
```rust,ignore
async fn load(path: &Path) -> anyhow::Result<Config> {
    let text = tokio::fs::read_to_string(path).await.with_context(|| format!(\"reading {}\", path.display()))?;
    Ok(toml::from_str(&text)?)
}
```
",
};

impl Rule for PanicInAsync {
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

impl Visitor<'_, '_> {
    fn report(&mut self, span: proc_macro2::Span, what: &str, fix: &str) {
        self.findings.push(Finding {
            code: INFO.code,
            span: self.cx.span(span),
            message: format!("{what} in async code: a panic here ends the task"),
            why: None,
            fix: Some(Fix {
                text: fix.to_owned(),
                edits: Vec::new(),
            }),
        });
    }
}

/// `.lock()`, `.read()`, `.write()` with no arguments: unwrapping them propagates lock poisoning.
fn is_lock_call(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::MethodCall(call)
        if call.args.is_empty() && matches!(call.method.to_string().as_str(), "lock" | "read" | "write"))
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    // Closures inside async code count: they run in the task.
    visit_async_scopes!('ast);

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if self.scope.in_async && !is_lock_call(&call.receiver) {
            let method = call.method.to_string();
            let literal_message = matches!(
                call.args.first(),
                Some(syn::Expr::Lit(_) | syn::Expr::Macro(_) | syn::Expr::Reference(_))
            );
            if method == "unwrap" && call.args.is_empty() {
                self.report(
                    call.method.span(),
                    "`.unwrap()`",
                    "return the error instead: replace `.unwrap()` with `?` (for an `Option`: `.ok_or(YourError::Missing)?`; with anyhow: `.context(\"what was being done\")?`)",
                );
            } else if method == "expect" && call.args.len() == 1 && literal_message {
                self.report(
                    call.method.span(),
                    "`.expect(..)`",
                    "return the error instead: replace `.expect(\"..\")` with `?` (with anyhow: `.context(\"..\")?`, keeping the message as context)",
                );
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if self.scope.in_async {
            let name = macro_name(mac);
            if name == "panic" || name == "unreachable" {
                let span = mac
                    .path
                    .segments
                    .last()
                    .map_or_else(proc_macro2::Span::call_site, |segment| segment.ident.span());
                self.report(
                    span,
                    &format!("`{name}!`"),
                    "return an error instead: `return Err(YourError::new(\"..\"));` (with anyhow: `anyhow::bail!(\"..\")`)",
                );
                return;
            }
            if let Some(arguments) = macro_arguments(mac) {
                for argument in &arguments {
                    self.visit_expr(argument);
                }
            }
        }
    }
}
