//! G0401: `unsafe` without a `// SAFETY:` comment that says something.

use syn::spanned::Spanned;
use syn::visit::Visit;

use super::{Rule, RuleInfo};
use crate::lint::context::{FileContext, Finding, macro_arguments};
use crate::lint::source::Comment;
use crate::record::{Fix, Level};

pub(crate) struct UnsafeWithoutSafety;

static INFO: RuleInfo = RuleInfo {
    code: "G0401",
    name: "unsafe-without-safety-comment",
    summary: "An `unsafe` block, fn or impl without a `// SAFETY:` comment that says something.",
    default_level: Level::Deny,
    why: "the comment is the only record of why the unsafe code is sound; without it no reviewer can check the reasoning, and a change elsewhere silently breaks it",
    docs: "## What it does
Flags an `unsafe { }` block, an `unsafe fn` with a body and an `unsafe impl` that have no `// SAFETY:` \
comment, or whose comment is a placeholder: fewer than three words, or one of `none`, `safe`, `ok`, \
`fine`, `todo`, `trust me`, `this is safe` and the like.

The comment counts when it is on the lines directly above the `unsafe` keyword or above the statement \
or item that contains it (attributes may stand between), on the same line, or on the first line inside \
the block. For an `unsafe fn`, a `# Safety` section in its doc comment also counts. `unsafe fn`s in a \
trait impl are skipped (their contract is the trait's).

## Why is this bad
The comment is the only record of why the unsafe code is sound. clippy's `undocumented_unsafe_blocks` \
(off by default) accepts `// SAFETY: none`. Keyword scores misjudge real comments; a short denylist and a \
minimum length flag placeholders without flagging good comments.

## Example
```rust,ignore
let value = unsafe { *pointer };
```

## Use instead
```rust,ignore
// SAFETY: `pointer` comes from `Box::into_raw` in `new` and is freed only in `Drop`.
let value = unsafe { *pointer };
```
",
};

impl Rule for UnsafeWithoutSafety {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>) {
        let mut visitor = Visitor {
            cx,
            enclosing: Vec::new(),
            in_trait_impl: false,
            findings,
        };
        visitor.visit_file(cx.file);
    }
}

/// Placeholders that say nothing, compared after lowercasing and dropping punctuation.
const PLACEHOLDERS: [&str; 22] = [
    "none",
    "safe",
    "ok",
    "okay",
    "fine",
    "todo",
    "fixme",
    "tbd",
    "trust me",
    "trust me bro",
    "na",
    "n a",
    "xxx",
    "this is safe",
    "it is safe",
    "its safe",
    "should be safe",
    "should be fine",
    "this is fine",
    "always safe",
    "obviously safe",
    "totally safe",
];

/// What a comment block says about safety.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// No `SAFETY:` comment.
    Missing,
    /// A comment that says nothing; holds its text.
    Placeholder(String),
    Good,
}

/// The words after `SAFETY:` in `comments` (source order), judged.
fn judge(comments: &[&Comment]) -> Verdict {
    let mut best = Verdict::Missing;
    for (index, comment) in comments.iter().enumerate() {
        let Some(after) = safety_text(comment) else {
            continue;
        };
        let mut text = after.to_owned();
        // The rest of the block continues the comment.
        for later in &comments[index + 1..] {
            if safety_text(later).is_some() {
                break;
            }
            text.push(' ');
            text.push_str(later.text.trim().trim_start_matches('*'));
        }
        let verdict = judge_text(&text);
        if verdict == Verdict::Good {
            return Verdict::Good;
        }
        best = verdict;
    }
    best
}

fn judge_text(text: &str) -> Verdict {
    let words: Vec<String> = text
        .split(|character: char| {
            !character.is_alphanumeric() && character != '_' && character != '`'
        })
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let joined = words.join(" ");
    if words.len() < 3 || PLACEHOLDERS.contains(&joined.as_str()) {
        Verdict::Placeholder(text.trim().to_owned())
    } else {
        Verdict::Good
    }
}

