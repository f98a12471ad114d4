//! G0406: `transmute` where a safe conversion exists.

use std::collections::HashMap;

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::{Rule, RuleInfo};
use crate::lint::context::{FileContext, Finding};
use crate::record::{Edit, Fix, Level};

pub(crate) struct TransmuteWithSafeAlternative;

static INFO: RuleInfo = RuleInfo {
    code: "G0406",
    name: "transmute-with-safe-alternative",
    summary: "`transmute` between types that have a safe conversion (bits of floats, bytes of integers, `#[repr]` enums).",
    default_level: Level::Deny,
    why: "`transmute` turns off every check for a conversion the standard library already does safely; a later change of either type keeps compiling and becomes undefined behaviour",
    docs: "## What it does
Flags `std::mem::transmute` (also `core::mem::transmute`, imported or aliased) when both types are known \
(turbofish, a `let` type, a typed parameter, a suffixed literal or an `as` cast) and one of these applies:
- `u32`/`i32` ↔ `f32`, `u64`/`i64` ↔ `f64`: `f32::from_bits(x)`, `x.to_bits()`;
- `[u8; N]` ↔ an integer or float of N bytes: `u32::from_ne_bytes(x)`, `x.to_ne_bytes()`;
- a `#[repr(uN)]` enum of this crate → its integer: `x as uN`;
- an integer → such an enum: `Enum::try_from(x)` with a `TryFrom` impl.

rustc's `unnecessary_transmutes` warns on some of these too; `cargo stateguard check` reports each place \
once. With `--fix` the conversions with a standard-library function are rewritten (the `unsafe` block \
goes with it when the transmute was all it held).

## Why is this bad
`transmute` checks only that the sizes match. The safe functions say what is meant, cannot be misused \
when a type changes, and compile to the same instructions.

## Example
```rust,ignore
let bits: u32 = unsafe { std::mem::transmute(value) }; // value: f32
```

## Use instead
```rust,ignore
let bits: u32 = value.to_bits();
```
",
};

impl Rule for TransmuteWithSafeAlternative {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn needs_crate_facts(&self) -> bool {
        true
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>) {
        let mut visitor = Visitor {
            cx,
            types: vec![HashMap::new()],
            expected: None,
            unsafe_block: None,
            findings,
        };
        visitor.visit_file(cx.file);
    }
}

/// A type the rule understands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Known {
    Int(String),
    Float(String),
    Bytes(usize),
    Enum(String, String),
}

impl Known {
    fn size(&self) -> Option<usize> {
        match self {
            Known::Int(name) | Known::Float(name) | Known::Enum(_, name) => int_size(name),
            Known::Bytes(size) => Some(*size),
        }
    }
}

fn int_size(name: &str) -> Option<usize> {
    match name {
        "u8" | "i8" => Some(1),
        "u16" | "i16" => Some(2),
        "u32" | "i32" | "f32" => Some(4),
        "u64" | "i64" | "f64" => Some(8),
        "u128" | "i128" => Some(16),
        _ => None,
    }
}

struct Visitor<'a, 'out> {
    cx: &'a FileContext<'a>,
    /// Declared types of locals and parameters, innermost function last.
    types: Vec<HashMap<String, syn::Type>>,
    /// The type the expression being visited must have (from `let x: T = ..`).
    expected: Option<syn::Type>,
    /// The `unsafe { transmute(..) }` block whose only content is the call being visited.
    unsafe_block: Option<proc_macro2::Span>,
    findings: &'out mut Vec<Finding>,
}

