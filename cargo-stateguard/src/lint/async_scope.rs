//! Which code runs as part of an async task: the one walk the async rules (G0402, G0404, G0405)
//! share. An `async fn`, an `async` block and an async closure start async code; a nested `fn`
//! item ends it (it runs wherever it is called); a plain closure inside async code runs in the
//! task when it is called there, but cannot `.await`.

/// Where a walk is, with respect to async code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct AsyncScope {
    /// The code runs as part of an async task.
    pub(crate) in_async: bool,
    /// Inside a plain (not async) closure within async code: `.await` cannot be written there.
    pub(crate) in_sync_closure: bool,
}

impl AsyncScope {
    /// The body of an `async` block or an async closure.
    pub(crate) const ASYNC_BODY: Self = Self {
        in_async: true,
        in_sync_closure: false,
    };

    /// The body of a function with this signature, wherever the function is written.
    pub(crate) fn of_fn(signature: &syn::Signature) -> Self {
        Self {
            in_async: signature.asyncness.is_some(),
            in_sync_closure: false,
        }
    }

    /// The body of `closure`, written in `self`.
    pub(crate) fn of_closure(self, closure: &syn::ExprClosure) -> Self {
        if closure.asyncness.is_some() {
            Self::ASYNC_BODY
        } else {
            Self {
                in_async: self.in_async,
                in_sync_closure: self.in_async,
            }
        }
    }

    /// Code where `.await` can be written, so where something can be held across one.
    pub(crate) fn can_await(self) -> bool {
        self.in_async && !self.in_sync_closure
    }
}

/// A visitor that keeps an [`AsyncScope`]; [`visit_async_scopes!`] writes the `Visit` methods
/// that keep it up to date.
pub(crate) trait AsyncScoped {
    fn async_scope(&mut self) -> &mut AsyncScope;
}

/// Walks with `scope` as the current scope, then restores the outer one.
pub(crate) fn within<V: AsyncScoped>(
    visitor: &mut V,
    scope: AsyncScope,
    walk: impl FnOnce(&mut V),
) {
    let outer = std::mem::replace(visitor.async_scope(), scope);
    walk(visitor);
    *visitor.async_scope() = outer;
}

/// The `syn::visit::Visit` methods that enter and leave async code, written inside a rule's
/// `impl<'ast> Visit<'ast> for ..` (its visitor implements [`AsyncScoped`]):
/// `visit_async_scopes!('ast);`.
macro_rules! visit_async_scopes {
    ($ast:lifetime) => {
        fn visit_item_fn(&mut self, item: &$ast syn::ItemFn) {
            let scope = $crate::lint::async_scope::AsyncScope::of_fn(&item.sig);
            $crate::lint::async_scope::within(self, scope, |visitor| {
                syn::visit::visit_item_fn(visitor, item)
            });
        }

        fn visit_impl_item_fn(&mut self, item: &$ast syn::ImplItemFn) {
            let scope = $crate::lint::async_scope::AsyncScope::of_fn(&item.sig);
            $crate::lint::async_scope::within(self, scope, |visitor| {
                syn::visit::visit_impl_item_fn(visitor, item)
            });
        }

        fn visit_trait_item_fn(&mut self, item: &$ast syn::TraitItemFn) {
            let scope = $crate::lint::async_scope::AsyncScope::of_fn(&item.sig);
            $crate::lint::async_scope::within(self, scope, |visitor| {
                syn::visit::visit_trait_item_fn(visitor, item)
            });
        }

        fn visit_expr_async(&mut self, expr: &$ast syn::ExprAsync) {
            let scope = $crate::lint::async_scope::AsyncScope::ASYNC_BODY;
            $crate::lint::async_scope::within(self, scope, |visitor| {
                syn::visit::visit_expr_async(visitor, expr)
            });
        }

        fn visit_expr_closure(&mut self, expr: &$ast syn::ExprClosure) {
            let scope = $crate::lint::async_scope::AsyncScoped::async_scope(self).of_closure(expr);
            $crate::lint::async_scope::within(self, scope, |visitor| {
                syn::visit::visit_expr_closure(visitor, expr)
            });
        }
    };
}

pub(crate) use visit_async_scopes;

#[cfg(test)]
mod tests {
    use syn::visit::Visit;

    use super::{AsyncScope, AsyncScoped};

    /// Records the scope at every `.await`-able and plain call to `mark()`.
    #[derive(Default)]
    struct Marks {
        scope: AsyncScope,
        seen: Vec<AsyncScope>,
    }

    impl AsyncScoped for Marks {
        fn async_scope(&mut self) -> &mut AsyncScope {
            &mut self.scope
        }
    }

    impl<'ast> Visit<'ast> for Marks {
        visit_async_scopes!('ast);

        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            self.seen.push(self.scope);
            syn::visit::visit_expr_call(self, call);
        }
    }

    fn marks(source: &str) -> Vec<AsyncScope> {
        let file = syn::parse_file(source).unwrap();
        let mut visitor = Marks::default();
        visitor.visit_file(&file);
        visitor.seen
    }

    const SYNC: AsyncScope = AsyncScope {
        in_async: false,
        in_sync_closure: false,
    };
    const SYNC_CLOSURE_IN_ASYNC: AsyncScope = AsyncScope {
        in_async: true,
        in_sync_closure: true,
    };

    #[test]
    fn async_code_starts_at_async_fns_blocks_and_closures_and_ends_at_fn_items() {
        let seen = marks(
            "fn plain() { mark(); }
             async fn run() {
                 mark();
                 let each = |x| mark();
                 fn helper() { mark(); }
                 let later = async { mark(); };
                 let both = |x| async move { mark(); };
                 let closure = async |x| mark();
             }
             impl S { async fn method(&self) { mark(); } fn sync(&self) { mark(); } }
             trait T { async fn provided(&self) { mark(); } }",
        );
        assert_eq!(
            seen,
            [
                SYNC,
                AsyncScope::ASYNC_BODY,
                SYNC_CLOSURE_IN_ASYNC,
                SYNC,
                AsyncScope::ASYNC_BODY,
                AsyncScope::ASYNC_BODY,
                AsyncScope::ASYNC_BODY,
                AsyncScope::ASYNC_BODY,
                SYNC,
                AsyncScope::ASYNC_BODY,
            ]
        );
        assert!(AsyncScope::ASYNC_BODY.can_await());
        assert!(!SYNC_CLOSURE_IN_ASYNC.can_await());
        assert!(!SYNC.can_await());
    }

    #[test]
    fn a_plain_closure_outside_async_code_is_not_async() {
        assert_eq!(marks("fn f() { let g = |x| mark(); }"), [SYNC]);
    }
}
