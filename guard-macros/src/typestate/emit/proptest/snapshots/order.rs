///The states of [`Order`], without their data (property tests).
#[allow(dead_code)]
#[derive(
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::fmt::Debug,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq
)]
pub enum OrderStateId {
    ///The state [`Pending`].
    Pending,
    ///The state [`Paid`].
    Paid,
    ///The state [`Shipped`].
    Shipped,
    ///The state [`Delivered`].
    Delivered,
    ///The state [`Cancelled`].
    Cancelled,
}
///A constructor call of [`Order`], with its arguments (property tests).
#[allow(dead_code)]
pub enum OrderStart {
    ///`Order::new(..)`: a new machine in state [`Pending`].
    Pending {
        ///The `id` argument.
        id: u64,
    },
}
///A transition call of [`Order`], with its arguments (property tests).
#[allow(dead_code)]
pub enum OrderStep {
    ///`.pay(..)`: to [`Paid`].
    Pay {
        ///The `payment_ref` argument.
        payment_ref: String,
    },
    ///`.cancel(..)`: to [`Cancelled`].
    Cancel {
        ///The `reason` argument.
        reason: String,
    },
    ///`.ship(..)`: to [`Shipped`].
    Ship {
        ///The `field_0` argument.
        field_0: &'static str,
    },
    ///`.deliver(..)`: to [`Delivered`].
    Deliver,
}
#[automatically_derived]
impl ::core::clone::Clone for OrderStart
where
    for<'__guard> u64: ::core::clone::Clone + ::core::fmt::Debug + 'static,
{
    fn clone(&self) -> Self {
        match self {
            OrderStart::Pending { id } => {
                OrderStart::Pending {
                    id: ::core::clone::Clone::clone(id),
                }
            }
        }
    }
}
#[automatically_derived]
impl ::core::fmt::Debug for OrderStart
where
    for<'__guard> u64: ::core::clone::Clone + ::core::fmt::Debug + 'static,
{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            OrderStart::Pending { id } => {
                f.debug_struct("Pending").field("id", id).finish()
            }
        }
    }
}
#[automatically_derived]
impl ::core::clone::Clone for OrderStep
where
    for<'__guard> &'static str: ::core::clone::Clone + ::core::fmt::Debug + 'static,
    for<'__guard> String: ::core::clone::Clone + ::core::fmt::Debug + 'static,
{
    fn clone(&self) -> Self {
        match self {
            OrderStep::Pay { payment_ref } => {
                OrderStep::Pay {
                    payment_ref: ::core::clone::Clone::clone(payment_ref),
                }
            }
            OrderStep::Cancel { reason } => {
                OrderStep::Cancel {
                    reason: ::core::clone::Clone::clone(reason),
                }
            }
            OrderStep::Ship { field_0 } => {
                OrderStep::Ship {
                    field_0: ::core::clone::Clone::clone(field_0),
                }
            }
            OrderStep::Deliver => OrderStep::Deliver,
        }
    }
}
#[automatically_derived]
impl ::core::fmt::Debug for OrderStep
where
    for<'__guard> &'static str: ::core::clone::Clone + ::core::fmt::Debug + 'static,
    for<'__guard> String: ::core::clone::Clone + ::core::fmt::Debug + 'static,
{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            OrderStep::Pay { payment_ref } => {
                f.debug_struct("Pay").field("payment_ref", payment_ref).finish()
            }
            OrderStep::Cancel { reason } => {
                f.debug_struct("Cancel").field("reason", reason).finish()
            }
            OrderStep::Ship { field_0 } => {
                f.debug_struct("Ship").field("field_0", field_0).finish()
            }
            OrderStep::Deliver => f.debug_struct("Deliver").finish(),
        }
    }
}
#[automatically_derived]
#[allow(
    unreachable_patterns,
    clippy::match_same_arms,
    clippy::match_single_binding,
    clippy::too_many_lines
)]
impl ::stateguard::proptest::TestableMachine for OrderState
where
    for<'__guard> &'static str: ::core::clone::Clone + ::core::fmt::Debug + 'static,
    for<'__guard> String: ::stateguard::proptest::Generate,
    for<'__guard> u64: ::stateguard::proptest::Generate,
    Paid: ::stateguard::Invariant,
{
    const NAME: &'static ::core::primitive::str = "Order";
    const STATES: &'static [OrderStateId] = &[
        OrderStateId::Pending,
        OrderStateId::Paid,
        OrderStateId::Shipped,
        OrderStateId::Delivered,
        OrderStateId::Cancelled,
    ];
    type State = OrderStateId;
    type Start = OrderStart;
    type Step = OrderStep;
    fn state_index(state: OrderStateId) -> ::core::primitive::usize {
        state as ::core::primitive::usize
    }
    fn starts() -> ::stateguard::__private::proptest::strategy::BoxedStrategy<
        Self::Start,
    > {
        ::stateguard::__private::proptest::strategy::Strategy::boxed(
            ::stateguard::__private::proptest::strategy::Union::new([
                ::stateguard::__private::proptest::strategy::Strategy::boxed(
                    ::stateguard::__private::proptest::strategy::Strategy::prop_map(
                        (
                            <u64 as ::stateguard::proptest::Generate>::strategy(),
                            ::stateguard::__private::proptest::strategy::Just(()),
                        ),
                        |(id, ())| OrderStart::Pending { id },
                    ),
                ),
            ]),
        )
    }
    fn steps(
        from: OrderStateId,
    ) -> ::core::option::Option<
        ::stateguard::__private::proptest::strategy::BoxedStrategy<Self::Step>,
    > {
        match from {
            OrderStateId::Pending => {
                ::core::option::Option::Some(
                    ::stateguard::__private::proptest::strategy::Strategy::boxed(
                        ::stateguard::__private::proptest::strategy::Union::new([
                            ::stateguard::__private::proptest::strategy::Strategy::boxed(
                                ::stateguard::__private::proptest::strategy::Strategy::prop_map(
                                    (
                                        <String as ::stateguard::proptest::Generate>::strategy(),
                                        ::stateguard::__private::proptest::strategy::Just(()),
                                    ),
                                    |(payment_ref, ())| OrderStep::Pay { payment_ref },
                                ),
                            ),
                            ::stateguard::__private::proptest::strategy::Strategy::boxed(
                                ::stateguard::__private::proptest::strategy::Strategy::prop_map(
                                    (
                                        <String as ::stateguard::proptest::Generate>::strategy(),
                                        ::stateguard::__private::proptest::strategy::Just(()),
                                    ),
                                    |(reason, ())| OrderStep::Cancel { reason },
                                ),
                            ),
                        ]),
                    ),
                )
            }
            OrderStateId::Paid => {
                ::core::option::Option::Some(
                    ::stateguard::__private::proptest::strategy::Strategy::boxed(
                        ::stateguard::__private::proptest::strategy::Union::new([
                            ::stateguard::__private::proptest::strategy::Strategy::boxed(
                                ::stateguard::__private::proptest::strategy::Strategy::prop_map(
                                    (
                                        <String as ::stateguard::proptest::Generate>::strategy(),
                                        ::stateguard::__private::proptest::strategy::Just(()),
                                    ),
                                    |(reason, ())| OrderStep::Cancel { reason },
                                ),
                            ),
                            ::stateguard::__private::proptest::strategy::Strategy::boxed(
                                ::stateguard::__private::proptest::strategy::Strategy::prop_map(
                                    (
                                        ::stateguard::__private::proptest::strategy::Strategy::boxed(
                                            proptest::sample::select(vec!["UPS-1"]),
                                        ),
                                        ::stateguard::__private::proptest::strategy::Just(()),
                                    ),
                                    |(field_0, ())| OrderStep::Ship { field_0 },
                                ),
                            ),
                        ]),
                    ),
                )
            }
            OrderStateId::Shipped => {
                ::core::option::Option::Some(
                    ::stateguard::__private::proptest::strategy::Strategy::boxed(
                        ::stateguard::__private::proptest::strategy::Union::new([
                            ::stateguard::__private::proptest::strategy::Strategy::boxed(
                                ::stateguard::__private::proptest::strategy::Strategy::prop_map(
                                    ::stateguard::__private::proptest::strategy::Just(()),
                                    |()| OrderStep::Deliver,
                                ),
                            ),
                        ]),
                    ),
                )
            }
            OrderStateId::Delivered => ::core::option::Option::None,
            OrderStateId::Cancelled => ::core::option::Option::None,
        }
    }
    fn initial_state(start: &Self::Start) -> OrderStateId {
        match start {
            OrderStart::Pending { .. } => OrderStateId::Pending,
        }
    }
    fn target(step: &Self::Step) -> OrderStateId {
        match step {
            OrderStep::Pay { .. } => OrderStateId::Paid,
            OrderStep::Cancel { .. } => OrderStateId::Cancelled,
            OrderStep::Ship { .. } => OrderStateId::Shipped,
            OrderStep::Deliver => OrderStateId::Delivered,
        }
    }
    fn allows(from: OrderStateId, step: &Self::Step) -> ::core::primitive::bool {
        match (from, step) {
            (OrderStateId::Pending, OrderStep::Pay { .. }) => true,
            (OrderStateId::Pending | OrderStateId::Paid, OrderStep::Cancel { .. }) => {
                true
            }
            (OrderStateId::Paid, OrderStep::Ship { .. }) => true,
            (OrderStateId::Shipped, OrderStep::Deliver) => true,
            _ => false,
        }
    }
    fn expect_start(
        start: &Self::Start,
    ) -> ::core::result::Result<(), ::stateguard::Violations> {
        match start {
            OrderStart::Pending { .. } => ::core::result::Result::Ok(()),
        }
    }
    fn expect(
        step: &Self::Step,
    ) -> ::core::result::Result<(), ::stateguard::Violations> {
        match step {
            OrderStep::Pay { payment_ref } => {
                ::stateguard::Invariant::check(
                    &Paid {
                        payment_ref: ::core::clone::Clone::clone(payment_ref),
                        __guard_seal: ::stateguard::__private::Seal::NEW,
                    },
                )
            }
            _ => ::core::result::Result::Ok(()),
        }
    }
    fn fallible_start(start: &Self::Start) -> ::core::primitive::bool {
        match start {
            _ => false,
        }
    }
    fn fallible(step: &Self::Step) -> ::core::primitive::bool {
        match step {
            OrderStep::Pay { .. } => true,
            _ => false,
        }
    }
    fn start(
        start: &Self::Start,
    ) -> ::core::result::Result<Self, ::stateguard::Violations> {
        match start {
            OrderStart::Pending { id } => {
                ::core::result::Result::Ok(
                    OrderState::Pending(
                        <Order<Pending>>::new(::core::clone::Clone::clone(id)),
                    ),
                )
            }
        }
    }
    fn apply(
        self,
        step: &Self::Step,
    ) -> ::core::result::Result<Self, ::stateguard::Rejected<Self>> {
        match (self, step) {
            (OrderState::Pending(machine), OrderStep::Pay { payment_ref }) => {
                match machine.pay(::core::clone::Clone::clone(payment_ref)) {
                    ::core::result::Result::Ok(machine) => {
                        ::core::result::Result::Ok(OrderState::Paid(machine))
                    }
                    ::core::result::Result::Err(rejected) => {
                        ::core::result::Result::Err(::stateguard::Rejected {
                            machine: OrderState::Pending(rejected.machine),
                            violations: rejected.violations,
                        })
                    }
                }
            }
            (OrderState::Pending(machine), OrderStep::Cancel { reason }) => {
                ::core::result::Result::Ok(
                    OrderState::Cancelled(
                        machine.cancel(::core::clone::Clone::clone(reason)),
                    ),
                )
            }
            (OrderState::Paid(machine), OrderStep::Cancel { reason }) => {
                ::core::result::Result::Ok(
                    OrderState::Cancelled(
                        machine.cancel(::core::clone::Clone::clone(reason)),
                    ),
                )
            }
            (OrderState::Paid(machine), OrderStep::Ship { field_0 }) => {
                ::core::result::Result::Ok(
                    OrderState::Shipped(
                        machine.ship(::core::clone::Clone::clone(field_0)),
                    ),
                )
            }
            (OrderState::Shipped(machine), OrderStep::Deliver) => {
                ::core::result::Result::Ok(OrderState::Delivered(machine.deliver()))
            }
            (machine, _) => {
                let mut violations = ::stateguard::Violations::new();
                violations
                    .push(
                        &::stateguard::Location::root(),
                        "transition",
                        "the machine's state has no such transition; the machine is unchanged",
                    );
                ::core::result::Result::Err(::stateguard::Rejected {
                    machine,
                    violations,
                })
            }
        }
    }
    fn state(&self) -> OrderStateId {
        match self {
            OrderState::Pending(_) => OrderStateId::Pending,
            OrderState::Paid(_) => OrderStateId::Paid,
            OrderState::Shipped(_) => OrderStateId::Shipped,
            OrderState::Delivered(_) => OrderStateId::Delivered,
            OrderState::Cancelled(_) => OrderStateId::Cancelled,
        }
    }
    fn check(&self) -> ::core::result::Result<(), ::stateguard::Violations> {
        match self {
            OrderState::Pending(_) => ::core::result::Result::Ok(()),
            OrderState::Paid(machine) => {
                let mut violations = ::stateguard::Violations::new();
                ::stateguard::Invariant::check_at(
                    &machine.state,
                    &::stateguard::Location::root(),
                    &mut violations,
                );
                violations.into_result()
            }
            OrderState::Shipped(_) => ::core::result::Result::Ok(()),
            OrderState::Delivered(_) => ::core::result::Result::Ok(()),
            OrderState::Cancelled(_) => ::core::result::Result::Ok(()),
        }
    }
    fn render_start(
        start: &Self::Start,
        out: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        #[allow(unused_imports)]
        use ::stateguard::proptest::__argument::{
            DebugCode as _, StringCode as _, VecCode as _,
        };
        match start {
            OrderStart::Pending { id } => {
                ::stateguard::proptest::render_call(
                    out,
                    "Order::new",
                    &[
                        &(&&::stateguard::proptest::__argument::Argument(id)).code()
                            as &dyn ::core::fmt::Debug,
                    ],
                )
            }
        }
    }
    fn render_step(
        step: &Self::Step,
        out: &mut ::core::fmt::Formatter<'_>,
    ) -> ::core::fmt::Result {
        #[allow(unused_imports)]
        use ::stateguard::proptest::__argument::{
            DebugCode as _, StringCode as _, VecCode as _,
        };
        match step {
            OrderStep::Pay { payment_ref } => {
                ::stateguard::proptest::render_call(
                    out,
                    ".pay",
                    &[
                        &(&&::stateguard::proptest::__argument::Argument(payment_ref))
                            .code() as &dyn ::core::fmt::Debug,
                    ],
                )
            }
            OrderStep::Cancel { reason } => {
                ::stateguard::proptest::render_call(
                    out,
                    ".cancel",
                    &[
                        &(&&::stateguard::proptest::__argument::Argument(reason)).code()
                            as &dyn ::core::fmt::Debug,
                    ],
                )
            }
            OrderStep::Ship { field_0 } => {
                ::stateguard::proptest::render_call(
                    out,
                    ".ship",
                    &[
                        &(&&::stateguard::proptest::__argument::Argument(field_0)).code()
                            as &dyn ::core::fmt::Debug,
                    ],
                )
            }
            OrderStep::Deliver => {
                ::stateguard::proptest::render_call(out, ".deliver", &[])
            }
        }
    }
}
#[allow(dead_code)]
impl Order<Pending> {
    #[doc(hidden)]
    pub fn __guard_plan() -> ::stateguard::proptest::Plan<OrderState> {
        ::stateguard::proptest::Plan::new()
    }
    #[doc(hidden)]
    #[track_caller]
    pub fn __guard_run(
        plan: ::stateguard::proptest::Plan<OrderState>,
    ) -> ::stateguard::proptest::Report
    where
        for<'__guard> &'static str: ::core::clone::Clone + ::core::fmt::Debug + 'static,
        for<'__guard> String: ::stateguard::proptest::Generate,
        for<'__guard> u64: ::stateguard::proptest::Generate,
    {
        plan.run()
    }
}