impl Visitor<'_, '_> {
    fn known(&self, ty: &syn::Type) -> Option<Known> {
        match ty {
            syn::Type::Path(path) if path.qself.is_none() => {
                let name = path.path.segments.last()?.ident.to_string();
                if name == "f32" || name == "f64" {
                    return Some(Known::Float(name));
                }
                if int_size(&name).is_some() {
                    return Some(Known::Int(name));
                }
                let repr = self.cx.crate_facts.repr_enums.get(&name)?;
                Some(Known::Enum(name, repr.clone()))
            }
            syn::Type::Array(array) => {
                let syn::Type::Path(element) = &*array.elem else {
                    return None;
                };
                if !element.path.is_ident("u8") {
                    return None;
                }
                let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(length),
                    ..
                }) = &array.len
                else {
                    return None;
                };
                Some(Known::Bytes(length.base10_parse().ok()?))
            }
            syn::Type::Paren(paren) => self.known(&paren.elem),
            syn::Type::Group(group) => self.known(&group.elem),
            _ => None,
        }
    }

    /// The type of an argument expression, when it shows.
    fn type_of(&self, expr: &syn::Expr) -> Option<Known> {
        match expr {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(int),
                ..
            }) if !int.suffix().is_empty() => {
                let suffix = int.suffix();
                if suffix.starts_with('f') {
                    Some(Known::Float(suffix.into()))
                } else {
                    Some(Known::Int(suffix.into()))
                }
            }
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Float(float),
                ..
            }) if !float.suffix().is_empty() => Some(Known::Float(float.suffix().into())),
            syn::Expr::Cast(cast) => self.known(&cast.ty),
            syn::Expr::Paren(paren) => self.type_of(&paren.expr),
            syn::Expr::Path(path) => {
                let ident = path.path.get_ident()?.to_string();
                let ty = self
                    .types
                    .iter()
                    .rev()
                    .find_map(|scope| scope.get(&ident))?;
                self.known(ty)
            }
            _ => None,
        }
    }

    fn check_call(&mut self, call: &syn::ExprCall) {
        let syn::Expr::Path(function) = &*call.func else {
            return;
        };
        if !self
            .cx
            .imports
            .candidates(&function.path)
            .iter()
            .any(|candidate| candidate == "std::mem::transmute")
        {
            return;
        }
        let [argument] = call.args.iter().collect::<Vec<_>>()[..] else {
            return;
        };
        let turbofish: Vec<Option<Known>> = match &function
            .path
            .segments
            .last()
            .map(|segment| &segment.arguments)
        {
            Some(syn::PathArguments::AngleBracketed(arguments)) => arguments
                .args
                .iter()
                .map(|argument| match argument {
                    syn::GenericArgument::Type(ty) => self.known(ty),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let from = turbofish
            .first()
            .cloned()
            .flatten()
            .or_else(|| self.type_of(argument));
        let to = turbofish
            .get(1)
            .cloned()
            .flatten()
            .or_else(|| self.expected.as_ref().and_then(|ty| self.known(ty)));
        let (Some(from), Some(to)) = (from, to) else {
            return;
        };
        if from.size().is_none() || from.size() != to.size() {
            return;
        }
        let source = self.cx.source.text_of(argument.span());
        let operand = if matches!(
            argument,
            syn::Expr::Path(_)
                | syn::Expr::Lit(_)
                | syn::Expr::MethodCall(_)
                | syn::Expr::Field(_)
                | syn::Expr::Paren(_)
        ) {
            source.to_owned()
        } else {
            format!("({source})")
        };
        let replacement = match (&from, &to) {
            (Known::Int(int), Known::Float(float)) => {
                let unsigned = int.replace('i', "u");
                if *int == unsigned {
                    format!("{float}::from_bits({operand})")
                } else {
                    format!("{float}::from_bits({operand} as {unsigned})")
                }
            }
            (Known::Float(_), Known::Int(int)) => {
                if int.starts_with('u') {
                    format!("{operand}.to_bits()")
                } else {
                    format!("{operand}.to_bits() as {int}")
                }
            }
            (Known::Bytes(_), Known::Int(name) | Known::Float(name)) => {
                format!("{name}::from_ne_bytes({operand})")
            }
            (Known::Int(_) | Known::Float(_), Known::Bytes(_)) => {
                format!("{operand}.to_ne_bytes()")
            }
            (Known::Enum(_, repr), Known::Int(int)) if repr == int => format!("{operand} as {int}"),
            (Known::Int(_), Known::Enum(name, _)) => {
                let span = self.cx.span(function.span());
                self.findings.push(Finding {
                    code: INFO.code,
                    span,
                    message: format!("`transmute` of an integer into the enum `{name}`: any value outside its discriminants is undefined behaviour"),
                    why: None,
                    fix: Some(Fix {
                        text: format!("implement `TryFrom<{}> for {name}` (a `match` over the discriminants) and write `{name}::try_from({operand})?`", match &from { Known::Int(int) => int.as_str(), _ => "" }),
                        edits: Vec::new(),
                    }),
                });
                return;
            }
            _ => return,
        };
        let replaced = self.unsafe_block.unwrap_or_else(|| call.span());
        let describe = |known: &Known| match known {
            Known::Int(name) | Known::Float(name) => name.clone(),
            Known::Bytes(size) => format!("[u8; {size}]"),
            Known::Enum(name, _) => name.clone(),
        };
        self.findings.push(Finding {
            code: INFO.code,
            span: self.cx.span(function.span()),
            message: format!(
                "`transmute` from `{}` to `{}` where a safe conversion exists",
                describe(&from),
                describe(&to)
            ),
            why: None,
            fix: Some(Fix {
                text: format!("`{replacement}`"),
                edits: vec![Edit {
                    span: self.cx.span(replaced),
                    replacement,
                }],
            }),
        });
    }
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    fn visit_signature(&mut self, signature: &'ast syn::Signature) {
        let mut scope = HashMap::new();
        for input in &signature.inputs {
            if let syn::FnArg::Typed(typed) = input
                && let syn::Pat::Ident(binding) = &*typed.pat
            {
                scope.insert(binding.ident.to_string(), (*typed.ty).clone());
            }
        }
        self.types.push(scope);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        let depth = self.types.len();
        syn::visit::visit_item_fn(self, item);
        self.types.truncate(depth);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        let depth = self.types.len();
        syn::visit::visit_impl_item_fn(self, item);
        self.types.truncate(depth);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let syn::Pat::Type(typed) = &local.pat {
            if let Some(init) = &local.init {
                let outer = self.expected.replace((*typed.ty).clone());
                self.visit_expr(&init.expr);
                self.expected = outer;
            }
            if let syn::Pat::Ident(binding) = &*typed.pat
                && let Some(scope) = self.types.last_mut()
            {
                scope.insert(binding.ident.to_string(), (*typed.ty).clone());
            }
            return;
        }
        let outer = self.expected.take();
        syn::visit::visit_local(self, local);
        self.expected = outer;
    }

    fn visit_expr_unsafe(&mut self, expr: &'ast syn::ExprUnsafe) {
        if let [syn::Stmt::Expr(syn::Expr::Call(call), None)] = &expr.block.stmts[..] {
            let outer = self.unsafe_block.replace(expr.span());
            self.check_call(call);
            self.unsafe_block = None;
            self.visit_expr_call_children(call);
            self.unsafe_block = outer;
            return;
        }
        syn::visit::visit_expr_unsafe(self, expr);
    }

    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        // The expected type reaches only the initializer itself (through `unsafe { }` and parentheses).
        if matches!(
            expr,
            syn::Expr::Call(_) | syn::Expr::Unsafe(_) | syn::Expr::Paren(_)
        ) {
            syn::visit::visit_expr(self, expr);
        } else {
            let outer = self.expected.take();
            syn::visit::visit_expr(self, expr);
            self.expected = outer;
        }
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        self.check_call(call);
        self.visit_expr_call_children(call);
    }
}

impl Visitor<'_, '_> {
    fn visit_expr_call_children(&mut self, call: &syn::ExprCall) {
        let outer = self.expected.take();
        for argument in &call.args {
            self.visit_expr(argument);
        }
        self.expected = outer;
    }
}
