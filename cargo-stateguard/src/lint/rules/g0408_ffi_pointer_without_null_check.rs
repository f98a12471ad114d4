//! G0408: a raw-pointer parameter of an exported `extern "C" fn` dereferenced with no null check before.

use std::collections::{HashMap, HashSet};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

use super::g0407_c_export_without_no_mangle::is_c_export;
use super::{Rule, RuleInfo};
use crate::lint::context::{FileContext, Finding, macro_arguments, macro_name, root_ident};
use crate::record::{Edit, Fix, Level, Span};

pub(crate) struct FfiPointerWithoutNullCheck;

static INFO: RuleInfo = RuleInfo {
    code: "G0408",
    name: "ffi-pointer-without-null-check",
    summary: "A raw-pointer parameter of an exported `extern \"C\" fn` dereferenced with no null check before it.",
    default_level: Level::Deny,
    why: "C callers pass NULL (for \"no value\", or by mistake); dereferencing it is undefined behaviour, usually a crash inside the library with the caller's stack",
    docs: "## What it does
For an exported `extern \"C\" fn` (`#[unsafe(no_mangle)]`/`#[no_mangle]`/`#[export_name]`, or a `pub` one in \
a `cdylib`/`staticlib` crate that is not used as a callback), flags the first place a raw-pointer \
parameter `p` is dereferenced — `*p`, `&*p`, `(*p).field`, `*p.add(i)`, `p.read()`, `p.write(..)`, \
`p.as_ref().unwrap()`, `slice::from_raw_parts(p, ..)`, `CStr::from_ptr(p)`, `Box::from_raw(p)` — when no \
null check of `p` comes before it in the function: `p.is_null()`, `NonNull::new(p)`, `p.as_ref()`/`p.as_mut()` \
matched or used with `if let`/`let .. else`/`?`, or a macro that mentions `p` and `is_null` or `null`.

## Why is this bad
NULL is a normal value on the C side. clippy's `not_unsafe_ptr_arg_deref` fires whether or not the \
pointer was checked, so it cannot tell the checked functions from the dangerous ones.

## Example
```rust,ignore
#[unsafe(no_mangle)]
pub unsafe extern \"C\" fn point_len(point: *const Point) -> f64 {
    unsafe { (*point).x.hypot((*point).y) }
}
```

## Use instead
```rust,ignore
#[unsafe(no_mangle)]
pub unsafe extern \"C\" fn point_len(point: *const Point) -> f64 {
    // SAFETY: the caller passes NULL or a valid `Point`.
    let Some(point) = (unsafe { point.as_ref() }) else { return f64::NAN };
    point.x.hypot(point.y)
}
```
For a function returning `()` or a pointer, `--fix` inserts `if p.is_null() { return; }` (or \
`return std::ptr::null_mut();`) at the top.
",
};

impl Rule for FfiPointerWithoutNullCheck {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn needs_crate_facts(&self) -> bool {
        true
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>) {
        let mut visitor = ItemVisitor { cx, findings };
        visitor.visit_file(cx.file);
    }
}

struct ItemVisitor<'a, 'out> {
    cx: &'a FileContext<'a>,
    findings: &'out mut Vec<Finding>,
}

impl<'ast> Visit<'ast> for ItemVisitor<'_, '_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_c_export(item, self.cx) {
            return;
        }
        let mut pointers = HashMap::new();
        for input in &item.sig.inputs {
            if let syn::FnArg::Typed(typed) = input
                && let syn::Pat::Ident(binding) = &*typed.pat
                && let syn::Type::Ptr(pointer) = &*typed.ty
            {
                pointers.insert(
                    binding.ident.to_string(),
                    matches!(pointer.mutability, syn::PointerMutability::Mut(_)),
                );
            }
        }
        if pointers.is_empty() {
            return;
        }
        let mut body = BodyVisitor {
            pointers: &pointers,
            checked: HashSet::new(),
            reported: HashSet::new(),
            derefs: Vec::new(),
        };
        body.visit_block(&item.block);
        for (name, span) in body.derefs {
            let fix = self.fix(item, &name);
            self.findings.push(Finding {
                code: INFO.code,
                span: self.cx.span(span),
                message: format!(
                    "the pointer parameter `{name}` is dereferenced with no null check before it"
                ),
                why: None,
                fix: Some(fix),
            });
        }
    }

    fn visit_item_impl(&mut self, _: &'ast syn::ItemImpl) {}
}