/// The text after `SAFETY:` when the comment starts with it (any case; `*` of block comments ignored),
/// or after a `# Safety` doc heading.
fn safety_text(comment: &Comment) -> Option<&str> {
    let text = comment
        .text
        .trim_start()
        .trim_start_matches('*')
        .trim_start();
    if comment.doc {
        let heading = text.trim_start_matches('#').trim();
        if text.starts_with('#') && heading.eq_ignore_ascii_case("safety") {
            return Some("");
        }
    }
    let prefix = text.get(..6)?;
    if !prefix.eq_ignore_ascii_case("safety") {
        return None;
    }
    let rest = text[6..].trim_start();
    rest.strip_prefix(':')
        .or_else(|| rest.strip_prefix(" -"))
        .or_else(|| rest.strip_prefix('-'))
}

enum Enclosing<'ast> {
    Stmt(&'ast syn::Stmt),
    Line(usize),
}

struct Visitor<'a, 'ast, 'out> {
    cx: &'a FileContext<'a>,
    enclosing: Vec<Enclosing<'ast>>,
    in_trait_impl: bool,
    findings: &'out mut Vec<Finding>,
}

impl<'ast> Visitor<'_, 'ast, '_> {
    /// The verdict for an `unsafe` keyword on `line`, looking at the places a comment may be.
    fn verdict_at(&self, line: usize, inside_block: Option<&syn::Block>) -> Verdict {
        let source = self.cx.source;
        let mut best = Verdict::Missing;
        let consider = |best: &mut Verdict, verdict: Verdict| {
            if verdict == Verdict::Good
                || (matches!(verdict, Verdict::Placeholder(_)) && *best == Verdict::Missing)
            {
                *best = verdict;
            }
        };
        let same_line: Vec<&Comment> = source.comments_on(line).collect();
        consider(&mut best, judge(&same_line));
        consider(&mut best, judge(&in_order(source.comments_above(line))));
        if let Some(block) = inside_block {
            let open = block.brace_token.span.open().start().line;
            let first_code =
                block
                    .stmts
                    .first()
                    .map_or(block.brace_token.span.close().start().line, |_| {
                        // The first statement's line: its first token.
                        block.stmts[0].span().start().line
                    });
            let inside: Vec<&Comment> = source
                .comments
                .iter()
                .filter(|comment| comment.line > open && comment.line <= first_code)
                .collect();
            consider(&mut best, judge(&inside));
            let after_brace: Vec<&Comment> = source.comments_on(open).collect();
            consider(&mut best, judge(&after_brace));
        }
        if best == Verdict::Good {
            return best;
        }
        for enclosing in self.enclosing.iter().rev() {
            let start = match enclosing {
                Enclosing::Stmt(stmt) => stmt.span().start().line,
                Enclosing::Line(line) => *line,
            };
            if start == line {
                continue;
            }
            consider(&mut best, judge(&in_order(source.comments_above(start))));
            if best == Verdict::Good {
                break;
            }
        }
        best
    }

    fn report(&mut self, keyword: proc_macro2::Span, what: &str, verdict: Verdict) {
        let message = match verdict {
            Verdict::Good => return,
            Verdict::Missing => format!("{what} without a `// SAFETY:` comment"),
            Verdict::Placeholder(text) => {
                format!(
                    "{what} whose `SAFETY:` comment says nothing (`{}`)",
                    text.chars().take(40).collect::<String>()
                )
            }
        };
        let span = self.cx.span(keyword);
        let indent = self.cx.source.indent(span.line).to_owned();
        self.findings.push(Finding {
            code: INFO.code,
            span,
            message,
            why: None,
            fix: Some(Fix {
                text: format!(
                    "write above it:\n{indent}// SAFETY: <why each requirement of the unsafe operations holds here>"
                ),
                edits: Vec::new(),
            }),
        });
    }

    fn check_fn(&mut self, signature: &syn::Signature) {
        let syn::Safety::Unsafe(unsafety) = signature.safety else {
            return;
        };
        let line = unsafety.span.start().line;
        let verdict = self.verdict_at(line, None);
        let what = format!("`unsafe fn {}`", signature.ident);
        self.report(unsafety.span, &what, verdict);
    }
}

