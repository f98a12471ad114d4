//! G0405: a blocking call in async code.

use std::collections::{HashMap, HashSet};

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::{Rule, RuleInfo};
use crate::lint::async_scope::{AsyncScope, AsyncScoped, visit_async_scopes};
use crate::lint::context::{FileContext, Finding, macro_arguments};
use crate::record::{Edit, Fix, Level};

pub(crate) struct BlockingInAsync;

static INFO: RuleInfo = RuleInfo {
    code: "G0405",
    name: "blocking-in-async",
    summary: "A blocking call (file system, sleep, std networking, stdin, processes, reqwest::blocking) in async code.",
    default_level: Level::Deny,
    why: "a blocking call stalls the executor thread: every other task scheduled on it waits, and a runtime with few threads stops serving",
    docs: "## What it does
Flags, inside an `async fn`, an `async` block or a closure running in one, a call to a function of this \
exact list (paths resolved through `use`, aliases and groups included):
- `std::fs::*` functions, `std::fs::File::open`/`create`/`create_new`;
- `std::thread::sleep`;
- `std::net::TcpStream::connect`/`connect_timeout`, `TcpListener::bind`, `UdpSocket::bind`, and `accept`, \
  `incoming` and blocking reads on a value they returned;
- `std::io::stdin()` followed by `read_line`, `read_to_string`, `read_to_end` or `lines`;
- `std::process::Command` followed by `output`, `status` or `wait`;
- anything under `reqwest::blocking`;
- the functions listed in `blocking-functions` of `[workspace.metadata.stateguard]`.

Closures given to `spawn_blocking`, `block_in_place`, `unblock`, a thread's `spawn`, or to any call whose \
result is awaited at once (`pool.run(move || ..).await`) run off the executor and are not async code.

## Why is this bad
An async runtime runs many tasks on few threads. A blocking call holds its thread: the other tasks \
queued on it wait, timers fire late, and under load the service stops answering.

## Example
```rust,ignore
async fn retry() {
    std::thread::sleep(Duration::from_millis(100));
    let config = std::fs::read_to_string(\"config.toml\")?;
}
```

## Use instead
```rust,ignore
async fn retry() {
    tokio::time::sleep(Duration::from_millis(100)).await;
    let config = tokio::fs::read_to_string(\"config.toml\").await?;
}
```
or move the blocking work to `tokio::task::spawn_blocking(move || ..).await`. With `--fix`, \
`std::thread::sleep(d)` becomes `tokio::time::sleep(d).await` when the package depends on tokio.
",
};

impl Rule for BlockingInAsync {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>) {
        let mut visitor = Visitor {
            cx,
            scope: AsyncScope::default(),
            awaited: HashSet::new(),
            origins: HashMap::new(),
            findings,
        };
        visitor.visit_file(cx.file);
    }
}

const FS_FUNCTIONS: [&str; 19] = [
    "read",
    "read_to_string",
    "write",
    "read_dir",
    "create_dir",
    "create_dir_all",
    "remove_file",
    "remove_dir",
    "remove_dir_all",
    "copy",
    "rename",
    "metadata",
    "symlink_metadata",
    "canonicalize",
    "hard_link",
    "read_link",
    "set_permissions",
    "exists",
    "soft_link",
];

const BLOCKING_PATHS: [&str; 10] = [
    "std::thread::sleep",
    "std::fs::File::open",
    "std::fs::File::create",
    "std::fs::File::create_new",
    "std::net::TcpStream::connect",
    "std::net::TcpStream::connect_timeout",
    "std::net::TcpListener::bind",
    "std::net::UdpSocket::bind",
    "std::io::stdin",
    "std::process::Command::new",
];

/// Whether a call resolved to `resolved` is the configured function `entry`. Paths inside the crate
/// may be written from its root (`crate::db::query`) and called relative to a module (`db::query`).
fn configured_match(entry: &str, resolved: &str) -> bool {
    let entry = entry.trim_start_matches("::").trim_start_matches("crate::");
    let mut resolved = resolved;
    while let Some(rest) = resolved
        .strip_prefix("crate::")
        .or_else(|| resolved.strip_prefix("self::"))
        .or_else(|| resolved.strip_prefix("super::"))
    {
        resolved = rest;
    }
    entry == resolved || (resolved.contains("::") && entry.ends_with(&format!("::{resolved}")))
}