impl ItemVisitor<'_, '_> {
    fn fix(&self, item: &syn::ItemFn, name: &str) -> Fix {
        let open = item.block.brace_token.span.open().end();
        let fn_line = item.sig.fn_token.span.start().line;
        let indent = format!("{}    ", self.cx.source.indent(fn_line));
        let return_value = match &item.sig.output {
            syn::ReturnType::Default => Some(String::new()),
            syn::ReturnType::Type(_, ty) => match &**ty {
                syn::Type::Ptr(pointer)
                    if matches!(pointer.mutability, syn::PointerMutability::Mut(_)) =>
                {
                    Some(" std::ptr::null_mut()".into())
                }
                syn::Type::Ptr(_) => Some(" std::ptr::null()".into()),
                syn::Type::Tuple(tuple) if tuple.elems.is_empty() => Some(String::new()),
                _ => None,
            },
        };
        match return_value {
            Some(value) => {
                let check = format!(
                    "\n{indent}if {name}.is_null() {{\n{indent}    return{value};\n{indent}}}"
                );
                let at = Span {
                    file: self.cx.source.rel_path.clone(),
                    line: open.line,
                    column: open.column + 1,
                    end_line: open.line,
                    end_column: open.column + 1,
                };
                Fix {
                    text: format!("check it first: `if {name}.is_null() {{ return{value}; }}`"),
                    edits: vec![Edit {
                        span: at,
                        replacement: check,
                    }],
                }
            }
            None => Fix {
                text: format!(
                    "check it first and return the function's error value: `if {name}.is_null() {{ return ERROR_VALUE; }}`, or `let Some({name}) = (unsafe {{ {name}.as_ref() }}) else {{ return ERROR_VALUE; }};`"
                ),
                edits: Vec::new(),
            },
        }
    }
}

struct BodyVisitor<'a> {
    /// Pointer parameters, by name (value: `*mut`).
    pointers: &'a HashMap<String, bool>,
    checked: HashSet<String>,
    reported: HashSet<String>,
    derefs: Vec<(String, proc_macro2::Span)>,
}

const DEREF_METHODS: [&str; 6] = [
    "read",
    "read_unaligned",
    "read_volatile",
    "write",
    "write_unaligned",
    "write_volatile",
];
/// Functions that dereference their first argument, with the type or module they belong to.
const DEREF_FUNCTIONS: [(&str, &str); 9] = [
    ("slice", "from_raw_parts"),
    ("slice", "from_raw_parts_mut"),
    ("CStr", "from_ptr"),
    ("Box", "from_raw"),
    ("ptr", "read"),
    ("ptr", "write"),
    ("ptr", "read_unaligned"),
    ("ptr", "write_unaligned"),
    ("str", "from_raw_parts"),
];