fn mentions_unsafe(tokens: proc_macro2::TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == "unsafe",
        proc_macro2::TokenTree::Group(group) => mentions_unsafe(group.stream()),
        _ => false,
    })
}

fn in_order(mut comments: Vec<&Comment>) -> Vec<&Comment> {
    comments.reverse();
    comments
}

impl<'ast> Visit<'ast> for Visitor<'_, 'ast, '_> {
    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        self.enclosing.push(Enclosing::Stmt(stmt));
        syn::visit::visit_stmt(self, stmt);
        self.enclosing.pop();
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.enclosing
            .push(Enclosing::Line(item.static_token.span.start().line));
        syn::visit::visit_item_static(self, item);
        self.enclosing.pop();
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        self.enclosing
            .push(Enclosing::Line(item.const_token.span.start().line));
        syn::visit::visit_item_const(self, item);
        self.enclosing.pop();
    }

    fn visit_expr_unsafe(&mut self, expr: &'ast syn::ExprUnsafe) {
        let keyword = expr.unsafe_token.span;
        let verdict = self.verdict_at(keyword.start().line, Some(&expr.block));
        self.report(keyword, "`unsafe` block", verdict);
        syn::visit::visit_expr_unsafe(self, expr);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.check_fn(&item.sig);
        let outer = std::mem::take(&mut self.enclosing);
        syn::visit::visit_item_fn(self, item);
        self.enclosing = outer;
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !self.in_trait_impl {
            self.check_fn(&item.sig);
        }
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if item.default.is_some() {
            self.check_fn(&item.sig);
        }
        syn::visit::visit_trait_item_fn(self, item);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if let Some(unsafety) = item.unsafety {
            let verdict = self.verdict_at(unsafety.span.start().line, None);
            self.report(unsafety.span, "`unsafe impl`", verdict);
        }
        let outer = std::mem::replace(&mut self.in_trait_impl, item.trait_.is_some());
        syn::visit::visit_item_impl(self, item);
        self.in_trait_impl = outer;
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Only a macro whose tokens hold `unsafe` is worth parsing (most are `format!`-like).
        if !mentions_unsafe(mac.tokens.clone()) {
            return;
        }
        if let Some(arguments) = macro_arguments(mac) {
            for argument in &arguments {
                // The parsed arguments live only here: visit them with a visitor of their own.
                let mut inner = Visitor {
                    cx: self.cx,
                    enclosing: Vec::new(),
                    in_trait_impl: self.in_trait_impl,
                    findings: self.findings,
                };
                inner
                    .enclosing
                    .extend(self.enclosing.iter().map(|enclosing| match enclosing {
                        Enclosing::Stmt(stmt) => Enclosing::Line(stmt.span().start().line),
                        Enclosing::Line(line) => Enclosing::Line(*line),
                    }));
                inner.visit_expr(argument);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_good_comments() {
        assert_eq!(judge_text(" none"), Verdict::Placeholder("none".into()));
        assert_eq!(
            judge_text(" trust me bro"),
            Verdict::Placeholder("trust me bro".into())
        );
        assert_eq!(
            judge_text(" this is safe."),
            Verdict::Placeholder("this is safe.".into())
        );
        assert_eq!(judge_text(" `ptr` is non-null"), Verdict::Good);
        assert_eq!(judge_text(" the index is checked above"), Verdict::Good);
    }

    #[test]
    fn safety_prefixes() {
        let comment = |text: &str, doc: bool| Comment {
            line: 1,
            end_line: 1,
            column: 1,
            text: text.into(),
            own_line: true,
            doc,
        };
        assert_eq!(safety_text(&comment(" SAFETY: x", false)), Some(" x"));
        assert_eq!(safety_text(&comment(" Safety: x", false)), Some(" x"));
        assert_eq!(safety_text(&comment("* SAFETY: x", false)), Some(" x"));
        assert_eq!(safety_text(&comment(" # Safety", true)), Some(""));
        assert_eq!(safety_text(&comment(" safe", false)), None);
        assert_eq!(safety_text(&comment(" Safety is hard", false)), None);
    }
}