/// What a value comes from, for the blocking methods called on it later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Command,
    Stdin,
    Net,
}

impl Origin {
    fn of_path(path: &str) -> Option<Origin> {
        match path {
            "std::process::Command::new" => Some(Origin::Command),
            "std::io::stdin" => Some(Origin::Stdin),
            "std::net::TcpStream::connect"
            | "std::net::TcpStream::connect_timeout"
            | "std::net::TcpListener::bind"
            | "std::net::UdpSocket::bind" => Some(Origin::Net),
            _ => None,
        }
    }

    fn blocks(self, method: &str) -> bool {
        match self {
            Origin::Command => matches!(method, "output" | "status" | "wait" | "wait_with_output"),
            Origin::Stdin => matches!(
                method,
                "read_line" | "read_to_string" | "read_to_end" | "lines"
            ),
            Origin::Net => matches!(
                method,
                "accept"
                    | "incoming"
                    | "read"
                    | "read_exact"
                    | "read_to_end"
                    | "read_to_string"
                    | "recv"
                    | "recv_from"
                    | "peek"
            ),
        }
    }
}

/// Calls whose closure argument runs off the async executor.
const OFF_EXECUTOR: [&str; 5] = [
    "spawn_blocking",
    "block_in_place",
    "spawn",
    "spawn_scoped",
    "scope",
];

struct Visitor<'a, 'out> {
    cx: &'a FileContext<'a>,
    scope: AsyncScope,
    /// Expressions directly followed by `.await`, by address.
    awaited: HashSet<usize>,
    /// Local names bound to a `Command`, stdin or std socket.
    origins: HashMap<String, Origin>,
    findings: &'out mut Vec<Finding>,
}

impl AsyncScoped for Visitor<'_, '_> {
    fn async_scope(&mut self) -> &mut AsyncScope {
        &mut self.scope
    }
}

fn address<T>(node: &T) -> usize {
    std::ptr::from_ref(node) as usize
}

impl Visitor<'_, '_> {
    /// The blocking function `path` names, if it is one.
    fn blocking_path(&self, path: &syn::Path) -> Option<String> {
        for candidate in self.cx.imports.candidates(path) {
            let fs_function = candidate
                .strip_prefix("std::fs::")
                .is_some_and(|name| FS_FUNCTIONS.contains(&name));
            let listed = (BLOCKING_PATHS.contains(&candidate.as_str())
                && candidate != "std::io::stdin"
                && candidate != "std::process::Command::new")
                || candidate.starts_with("reqwest::blocking::")
                || self
                    .cx
                    .config
                    .blocking_functions
                    .iter()
                    .any(|entry| configured_match(entry, &candidate));
            if fs_function || listed {
                return Some(candidate);
            }
        }
        None
    }

    /// The origin of the value an expression evaluates to, through method chains.
    fn origin(&self, expr: &syn::Expr) -> Option<Origin> {
        match expr {
            syn::Expr::Call(call) => match &*call.func {
                syn::Expr::Path(path) => self
                    .cx
                    .imports
                    .candidates(&path.path)
                    .iter()
                    .find_map(|candidate| Origin::of_path(candidate)),
                _ => None,
            },
            syn::Expr::MethodCall(call) => self.origin(&call.receiver),
            syn::Expr::Try(expr) => self.origin(&expr.expr),
            syn::Expr::Reference(expr) => self.origin(&expr.expr),
            syn::Expr::Paren(expr) => self.origin(&expr.expr),
            syn::Expr::Path(path) => path
                .path
                .get_ident()
                .and_then(|ident| self.origins.get(&ident.to_string()).copied()),
            _ => None,
        }
    }

    fn report(&mut self, span: proc_macro2::Span, what: &str, fix: Fix) {
        self.findings.push(Finding {
            code: INFO.code,
            span: self.cx.span(span),
            message: format!("blocking call {what} in async code"),
            why: None,
            fix: Some(fix),
        });
    }