impl BodyVisitor<'_> {
    fn pointer_name(&self, expr: &syn::Expr) -> Option<String> {
        let name = root_ident(expr)?.to_string();
        self.pointers.contains_key(&name).then_some(name)
    }

    fn dereferenced(&mut self, name: String, span: proc_macro2::Span) {
        if !self.checked.contains(&name) && self.reported.insert(name.clone()) {
            self.derefs.push((name, span));
        }
    }

    fn tokens_check(&mut self, tokens: TokenStream, macro_mentions_null: bool) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mentions_null = macro_mentions_null
            || trees.iter().any(|tree| matches!(tree, TokenTree::Ident(ident) if ident == "is_null" || ident == "null" || ident == "null_mut"));
        for tree in &trees {
            match tree {
                TokenTree::Ident(ident)
                    if mentions_null && self.pointers.contains_key(&ident.to_string()) =>
                {
                    self.checked.insert(ident.to_string());
                }
                TokenTree::Group(group) => self.tokens_check(group.stream(), mentions_null),
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for BodyVisitor<'_> {
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let method = call.method.to_string();
        if let Some(name) = self.pointer_name(&call.receiver) {
            let direct = matches!(&*call.receiver, syn::Expr::Path(_));
            match method.as_str() {
                "is_null" if direct => {
                    self.checked.insert(name);
                }
                "unwrap" | "expect" | "unwrap_unchecked" => {
                    if let syn::Expr::MethodCall(inner) = &*call.receiver
                        && (inner.method == "as_ref" || inner.method == "as_mut")
                    {
                        self.dereferenced(name, inner.method.span());
                    }
                }
                "as_ref" | "as_mut" if direct => {}
                _ if DEREF_METHODS.contains(&method.as_str()) => {
                    self.dereferenced(name, call.method.span())
                }
                _ => {}
            }
        }
        syn::visit::visit_expr_method_call(self, call);
        // `p.as_ref()` not unwrapped: matched, `if let`, `let .. else`, `?`, `map`: a check from here on.
        if matches!(method.as_str(), "as_ref" | "as_mut")
            && let syn::Expr::Path(path) = &*call.receiver
            && let Some(ident) = path.path.get_ident()
            && self.pointers.contains_key(&ident.to_string())
        {
            self.checked.insert(ident.to_string());
        }
    }

    fn visit_expr_unary(&mut self, expr: &'ast syn::ExprUnary) {
        if matches!(expr.op, syn::UnOp::Deref(_))
            && let Some(name) = self.pointer_name(&expr.expr)
        {
            let span = match &expr.op {
                syn::UnOp::Deref(star) => star.span,
                _ => proc_macro2::Span::call_site(),
            };
            self.dereferenced(name, span);
        }
        syn::visit::visit_expr_unary(self, expr);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(function) = &*call.func
            && let Some(last) = function.path.segments.last()
        {
            let function_name = last.ident.to_string();
            let first = call.args.first();
            if function_name == "new"
                && function.path.segments.len() >= 2
                && function.path.segments[function.path.segments.len() - 2].ident == "NonNull"
                && let Some(name) = first.and_then(|argument| self.pointer_name(argument))
            {
                self.checked.insert(name);
            } else if function.path.segments.len() >= 2
                && {
                    let owner = function.path.segments[function.path.segments.len() - 2]
                        .ident
                        .to_string();
                    DEREF_FUNCTIONS
                        .iter()
                        .any(|&(kind, name)| kind == owner && name == function_name)
                }
                && let Some(name) = first.and_then(|argument| self.pointer_name(argument))
            {
                self.dereferenced(name, last.ident.span());
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_binary(&mut self, expr: &'ast syn::ExprBinary) {
        // `p == std::ptr::null()` / `p != null_mut()`.
        if matches!(expr.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_)) {
            for (side, other) in [(&expr.left, &expr.right), (&expr.right, &expr.left)] {
                if let syn::Expr::Path(path) = &**side
                    && let Some(ident) = path.path.get_ident()
                    && self.pointers.contains_key(&ident.to_string())
                    && matches!(&**other, syn::Expr::Call(call) if matches!(&*call.func, syn::Expr::Path(function)
                        if function.path.segments.last().is_some_and(|segment| segment.ident == "null" || segment.ident == "null_mut")))
                {
                    self.checked.insert(ident.to_string());
                }
            }
        }
        syn::visit::visit_expr_binary(self, expr);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = macro_name(mac);
        if name.contains("null") {
            self.tokens_check(mac.tokens.clone(), true);
            return;
        }
        if let Some(arguments) = macro_arguments(mac) {
            for argument in &arguments {
                self.visit_expr(argument);
            }
        } else {
            self.tokens_check(mac.tokens.clone(), false);
        }
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        syn::visit::visit_expr_closure(self, closure);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
