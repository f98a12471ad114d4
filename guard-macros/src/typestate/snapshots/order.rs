pub mod order {
    #[derive(Debug)]
    ///The `Order` state machine.
    /**

# States

A machine in state `S`, one of the types implementing [`OrderStateType`]; [`OrderState`] holds one in any state. Created by `Order::new` in the initial state, moved between states by its transitions only.

```mermaid
stateDiagram-v2
    [*] --> Pending
    Pending --> Paid: pay
    Pending --> Cancelled: cancel
    Paid --> Shipped: ship
    Paid --> Cancelled: cancel
    Shipped --> Delivered: deliver
    Delivered --> [*]
    Cancelled --> [*]
```

<script type="module">const blocks=[...document.querySelectorAll('pre.language-mermaid:not([data-stateguard])')];blocks.forEach(b=>b.setAttribute('data-stateguard',''));if(blocks.length){import('https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs').then(async({default:m})=>{const dark=['dark','ayu'].includes(document.documentElement.dataset.theme);m.initialize({startOnLoad:false,theme:dark?'dark':'default'});for(const b of blocks){const d=document.createElement('div');d.className='mermaid';d.textContent=b.textContent;b.style.display='none';b.after(d);try{await m.run({nodes:[d]});}catch(e){d.remove();b.style.display='';}}}).catch(()=>{});}</script>
*/
    pub struct Order<T, S: OrderStateType> {
        id: u64,
        items: Vec<T>,
        state: S,
    }
    ///State `Pending` of [`Order`]. Machines start here. Transitions: `pay` → [`Paid`], `cancel` → [`Cancelled`].
    pub struct Pending(::stateguard::__private::Seal);
    #[automatically_derived]
    impl ::core::fmt::Debug for Pending {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("Pending")
        }
    }
    ///State `Paid` of [`Order`]. Transitions: `ship` → [`Shipped`], `cancel` → [`Cancelled`].
    pub struct Paid {
        payment_ref: String,
        __guard_seal: ::stateguard::__private::Seal,
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for Paid {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_struct("Paid").field("payment_ref", &self.payment_ref).finish()
        }
    }
    #[derive(::stateguard::Invariant)]
    ///State `Shipped` of [`Order`]. Transitions: `deliver` → [`Delivered`].
    pub struct Shipped(#[invariant(non_empty)] String, ::stateguard::__private::Seal);
    #[automatically_derived]
    impl ::core::fmt::Debug for Shipped {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_tuple("Shipped").field(&self.0).finish()
        }
    }
    ///State `Delivered` of [`Order`]. Terminal: no transition leads out of it.
    pub struct Delivered(::stateguard::__private::Seal);
    #[automatically_derived]
    impl ::core::fmt::Debug for Delivered {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("Delivered")
        }
    }
    ///State `Cancelled` of [`Order`]. Terminal: no transition leads out of it.
    pub struct Cancelled {
        reason: String,
        __guard_seal: ::stateguard::__private::Seal,
    }
    #[automatically_derived]
    impl ::core::fmt::Debug for Cancelled {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.debug_struct("Cancelled").field("reason", &self.reason).finish()
        }
    }
    /**The machine [`Order`] in any of its states, for storage and `match`. Convert with `From`/`TryFrom`; stored data comes back only through [`OrderState::restore`], which re-checks every invariant.

```mermaid
stateDiagram-v2
    [*] --> Pending
    Pending --> Paid: pay
    Pending --> Cancelled: cancel
    Paid --> Shipped: ship
    Paid --> Cancelled: cancel
    Shipped --> Delivered: deliver
    Delivered --> [*]
    Cancelled --> [*]
```

<script type="module">const blocks=[...document.querySelectorAll('pre.language-mermaid:not([data-stateguard])')];blocks.forEach(b=>b.setAttribute('data-stateguard',''));if(blocks.length){import('https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs').then(async({default:m})=>{const dark=['dark','ayu'].includes(document.documentElement.dataset.theme);m.initialize({startOnLoad:false,theme:dark?'dark':'default'});for(const b of blocks){const d=document.createElement('div');d.className='mermaid';d.textContent=b.textContent;b.style.display='none';b.after(d);try{await m.run({nodes:[d]});}catch(e){d.remove();b.style.display='';}}}).catch(()=>{});}</script>
*/
    #[derive(Debug)]
    pub enum OrderState<T> {
        ///A machine in state [`Pending`].
        Pending(Order<T, Pending>),
        ///A machine in state [`Paid`].
        Paid(Order<T, Paid>),
        ///A machine in state [`Shipped`].
        Shipped(Order<T, Shipped>),
        ///A machine in state [`Delivered`].
        Delivered(Order<T, Delivered>),
        ///A machine in state [`Cancelled`].
        Cancelled(Order<T, Cancelled>),
    }
    ///Plain data of the machine [`Order`] in a named state: what storage holds. Anyone can build one; the only way back to a machine is [`OrderState::restore`], which checks it.
    #[derive(Debug)]
    pub enum OrderRecord<T> {
        ///The stored data of a machine in state [`Pending`].
        Pending { #[allow(missing_docs)] id: u64, #[allow(missing_docs)] items: Vec<T> },
        ///The stored data of a machine in state [`Paid`].
        Paid {
            #[allow(missing_docs)]
            id: u64,
            #[allow(missing_docs)]
            items: Vec<T>,
            #[allow(missing_docs)]
            payment_ref: String,
        },
        ///The stored data of a machine in state [`Shipped`].
        Shipped {
            #[allow(missing_docs)]
            id: u64,
            #[allow(missing_docs)]
            items: Vec<T>,
            #[allow(missing_docs)]
            field_0: String,
        },
        ///The stored data of a machine in state [`Delivered`].
        Delivered {
            #[allow(missing_docs)]
            id: u64,
            #[allow(missing_docs)]
            items: Vec<T>,
        },
        ///The stored data of a machine in state [`Cancelled`].
        Cancelled {
            #[allow(missing_docs)]
            id: u64,
            #[allow(missing_docs)]
            items: Vec<T>,
            #[allow(missing_docs)]
            reason: String,
        },
    }
    #[allow(dead_code)]
    impl<T> OrderState<T> {
        /// The state graph as Mermaid `stateDiagram-v2` text.
        pub const MERMAID: &'static str = "stateDiagram-v2\n    [*] --> Pending\n    Pending --> Paid: pay\n    Pending --> Cancelled: cancel\n    Paid --> Shipped: ship\n    Paid --> Cancelled: cancel\n    Shipped --> Delivered: deliver\n    Delivered --> [*]\n    Cancelled --> [*]\n";
        /// Every state's name, in declaration order.
        pub const STATES: &'static [&'static str] = &[
            "Pending",
            "Paid",
            "Shipped",
            "Delivered",
            "Cancelled",
        ];
        /// The name of the state the machine is in, such as `"Shipped"`.
        #[must_use]
        #[inline]
        pub fn state_name(&self) -> &'static str {
            match self {
                Self::Pending(_) => "Pending",
                Self::Paid(_) => "Paid",
                Self::Shipped(_) => "Shipped",
                Self::Delivered(_) => "Delivered",
                Self::Cancelled(_) => "Cancelled",
            }
        }
        /// The plain data of the machine, for storage; [`Self::restore`] turns it back.
        #[must_use]
        #[inline]
        pub fn into_record(self) -> OrderRecord<T> {
            match self {
                Self::Pending(Order { id, items, state: Pending(..) }) => {
                    OrderRecord::Pending { id, items }
                }
                Self::Paid(Order { id, items, state: Paid { payment_ref, .. } }) => {
                    OrderRecord::Paid {
                        id,
                        items,
                        payment_ref,
                    }
                }
                Self::Shipped(Order { id, items, state: Shipped(field_0, ..) }) => {
                    OrderRecord::Shipped {
                        id,
                        items,
                        field_0,
                    }
                }
                Self::Delivered(Order { id, items, state: Delivered(..) }) => {
                    OrderRecord::Delivered {
                        id,
                        items,
                    }
                }
                Self::Cancelled(Order { id, items, state: Cancelled { reason, .. } }) => {
                    OrderRecord::Cancelled {
                        id,
                        items,
                        reason,
                    }
                }
            }
        }
        ///The one way from stored data back to a machine: rebuilds the [`Order`] in the record's state after re-checking the invariants of the machine's and the state's data.
        ///
        /// # Errors
        ///
        /// `RestoreError::Invalid` with every violation when the data breaks an invariant.
        #[inline]
        pub fn restore(
            record: OrderRecord<T>,
        ) -> ::core::result::Result<Self, ::stateguard::RestoreError>
        where
            Shipped: ::stateguard::Invariant,
        {
            match record {
                OrderRecord::Pending { id, items } => {
                    ::core::result::Result::Ok(
                        Self::Pending(Order {
                            id,
                            items,
                            state: Pending(::stateguard::__private::Seal::NEW),
                        }),
                    )
                }
                OrderRecord::Paid { id, items, payment_ref } => {
                    ::core::result::Result::Ok(
                        Self::Paid(Order {
                            id,
                            items,
                            state: Paid {
                                payment_ref,
                                __guard_seal: ::stateguard::__private::Seal::NEW,
                            },
                        }),
                    )
                }
                OrderRecord::Shipped { id, items, field_0 } => {
                    let machine = Order {
                        id,
                        items,
                        state: Shipped(field_0, ::stateguard::__private::Seal::NEW),
                    };
                    let mut violations = ::stateguard::Violations::new();
                    ::stateguard::Invariant::check_at(
                        &machine.state,
                        &::stateguard::Location::root().variant("Shipped"),
                        &mut violations,
                    );
                    match violations.into_result() {
                        ::core::result::Result::Ok(()) => {
                            ::core::result::Result::Ok(Self::Shipped(machine))
                        }
                        ::core::result::Result::Err(violations) => {
                            ::core::result::Result::Err(
                                ::stateguard::RestoreError::Invalid(violations),
                            )
                        }
                    }
                }
                OrderRecord::Delivered { id, items } => {
                    ::core::result::Result::Ok(
                        Self::Delivered(Order {
                            id,
                            items,
                            state: Delivered(::stateguard::__private::Seal::NEW),
                        }),
                    )
                }
                OrderRecord::Cancelled { id, items, reason } => {
                    ::core::result::Result::Ok(
                        Self::Cancelled(Order {
                            id,
                            items,
                            state: Cancelled {
                                reason,
                                __guard_seal: ::stateguard::__private::Seal::NEW,
                            },
                        }),
                    )
                }
            }
        }
    }
    trait __GuardOrderErase<T>: OrderStateType + ::core::marker::Sized {
        /// The machine, erased into its state's variant.
        fn __guard_into_erased(machine: Order<T, Self>) -> OrderState<T>;
        /// The machine back, when the erased one is in this state.
        ///
        /// # Errors
        ///
        /// The erased machine, untouched, when it is in another state.
        fn __guard_from_erased(
            erased: OrderState<T>,
        ) -> ::core::result::Result<Order<T, Self>, OrderState<T>>;
    }
    #[automatically_derived]
    impl<T> __GuardOrderErase<T> for Pending {
        #[inline]
        fn __guard_into_erased(machine: Order<T, Self>) -> OrderState<T> {
            OrderState::Pending(machine)
        }
        #[inline]
        #[allow(unreachable_patterns)]
        fn __guard_from_erased(
            erased: OrderState<T>,
        ) -> ::core::result::Result<Order<T, Self>, OrderState<T>> {
            match erased {
                OrderState::Pending(machine) => ::core::result::Result::Ok(machine),
                other => ::core::result::Result::Err(other),
            }
        }
    }
    #[automatically_derived]
    impl<T> __GuardOrderErase<T> for Paid {
        #[inline]
        fn __guard_into_erased(machine: Order<T, Self>) -> OrderState<T> {
            OrderState::Paid(machine)
        }
        #[inline]
        #[allow(unreachable_patterns)]
        fn __guard_from_erased(
            erased: OrderState<T>,
        ) -> ::core::result::Result<Order<T, Self>, OrderState<T>> {
            match erased {
                OrderState::Paid(machine) => ::core::result::Result::Ok(machine),
                other => ::core::result::Result::Err(other),
            }
        }
    }
    #[automatically_derived]
    impl<T> __GuardOrderErase<T> for Shipped {
        #[inline]
        fn __guard_into_erased(machine: Order<T, Self>) -> OrderState<T> {
            OrderState::Shipped(machine)
        }
        #[inline]
        #[allow(unreachable_patterns)]
        fn __guard_from_erased(
            erased: OrderState<T>,
        ) -> ::core::result::Result<Order<T, Self>, OrderState<T>> {
            match erased {
                OrderState::Shipped(machine) => ::core::result::Result::Ok(machine),
                other => ::core::result::Result::Err(other),
            }
        }
    }
    #[automatically_derived]
    impl<T> __GuardOrderErase<T> for Delivered {
        #[inline]
        fn __guard_into_erased(machine: Order<T, Self>) -> OrderState<T> {
            OrderState::Delivered(machine)
        }
        #[inline]
        #[allow(unreachable_patterns)]
        fn __guard_from_erased(
            erased: OrderState<T>,
        ) -> ::core::result::Result<Order<T, Self>, OrderState<T>> {
            match erased {
                OrderState::Delivered(machine) => ::core::result::Result::Ok(machine),
                other => ::core::result::Result::Err(other),
            }
        }
    }
    #[automatically_derived]
    impl<T> __GuardOrderErase<T> for Cancelled {
        #[inline]
        fn __guard_into_erased(machine: Order<T, Self>) -> OrderState<T> {
            OrderState::Cancelled(machine)
        }
        #[inline]
        #[allow(unreachable_patterns)]
        fn __guard_from_erased(
            erased: OrderState<T>,
        ) -> ::core::result::Result<Order<T, Self>, OrderState<T>> {
            match erased {
                OrderState::Cancelled(machine) => ::core::result::Result::Ok(machine),
                other => ::core::result::Result::Err(other),
            }
        }
    }
    #[automatically_derived]
    #[allow(private_bounds)]
    impl<T, S: __GuardOrderErase<T>> ::core::convert::From<Order<T, S>>
    for OrderState<T> {
        #[inline]
        fn from(machine: Order<T, S>) -> Self {
            <S as __GuardOrderErase<T>>::__guard_into_erased(machine)
        }
    }
    #[automatically_derived]
    #[allow(private_bounds)]
    impl<T, S: __GuardOrderErase<T>> ::core::convert::TryFrom<OrderState<T>>
    for Order<T, S> {
        /// The erased machine, untouched, when it is in another state.
        type Error = OrderState<T>;
        #[inline]
        fn try_from(erased: OrderState<T>) -> ::core::result::Result<Self, Self::Error> {
            <S as __GuardOrderErase<T>>::__guard_from_erased(erased)
        }
    }
    #[allow(dead_code)]
    impl<T> OrderState<T> {
        ///Transition `pay` on a machine in any state: allowed from `Pending`, into `Paid`.
        ///
        /// # Errors
        ///
        ///`TransitionError::NotAllowed` with the machine when its state has no such transition.
        pub fn pay(
            self,
            payment_ref: String,
        ) -> ::core::result::Result<Self, ::stateguard::TransitionError<Self>> {
            #[allow(unreachable_patterns)]
            match self {
                Self::Pending(machine) => {
                    ::core::result::Result::Ok(Self::Paid(machine.pay(payment_ref)))
                }
                other => {
                    let from = other.state_name();
                    ::core::result::Result::Err(::stateguard::TransitionError::NotAllowed {
                        machine: other,
                        transition: "pay",
                        from,
                        allowed_from: &["Pending"],
                    })
                }
            }
        }
        ///Transition `cancel` on a machine in any state: allowed from `Pending`, `Paid`, into `Cancelled`.
        ///
        /// # Errors
        ///
        ///`TransitionError::NotAllowed` with the machine when its state has no such transition.
        pub fn cancel(
            self,
            reason: String,
        ) -> ::core::result::Result<Self, ::stateguard::TransitionError<Self>> {
            #[allow(unreachable_patterns)]
            match self {
                Self::Pending(machine) => {
                    ::core::result::Result::Ok(Self::Cancelled(machine.cancel(reason)))
                }
                Self::Paid(machine) => {
                    ::core::result::Result::Ok(Self::Cancelled(machine.cancel(reason)))
                }
                other => {
                    let from = other.state_name();
                    ::core::result::Result::Err(::stateguard::TransitionError::NotAllowed {
                        machine: other,
                        transition: "cancel",
                        from,
                        allowed_from: &["Pending", "Paid"],
                    })
                }
            }
        }
        ///Transition `ship` on a machine in any state: allowed from `Paid`, into `Shipped`.
        ///
        /// # Errors
        ///
        ///`TransitionError::NotAllowed` with the machine when its state has no such transition; `TransitionError::Rejected` with the machine and the violations (paths relative to the arguments) when the new data breaks the invariants of `Shipped`.
        pub fn ship(
            self,
            field_0: String,
        ) -> ::core::result::Result<Self, ::stateguard::TransitionError<Self>>
        where
            Shipped: ::stateguard::Invariant,
        {
            #[allow(unreachable_patterns)]
            match self {
                Self::Paid(machine) => {
                    match machine.ship(field_0) {
                        ::core::result::Result::Ok(next) => {
                            ::core::result::Result::Ok(Self::Shipped(next))
                        }
                        ::core::result::Result::Err(rejected) => {
                            ::core::result::Result::Err(
                                ::stateguard::TransitionError::Rejected(::stateguard::Rejected {
                                    machine: Self::Paid(rejected.machine),
                                    violations: rejected
                                        .violations
                                        .relative_to(
                                            &::stateguard::Location::root().variant("Shipped"),
                                        ),
                                }),
                            )
                        }
                    }
                }
                other => {
                    let from = other.state_name();
                    ::core::result::Result::Err(::stateguard::TransitionError::NotAllowed {
                        machine: other,
                        transition: "ship",
                        from,
                        allowed_from: &["Paid"],
                    })
                }
            }
        }
        ///Transition `deliver` on a machine in any state: allowed from `Shipped`, into `Delivered`.
        ///
        /// # Errors
        ///
        ///`TransitionError::NotAllowed` with the machine when its state has no such transition.
        pub fn deliver(
            self,
        ) -> ::core::result::Result<Self, ::stateguard::TransitionError<Self>> {
            #[allow(unreachable_patterns)]
            match self {
                Self::Shipped(machine) => {
                    ::core::result::Result::Ok(Self::Delivered(machine.deliver()))
                }
                other => {
                    let from = other.state_name();
                    ::core::result::Result::Err(::stateguard::TransitionError::NotAllowed {
                        machine: other,
                        transition: "deliver",
                        from,
                        allowed_from: &["Shipped"],
                    })
                }
            }
        }
        ///The machine's `id`, whatever its state.
        #[must_use]
        #[inline]
        pub fn id(&self) -> &u64 {
            match self {
                Self::Pending(machine) => machine.id(),
                Self::Paid(machine) => machine.id(),
                Self::Shipped(machine) => machine.id(),
                Self::Delivered(machine) => machine.id(),
                Self::Cancelled(machine) => machine.id(),
            }
        }
        ///The machine's `items`, whatever its state.
        #[must_use]
        #[inline]
        pub fn items(&self) -> &Vec<T> {
            match self {
                Self::Pending(machine) => machine.items(),
                Self::Paid(machine) => machine.items(),
                Self::Shipped(machine) => machine.items(),
                Self::Delivered(machine) => machine.items(),
                Self::Cancelled(machine) => machine.items(),
            }
        }
    }
    #[allow(dead_code)]
    impl<T> OrderRecord<T> {
        /// The name of the state the record is in, such as `"Shipped"`.
        #[must_use]
        pub fn state_name(&self) -> &'static str {
            match self {
                Self::Pending { .. } => "Pending",
                Self::Paid { .. } => "Paid",
                Self::Shipped { .. } => "Shipped",
                Self::Delivered { .. } => "Delivered",
                Self::Cancelled { .. } => "Cancelled",
            }
        }
    }
    ::stateguard::__private::if_serde! {
        #[automatically_derived] impl < T > ::stateguard::__private::serde::Serialize for
        OrderRecord < T > where T : ::stateguard::__private::serde::Serialize { fn
        serialize < __S : ::stateguard::__private::serde::Serializer > (& self,
        serializer : __S) -> ::core::result::Result < __S::Ok, __S::Error > { match self
        { Self::Pending { id, items, } => { use
        ::stateguard::__private::serde::ser::SerializeStructVariant as __Serialize; let
        mut out =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderRecord", 0u32, "Pending", 2usize) ?; __Serialize::serialize_field(& mut
        out, "id", id) ?; __Serialize::serialize_field(& mut out, "items", items) ?;
        __Serialize::end(out) } Self::Paid { id, items, payment_ref } => { use
        ::stateguard::__private::serde::ser::SerializeStructVariant as __Serialize; let
        mut out =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderRecord", 1u32, "Paid", 3usize) ?; __Serialize::serialize_field(& mut out,
        "id", id) ?; __Serialize::serialize_field(& mut out, "items", items) ?;
        __Serialize::serialize_field(& mut out, "payment_ref", payment_ref) ?;
        __Serialize::end(out) } Self::Shipped { id, items, field_0 } => { use
        ::stateguard::__private::serde::ser::SerializeStructVariant as __Serialize; let
        mut out =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderRecord", 2u32, "Shipped", 3usize) ?; __Serialize::serialize_field(& mut
        out, "id", id) ?; __Serialize::serialize_field(& mut out, "items", items) ?;
        __Serialize::serialize_field(& mut out, "field_0", field_0) ?;
        __Serialize::end(out) } Self::Delivered { id, items, } => { use
        ::stateguard::__private::serde::ser::SerializeStructVariant as __Serialize; let
        mut out =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderRecord", 3u32, "Delivered", 2usize) ?; __Serialize::serialize_field(& mut
        out, "id", id) ?; __Serialize::serialize_field(& mut out, "items", items) ?;
        __Serialize::end(out) } Self::Cancelled { id, items, reason } => { use
        ::stateguard::__private::serde::ser::SerializeStructVariant as __Serialize; let
        mut out =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderRecord", 4u32, "Cancelled", 3usize) ?; __Serialize::serialize_field(& mut
        out, "id", id) ?; __Serialize::serialize_field(& mut out, "items", items) ?;
        __Serialize::serialize_field(& mut out, "reason", reason) ?;
        __Serialize::end(out) } } } } #[doc(hidden)]
        #[derive(::stateguard::__private::serde::Deserialize)] #[serde(crate =
        "::stateguard::__private::serde", rename = "OrderRecord", deny_unknown_fields)]
        enum __GuardOrderRecordSerde < T > { Pending { id : u64, items : Vec < T >, },
        Paid { id : u64, items : Vec < T >, payment_ref : String, }, Shipped { id : u64,
        items : Vec < T >, field_0 : String, }, Delivered { id : u64, items : Vec < T >,
        }, Cancelled { id : u64, items : Vec < T >, reason : String, }, }
        #[automatically_derived] #[allow(private_bounds)] impl < 'de, T >
        ::stateguard::__private::serde::Deserialize < 'de > for OrderRecord < T > where
        __GuardOrderRecordSerde < T > : ::stateguard::__private::serde::Deserialize < 'de
        > { fn deserialize < __D : ::stateguard::__private::serde::Deserializer < 'de >>
        (deserializer : __D) -> ::core::result::Result < Self, __D::Error > {
        ::core::result::Result::Ok(match < __GuardOrderRecordSerde < T > as
        ::stateguard::__private::serde::Deserialize < 'de >> ::deserialize(deserializer)
        ? { __GuardOrderRecordSerde::Pending { id, items, } => Self::Pending { id, items,
        }, __GuardOrderRecordSerde::Paid { id, items, payment_ref } => Self::Paid { id,
        items, payment_ref }, __GuardOrderRecordSerde::Shipped { id, items, field_0 } =>
        Self::Shipped { id, items, field_0 }, __GuardOrderRecordSerde::Delivered { id,
        items, } => Self::Delivered { id, items, }, __GuardOrderRecordSerde::Cancelled {
        id, items, reason } => Self::Cancelled { id, items, reason }, }) } }
    }
    #[doc(hidden)]
    #[allow(non_upper_case_globals, dead_code)]
    pub const OrderState: ::stateguard::__private::enforce::Table = ::stateguard::__private::enforce::Table {
        enum_name: "OrderState",
        variants: &[
            ::stateguard::__private::enforce::RequiredVariant {
                name: "Pending",
                shape: ::stateguard::__private::enforce::VariantShape::Tuple,
                fields: &["0"],
                required: &["0"],
                bindings: &["order"],
            },
            ::stateguard::__private::enforce::RequiredVariant {
                name: "Paid",
                shape: ::stateguard::__private::enforce::VariantShape::Tuple,
                fields: &["0"],
                required: &["0"],
                bindings: &["order"],
            },
            ::stateguard::__private::enforce::RequiredVariant {
                name: "Shipped",
                shape: ::stateguard::__private::enforce::VariantShape::Tuple,
                fields: &["0"],
                required: &["0"],
                bindings: &["order"],
            },
            ::stateguard::__private::enforce::RequiredVariant {
                name: "Delivered",
                shape: ::stateguard::__private::enforce::VariantShape::Tuple,
                fields: &["0"],
                required: &["0"],
                bindings: &["order"],
            },
            ::stateguard::__private::enforce::RequiredVariant {
                name: "Cancelled",
                shape: ::stateguard::__private::enforce::VariantShape::Tuple,
                fields: &["0"],
                required: &["0"],
                bindings: &["order"],
            },
        ],
    };
    #[automatically_derived]
    impl<T> ::stateguard::__private::enforce::RequiredFields for OrderState<T> {
        const ENUM_NAME: &'static str = OrderState.enum_name;
        const REQUIRED: &'static [::stateguard::__private::enforce::RequiredVariant] = OrderState
            .variants;
    }
    ::stateguard::__private::if_serde! {
        #[automatically_derived] impl < T > ::stateguard::__private::serde::Serialize for
        OrderState < T > where T : ::stateguard::__private::serde::Serialize { fn
        serialize < __S : ::stateguard::__private::serde::Serializer > (& self,
        serializer : __S,) -> ::core::result::Result < __S::Ok, __S::Error > { match self
        { Self::Pending(machine) => { let mut variant =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderState", 0u32, "Pending", 2usize,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "id", & machine.id,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "items", & machine.items,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::end(variant) }
        Self::Paid(machine) => { let mut variant =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderState", 1u32, "Paid", 3usize,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "id", & machine.id,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "items", & machine.items,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "payment_ref", & machine.state.payment_ref,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::end(variant) }
        Self::Shipped(machine) => { let mut variant =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderState", 2u32, "Shipped", 3usize,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "id", & machine.id,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "items", & machine.items,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "field_0", & machine.state.0,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::end(variant) }
        Self::Delivered(machine) => { let mut variant =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderState", 3u32, "Delivered", 2usize,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "id", & machine.id,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "items", & machine.items,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::end(variant) }
        Self::Cancelled(machine) => { let mut variant =
        ::stateguard::__private::serde::Serializer::serialize_struct_variant(serializer,
        "OrderState", 4u32, "Cancelled", 3usize,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "id", & machine.id,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "items", & machine.items,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::serialize_field(&
        mut variant, "reason", & machine.state.reason,) ?;
        ::stateguard::__private::serde::ser::SerializeStructVariant::end(variant) } } } }
        #[derive(::stateguard::__private::serde::Deserialize)] #[serde(crate =
        "::stateguard::__private::serde", rename = "OrderState", deny_unknown_fields)]
        enum __GuardOrderSerde < T > { Pending { id : u64, items : Vec < T >, }, Paid {
        id : u64, items : Vec < T >, payment_ref : String, }, Shipped { id : u64, items :
        Vec < T >, field_0 : String, }, Delivered { id : u64, items : Vec < T >, },
        Cancelled { id : u64, items : Vec < T >, reason : String, }, }
        #[automatically_derived] #[allow(private_bounds)] impl < 'de, T >
        ::stateguard::__private::serde::Deserialize < 'de > for OrderState < T > where
        __GuardOrderSerde < T > : ::stateguard::__private::serde::Deserialize < 'de >,
        Shipped : ::stateguard::Invariant { fn deserialize < __D :
        ::stateguard::__private::serde::Deserializer < 'de >> (deserializer : __D,) ->
        ::core::result::Result < Self, __D::Error > { let raw = < __GuardOrderSerde < T >
        as ::stateguard::__private::serde::Deserialize < 'de >>
        ::deserialize(deserializer) ?; let record = match raw {
        __GuardOrderSerde::Pending { id, items, } => { OrderRecord::Pending { id, items,
        } } __GuardOrderSerde::Paid { id, items, payment_ref } => { OrderRecord::Paid {
        id, items, payment_ref } } __GuardOrderSerde::Shipped { id, items, field_0 } => {
        OrderRecord::Shipped { id, items, field_0 } } __GuardOrderSerde::Delivered { id,
        items, } => { OrderRecord::Delivered { id, items, } }
        __GuardOrderSerde::Cancelled { id, items, reason } => { OrderRecord::Cancelled {
        id, items, reason } } }; Self::restore(record).map_err(< __D::Error as
        ::stateguard::__private::serde::de::Error > ::custom) } }
    }
    ::stateguard::__private::if_serde! {
        #[doc =
        "The arguments of the transition `pay` (`OrderState::pay`), as a request body carries them; `stateguard::Transition::apply` calls it."]
        #[derive(::stateguard::__private::serde::Deserialize)] #[serde(crate =
        "::stateguard::__private::serde", deny_unknown_fields)] pub struct
        OrderPayArguments { #[doc = "The `payment_ref` argument."] pub payment_ref :
        String, } #[automatically_derived] impl ::core::fmt::Debug for OrderPayArguments
        where for < '__guard > String : ::core::fmt::Debug, { fn fmt(& self, f : & mut
        ::core::fmt::Formatter < '_ >) -> ::core::fmt::Result { f
        .debug_struct("OrderPayArguments").field("payment_ref", & self.payment_ref)
        .finish() } } #[automatically_derived] impl < T > ::stateguard::Transition <
        OrderState < T > > for OrderPayArguments where { const NAME : & 'static
        ::core::primitive::str = "pay"; fn apply(self, machine : OrderState < T >,) ->
        ::core::result::Result < OrderState < T >, ::stateguard::TransitionError <
        OrderState < T > >> { machine.pay(self.payment_ref) } } #[doc =
        "The arguments of the transition `cancel` (`OrderState::cancel`), as a request body carries them; `stateguard::Transition::apply` calls it."]
        #[derive(::stateguard::__private::serde::Deserialize)] #[serde(crate =
        "::stateguard::__private::serde", deny_unknown_fields)] pub struct
        OrderCancelArguments { #[doc = "The `reason` argument."] pub reason : String, }
        #[automatically_derived] impl ::core::fmt::Debug for OrderCancelArguments where
        for < '__guard > String : ::core::fmt::Debug, { fn fmt(& self, f : & mut
        ::core::fmt::Formatter < '_ >) -> ::core::fmt::Result { f
        .debug_struct("OrderCancelArguments").field("reason", & self.reason).finish() } }
        #[automatically_derived] impl < T > ::stateguard::Transition < OrderState < T > >
        for OrderCancelArguments where { const NAME : & 'static ::core::primitive::str =
        "cancel"; fn apply(self, machine : OrderState < T >,) -> ::core::result::Result <
        OrderState < T >, ::stateguard::TransitionError < OrderState < T > >> { machine
        .cancel(self.reason) } } #[doc =
        "The arguments of the transition `ship` (`OrderState::ship`), as a request body carries them; `stateguard::Transition::apply` calls it."]
        #[derive(::stateguard::__private::serde::Deserialize)] #[serde(crate =
        "::stateguard::__private::serde", deny_unknown_fields)] pub struct
        OrderShipArguments { #[doc = "The `field_0` argument."] pub field_0 : String, }
        #[automatically_derived] impl ::core::fmt::Debug for OrderShipArguments where for
        < '__guard > String : ::core::fmt::Debug, { fn fmt(& self, f : & mut
        ::core::fmt::Formatter < '_ >) -> ::core::fmt::Result { f
        .debug_struct("OrderShipArguments").field("field_0", & self.field_0).finish() } }
        #[automatically_derived] impl < T > ::stateguard::Transition < OrderState < T > >
        for OrderShipArguments where Shipped : ::stateguard::Invariant, { const NAME : &
        'static ::core::primitive::str = "ship"; fn apply(self, machine : OrderState < T
        >,) -> ::core::result::Result < OrderState < T >, ::stateguard::TransitionError <
        OrderState < T > >> { machine.ship(self.field_0) } } #[doc =
        "The arguments of the transition `deliver` (`OrderState::deliver`), as a request body carries them; `stateguard::Transition::apply` calls it."]
        #[derive(::stateguard::__private::serde::Deserialize)] #[serde(crate =
        "::stateguard::__private::serde", deny_unknown_fields)] pub struct
        OrderDeliverArguments {} #[automatically_derived] impl ::core::fmt::Debug for
        OrderDeliverArguments where { fn fmt(& self, f : & mut ::core::fmt::Formatter <
        '_ >) -> ::core::fmt::Result { f.debug_struct("OrderDeliverArguments").finish() }
        } #[automatically_derived] impl < T > ::stateguard::Transition < OrderState < T >
        > for OrderDeliverArguments where { const NAME : & 'static ::core::primitive::str
        = "deliver"; fn apply(self, machine : OrderState < T >,) ->
        ::core::result::Result < OrderState < T >, ::stateguard::TransitionError <
        OrderState < T > >> { machine.deliver() } }
    }
    mod __guard_sealed {
        #[diagnostic::on_unimplemented(
            message = "[G0117] `{Self}` is not a state of `Order`: the states of a machine are sealed",
            label = "not a state of `Order`",
            note = "remove this impl: the states of `Order` are exactly the variants of its `#[states]` enum `OrderState` (a new state is a new variant there, with a transition to it)",
        )]
        pub trait Sealed {}
    }
    ///The states of [`Order`]: implemented by each state type, sealed so no other type can be one.
    pub trait OrderStateType: __guard_sealed::Sealed {
        /// The state's name as declared, such as `"Shipped"`.
        const NAME: &'static str;
    }
    #[automatically_derived]
    impl __guard_sealed::Sealed for Pending {}
    #[automatically_derived]
    impl OrderStateType for Pending {
        const NAME: &'static str = "Pending";
    }
    #[automatically_derived]
    impl __guard_sealed::Sealed for Paid {}
    #[automatically_derived]
    impl OrderStateType for Paid {
        const NAME: &'static str = "Paid";
    }
    #[automatically_derived]
    impl __guard_sealed::Sealed for Shipped {}
    #[automatically_derived]
    impl OrderStateType for Shipped {
        const NAME: &'static str = "Shipped";
    }
    #[automatically_derived]
    impl __guard_sealed::Sealed for Delivered {}
    #[automatically_derived]
    impl OrderStateType for Delivered {
        const NAME: &'static str = "Delivered";
    }
    #[automatically_derived]
    impl __guard_sealed::Sealed for Cancelled {}
    #[automatically_derived]
    impl OrderStateType for Cancelled {
        const NAME: &'static str = "Cancelled";
    }
    #[allow(non_camel_case_types, non_snake_case, dead_code)]
    mod __guard_order {
        pub mod transition {
            pub enum pay {}
            pub enum cancel {}
            pub enum ship {}
            pub enum deliver {}
        }
        pub mod field {
            pub enum payment_ref {}
            pub enum shipped {}
            pub enum reason {}
        }
        pub mod OrderTransition {
            #[diagnostic::on_unimplemented(
                message = "[G0115] `Order` in state `{Self}` has no transition `pay`, which only `Pending` has",
                label = "`{Self}` has no `pay`; `Pending` has",
                note = "from `Paid`, `Shipped`, `Delivered` or `Cancelled` no transition leads to a state with `pay`",
                note = "only to let `{Self}` itself do it, a change to the graph: add `pay => Paid` to the `#[to(..)]` of `{Self}`",
            )]
            pub trait pay {}
            #[diagnostic::on_unimplemented(
                message = "[G0115] `Order` in state `{Self}` has no transition `cancel`, which only `Pending` and `Paid` has",
                label = "`{Self}` has no `cancel`; `Pending` and `Paid` has",
                note = "from `Shipped`, `Delivered` or `Cancelled` no transition leads to a state with `cancel`",
                note = "only to let `{Self}` itself do it, a change to the graph: add `cancel => Cancelled` to the `#[to(..)]` of `{Self}`",
            )]
            pub trait cancel {}
            #[diagnostic::on_unimplemented(
                message = "[G0115] `Order` in state `{Self}` has no transition `ship`: from `Pending`, call `.pay(payment_ref)` first: `Paid` has `ship`",
                label = "`{Self}` has no `ship`; `Paid` has",
                note = "from `Shipped`, `Delivered` or `Cancelled` no transition leads to a state with `ship`",
                note = "only to let `{Self}` itself do it, a change to the graph: add `ship => Shipped` to the `#[to(..)]` of `{Self}`",
            )]
            pub trait ship {}
            #[diagnostic::on_unimplemented(
                message = "[G0115] `Order` in state `{Self}` has no transition `deliver`: from `Paid`, call `.ship(shipped)` first: `Shipped` has `deliver`",
                label = "`{Self}` has no `deliver`; `Shipped` has",
                note = "from `Pending`, call `.pay(payment_ref)` then `.ship(shipped)` first: `Shipped` has `deliver`",
                note = "from `Delivered` or `Cancelled` no transition leads to a state with `deliver`",
                note = "only to let `{Self}` itself do it, a change to the graph: add `deliver => Delivered` to the `#[to(..)]` of `{Self}`",
            )]
            pub trait deliver {}
        }
        #[diagnostic::on_unimplemented(
            message = "[G0116] `Order` in state `{Self}` has no field `{F}`: `{Self}` does not carry it",
            label = "only a state that carries `{F}` has this getter",
            note = "the states carrying a field are the `OrderField<..>` implementations listed below; match on the erased enum or move the machine to such a state first",
        )]
        pub trait OrderField<F, V: ?::core::marker::Sized> {
            fn __guard_get(&self) -> &V;
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __guard_order::OrderTransition::pay for Pending {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __guard_order::OrderTransition::cancel for Pending {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __guard_order::OrderTransition::ship for Paid {}
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __guard_order::OrderTransition::cancel for Paid {}
    #[automatically_derived]
    impl __guard_order::OrderField<__guard_order::field::payment_ref, String> for Paid {
        #[inline]
        fn __guard_get(&self) -> &String {
            &self.payment_ref
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __guard_order::OrderTransition::deliver for Shipped {}
    #[automatically_derived]
    impl __guard_order::OrderField<__guard_order::field::shipped, String> for Shipped {
        #[inline]
        fn __guard_get(&self) -> &String {
            &self.0
        }
    }
    #[automatically_derived]
    impl __guard_order::OrderField<__guard_order::field::reason, String> for Cancelled {
        #[inline]
        fn __guard_get(&self) -> &String {
            &self.reason
        }
    }
    #[allow(dead_code, private_bounds)]
    impl<T, S: OrderStateType> Order<T, S> {
        ///The machine's `id`, whatever its state.
        #[must_use]
        pub fn id(&self) -> &u64 {
            &self.id
        }
        ///The machine's `items`, whatever its state.
        #[must_use]
        pub fn items(&self) -> &Vec<T> {
            &self.items
        }
        /// The state's own data (`&`; state data never changes in place).
        #[must_use]
        pub fn state(&self) -> &S {
            &self.state
        }
        /// The name of the state the machine is in, such as `"Shipped"`.
        #[must_use]
        pub fn state_name(&self) -> &'static str {
            <S as OrderStateType>::NAME
        }
        ///The `payment_ref` of the state; available in state `Paid` only.
        #[must_use]
        pub fn payment_ref(&self) -> &String
        where
            S: __guard_order::OrderField<__guard_order::field::payment_ref, String>,
        {
            __guard_order::OrderField::<
                __guard_order::field::payment_ref,
                String,
            >::__guard_get(&self.state)
        }
        ///Field 0 of the state's data; available in state `Shipped` only.
        #[must_use]
        pub fn shipped(&self) -> &String
        where
            S: __guard_order::OrderField<__guard_order::field::shipped, String>,
        {
            __guard_order::OrderField::<
                __guard_order::field::shipped,
                String,
            >::__guard_get(&self.state)
        }
        ///The `reason` of the state; available in state `Cancelled` only.
        #[must_use]
        pub fn reason(&self) -> &String
        where
            S: __guard_order::OrderField<__guard_order::field::reason, String>,
        {
            __guard_order::OrderField::<
                __guard_order::field::reason,
                String,
            >::__guard_get(&self.state)
        }
        ///Transition `pay`: from [`Pending`] to [`Paid`], whose data are the arguments.
        #[must_use = "a transition consumes the machine and returns it in the new state"]
        pub fn pay(self, payment_ref: String) -> Order<T, Paid>
        where
            S: __guard_order::OrderTransition::pay,
        {
            let state = Paid {
                payment_ref,
                __guard_seal: ::stateguard::__private::Seal::NEW,
            };
            Order {
                id: self.id,
                items: self.items,
                state,
            }
        }
        ///Transition `cancel`: from [`Pending`], [`Paid`] to [`Cancelled`], whose data are the arguments.
        #[must_use = "a transition consumes the machine and returns it in the new state"]
        pub fn cancel(self, reason: String) -> Order<T, Cancelled>
        where
            S: __guard_order::OrderTransition::cancel,
        {
            let state = Cancelled {
                reason,
                __guard_seal: ::stateguard::__private::Seal::NEW,
            };
            Order {
                id: self.id,
                items: self.items,
                state,
            }
        }
        ///Transition `ship`: from [`Paid`] to [`Shipped`], whose data are the arguments.
        ///
        /**# Errors

When the new `Shipped` data breaks its invariants: the machine comes back unchanged in a `Rejected`, with every violation.*/
        pub fn ship(
            self,
            field_0: String,
        ) -> ::core::result::Result<Order<T, Shipped>, ::stateguard::Rejected<Self>>
        where
            S: __guard_order::OrderTransition::ship,
            Shipped: ::stateguard::Invariant,
        {
            let state = Shipped(field_0, ::stateguard::__private::Seal::NEW);
            let mut violations = ::stateguard::Violations::new();
            ::stateguard::Invariant::check_at(
                &state,
                &::stateguard::Location::root().variant("Shipped"),
                &mut violations,
            );
            match violations.into_result() {
                ::core::result::Result::Ok(()) => {
                    ::core::result::Result::Ok(Order {
                        id: self.id,
                        items: self.items,
                        state,
                    })
                }
                ::core::result::Result::Err(violations) => {
                    ::core::result::Result::Err(::stateguard::Rejected {
                        machine: self,
                        violations,
                    })
                }
            }
        }
        ///Transition `deliver`: from [`Shipped`] to [`Delivered`].
        #[must_use = "a transition consumes the machine and returns it in the new state"]
        pub fn deliver(self) -> Order<T, Delivered>
        where
            S: __guard_order::OrderTransition::deliver,
        {
            let state = Delivered(::stateguard::__private::Seal::NEW);
            Order {
                id: self.id,
                items: self.items,
                state,
            }
        }
    }
    #[allow(dead_code)]
    impl<T> Order<T, Pending> {
        ///A new machine in the initial state [`Pending`]: the machine's data, then the state's.
        #[must_use]
        pub fn new(id: u64, items: Vec<T>) -> Self {
            Order {
                id,
                items,
                state: Pending(::stateguard::__private::Seal::NEW),
            }
        }
    }
    #[doc(hidden)]
    #[allow(dead_code)]
    enum __GuardOrderNever {}
    #[doc(hidden)]
    #[diagnostic::on_unimplemented(
        message = "[G0119] `Order<.., {Self}>` cannot be made from `OrderRecord` by `From`: stored data becomes a machine only through the checked restore path",
        label = "restore the record with `OrderState::restore`",
        note = "write `let stored = OrderState::restore(record)?;` (every invariant is checked), then ask for the state you expect: `Order::<{Self}>::try_from(stored)`, whose `Err` holds the `OrderState` when it is in another state",
    )]
    trait __GuardOrderNotFromRecord {}
    #[diagnostic::do_not_recommend]
    impl __GuardOrderNotFromRecord for __GuardOrderNever {}
    #[automatically_derived]
    #[allow(private_bounds)]
    impl<T, S: OrderStateType> ::core::convert::From<OrderRecord<T>> for Order<T, S>
    where
        S: __GuardOrderNotFromRecord,
    {
        #[allow(unconditional_recursion)]
        fn from(record: OrderRecord<T>) -> Self {
            ::core::convert::From::from(record)
        }
    }
    ::stateguard::__private::if_serde! {
        #[doc(hidden)] #[diagnostic::on_unimplemented(message =
        "[G0119] `Order<.., {Self}>` cannot be deserialized: stored data becomes a machine only through the checked restore path",
        label = "deserialize an `OrderState` here", note =
        "deserialize an `OrderState` in its place (every invariant is checked on the way in), then ask for the state you expect: `Order::<{Self}>::try_from(stored)`, whose `Err` holds the `OrderState` when it is in another state",)]
        trait __GuardOrderNotDeserialize {} #[diagnostic::do_not_recommend] impl
        __GuardOrderNotDeserialize for __GuardOrderNever {} #[automatically_derived]
        #[allow(private_bounds)] impl < '__guard_de, T, S : OrderStateType >
        ::stateguard::__private::serde::Deserialize < '__guard_de > for Order < T, S >
        where S : __GuardOrderNotDeserialize, { fn deserialize < __D > (_ : __D) ->
        ::core::result::Result < Self, __D::Error > where __D :
        ::stateguard::__private::serde::Deserializer < '__guard_de >, {
        ::core::result::Result::Err(< __D::Error as
        ::stateguard::__private::serde::de::Error >
        ::custom("`Order` is deserialized through `OrderState`, never in a given state"),)
        } }
    }
}