    fn fix_for_function(&self, path: &str, call: &syn::ExprCall) -> Fix {
        let arguments = self.cx.source.slice(
            call.paren_token.span.open().end(),
            call.paren_token.span.close().start(),
        );
        let spawn_blocking =
            "or run it off the executor: `tokio::task::spawn_blocking(move || ..).await`";
        if path == "std::thread::sleep" {
            let replacement = format!("tokio::time::sleep({arguments}).await");
            let edits = if self.cx.target.has_tokio && !self.scope.in_sync_closure {
                vec![Edit {
                    span: self.cx.span(call.span()),
                    replacement: replacement.clone(),
                }]
            } else {
                Vec::new()
            };
            return Fix {
                text: format!("`{replacement}`"),
                edits,
            };
        }
        if let Some(name) = path.strip_prefix("std::fs::") {
            let name = if name == "exists" { "try_exists" } else { name };
            return Fix {
                text: format!("`tokio::fs::{name}({arguments}).await`, {spawn_blocking}"),
                edits: Vec::new(),
            };
        }
        if path.starts_with("std::net::") {
            let name = path.trim_start_matches("std::net::");
            return Fix {
                text: format!("`tokio::net::{name}({arguments}).await`, {spawn_blocking}"),
                edits: Vec::new(),
            };
        }
        if path.starts_with("reqwest::blocking::") {
            return Fix {
                text: "the async client: `reqwest::Client::new().get(url).send().await`".into(),
                edits: Vec::new(),
            };
        }
        Fix {
            text: format!(
                "`tokio::task::spawn_blocking(move || {}).await`",
                self.cx.source.text_of(call.span())
            ),
            edits: Vec::new(),
        }
    }
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    visit_async_scopes!('ast);

    fn visit_expr_await(&mut self, expr: &'ast syn::ExprAwait) {
        match &*expr.base {
            syn::Expr::Call(call) => self.awaited.insert(address(call)),
            syn::Expr::MethodCall(call) => self.awaited.insert(address(call)),
            _ => false,
        };
        syn::visit::visit_expr_await(self, expr);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let (syn::Pat::Ident(binding), Some(init)) = (&local.pat, &local.init) {
            match self.origin(&init.expr) {
                Some(origin) => self.origins.insert(binding.ident.to_string(), origin),
                None => self.origins.remove(&binding.ident.to_string()),
            };
        }
        syn::visit::visit_local(self, local);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(function) = &*call.func {
            let last = function
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default();
            // A plain closure given to a call that is awaited at once: the returned future runs it,
            // on a blocking pool (`unblock(move || ..).await`, `pool.run(|| ..).await`).
            if OFF_EXECUTOR.contains(&last.as_str()) || self.awaited.contains(&address(call)) {
                self.visit_expr(&call.func);
                let outer = self.scope.in_async;
                for argument in &call.args {
                    self.scope.in_async = outer
                        && !matches!(argument, syn::Expr::Closure(closure) if closure.asyncness.is_none());
                    self.visit_expr(argument);
                }
                self.scope.in_async = outer;
                return;
            }
            if self.scope.in_async
                && !self.awaited.contains(&address(call))
                && let Some(path) = self.blocking_path(&function.path)
            {
                let fix = self.fix_for_function(&path, call);
                self.report(function.span(), &format!("`{path}`"), fix);
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let method = call.method.to_string();
        if OFF_EXECUTOR.contains(&method.as_str()) || self.awaited.contains(&address(call)) {
            self.visit_expr(&call.receiver);
            let outer = self.scope.in_async;
            for argument in &call.args {
                self.scope.in_async = outer
                    && !matches!(argument, syn::Expr::Closure(closure) if closure.asyncness.is_none());
                self.visit_expr(argument);
            }
            self.scope.in_async = outer;
            return;
        }
        if self.scope.in_async
            && !self.awaited.contains(&address(call))
            && let Some(origin) = self.origin(&call.receiver)
            && origin.blocks(&method)
        {
            let what = match origin {
                Origin::Command => format!("`std::process::Command::{method}`"),
                Origin::Stdin => format!("`std::io::Stdin::{method}`"),
                Origin::Net => format!("`{method}` on a `std::net` socket"),
            };
            let text = match origin {
                Origin::Command => format!("`tokio::process::Command` with `.{method}().await`"),
                Origin::Stdin => "`tokio::io::stdin()` with `tokio::io::AsyncBufReadExt`, or `tokio::task::spawn_blocking`".into(),
                Origin::Net => "`tokio::net` sockets with `.await`".into(),
            };
            self.report(
                call.method.span(),
                &what,
                Fix {
                    text,
                    edits: Vec::new(),
                },
            );
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if self.scope.in_async
            && let Some(arguments) = macro_arguments(mac)
        {
            for argument in &arguments {
                self.visit_expr(argument);
            }
        }
    }
}
