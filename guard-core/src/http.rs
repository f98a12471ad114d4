//! stateguard's errors as HTTP responses: RFC 9457 problem details (`application/problem+json`),
//! with axum 0.8's `IntoResponse` (feature `axum`).
//!
//! | error | status | what the body adds |
//! |---|---|---|
//! | [`Violations`], [`Rejected`] (its paths taken relative to the target state), [`TransitionError::Rejected`] | 422 | `errors`: each with `pointer` (a JSON pointer into the request body, `/items/2/qty`), `path`, `rule`, `message` |
//! | [`TransitionError::NotAllowed`] | 409 | `transition`, `state`, `allowed_from` |
//! | [`RestoreError`] | 500 | nothing of the stored data: a row that fails its checks is the server's fault, and its content stays in the server's logs |
//!
//! A transition called on the erased enum reports paths relative to its arguments, so a request body
//! `{"tracking_id": ""}` gets `"pointer": "/tracking_id"`.
//!
//! ```
//! use axum_core::response::IntoResponse;
//! use stateguard::{typestate, http::Problem};
//!
//! #[typestate]
//! pub mod order {
//!     #[machine] #[derive(Debug)] pub struct Order { id: u64 }
//!     #[states] #[derive(Debug)]
//!     pub enum OrderState {
//!         #[initial] #[to(ship => Shipped)] Pending,
//!         #[terminal] Shipped { #[invariant(non_empty)] tracking_id: String },
//!     }
//! }
//! use order::{Order, OrderState};
//!
//! // A handler returns `Result<_, Problem>` and uses `?` on stateguard's errors.
//! fn ship(order: OrderState, tracking_id: String) -> Result<OrderState, Problem> {
//!     Ok(order.ship(tracking_id)?)
//! }
//!
//! let problem = ship(OrderState::from(Order::new(1)), String::new()).unwrap_err();
//! assert_eq!(problem.status(), 422);
//! assert_eq!(
//!     problem.body()["errors"][0],
//!     serde_json::json!({"pointer": "/tracking_id", "path": "tracking_id", "rule": "non_empty", "message": "must not be empty"})
//! );
//! let shipped = ship(OrderState::from(Order::new(2)), "1Z".to_owned()).unwrap();
//! let conflict = ship(shipped, "1Z".to_owned()).unwrap_err();
//! assert_eq!(conflict.status(), 409);
//! assert_eq!(conflict.body()["allowed_from"], serde_json::json!(["Pending"]));
//!
//! let response = conflict.into_response();
//! assert_eq!(response.status(), 409);
//! assert_eq!(response.headers()["content-type"], "application/problem+json");
//! ```

use crate::typestate::{Rejected, RestoreError, TransitionError};
use crate::violation::{PathSegment, Violation, ViolationPath, Violations};
use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use serde_json::{Map, Value, json};

/// An RFC 9457 problem: a status and a JSON document (`type`, `title`, `status`, `detail`, and
/// members of its own such as `errors`). Built from stateguard's errors with `From` (so `?` works
/// in a handler returning `Result<_, Problem>`), or for the service's own errors with
/// [`Problem::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    status: u16,
    body: Map<String, Value>,
}

impl Problem {
    /// A problem with `status` (such as 404) and a sentence for people; the title is the status's
    /// reason phrase, the type `about:blank`, as RFC 9457 asks when the status says it all.
    #[must_use]
    pub fn new(status: u16, detail: impl Into<String>) -> Self {
        let title = http::StatusCode::from_u16(status)
            .ok()
            .and_then(|code| code.canonical_reason())
            .unwrap_or("Error");
        let mut body = Map::new();
        body.insert("type".to_owned(), Value::from("about:blank"));
        body.insert("title".to_owned(), Value::from(title));
        body.insert("status".to_owned(), Value::from(status));
        body.insert("detail".to_owned(), Value::from(detail.into()));
        Self { status, body }
    }

    /// Adds a member to the document (an RFC 9457 extension member).
    #[must_use]
    pub fn with(mut self, member: &str, value: impl Into<Value>) -> Self {
        self.body.insert(member.to_owned(), value.into());
        self
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The problem document.
    #[must_use]
    pub fn body(&self) -> &Map<String, Value> {
        &self.body
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let detail = self
            .body
            .get("detail")
            .and_then(Value::as_str)
            .unwrap_or("");
        write!(f, "{} {detail}", self.status)
    }
}

impl std::error::Error for Problem {}

/// `/items/2/qty`: the path as a JSON pointer (RFC 6901) into the checked value.
fn pointer(path: &ViolationPath) -> String {
    let mut text = String::new();
    for segment in path.segments() {
        text.push('/');
        match segment {
            PathSegment::Field(name) | PathSegment::Variant(name) => {
                text.push_str(&name.replace('~', "~0").replace('/', "~1"));
            }
            PathSegment::Index(index) => text.push_str(&index.to_string()),
            PathSegment::Key(key) => text.push_str(&key.replace('~', "~0").replace('/', "~1")),
        }
    }
    text
}

impl From<Violations> for Problem {
    fn from(violations: Violations) -> Self {
        let errors: alloc::vec::Vec<Value> = violations
            .iter()
            .map(|violation| {
                json!({
                    "pointer": pointer(violation.path()),
                    "path": violation.path().to_string(),
                    "rule": violation.rule(),
                    "message": violation.message(),
                })
            })
            .collect();
        let detail = match violations.len() {
            1 => "the request breaks 1 rule".to_owned(),
            count => format!("the request breaks {count} rules"),
        };
        Self::new(422, detail).with("errors", errors)
    }
}

/// A typed transition's violations start at the target state (`Shipped.tracking_id`); the request
/// that carried the data has `tracking_id`.
impl<M> From<Rejected<M>> for Problem {
    fn from(rejected: Rejected<M>) -> Self {
        let relative = rejected.violations.into_iter().map(|violation| {
            match violation.path().segments().split_first() {
                Some((PathSegment::Variant(_), rest)) => Violation::new(
                    ViolationPath::from(rest.to_vec()),
                    violation.rule().to_owned(),
                    violation.message().to_owned(),
                ),
                _ => violation,
            }
        });
        let mut violations = Violations::new();
        violations.extend(relative);
        Self::from(violations)
    }
}

impl<M> From<TransitionError<M>> for Problem {
    fn from(error: TransitionError<M>) -> Self {
        match error {
            TransitionError::NotAllowed {
                transition,
                from,
                allowed_from,
                ..
            } => Self::new(
                409,
                format!("`{transition}` is not allowed in state `{from}`"),
            )
            .with("transition", transition)
            .with("state", from)
            .with("allowed_from", allowed_from.to_vec()),
            // Already relative to the transition's arguments.
            TransitionError::Rejected(rejected) => Self::from(rejected.violations),
        }
    }
}

impl From<RestoreError> for Problem {
    fn from(_: RestoreError) -> Self {
        Self::new(500, "stored data failed its checks")
    }
}

impl axum_core::response::IntoResponse for Problem {
    fn into_response(self) -> axum_core::response::Response {
        let status = http::StatusCode::from_u16(self.status)
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = Value::Object(self.body).to_string();
        let mut response = axum_core::response::Response::new(axum_core::body::Body::from(body));
        *response.status_mut() = status;
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

macro_rules! into_response_through_problem {
    ($($(#[$doc:meta])* [$($generics:tt)*] $ty:ty;)*) => {$(
        $(#[$doc])*
        impl<$($generics)*> axum_core::response::IntoResponse for $ty {
            fn into_response(self) -> axum_core::response::Response {
                axum_core::response::IntoResponse::into_response(Problem::from(self))
            }
        }
    )*};
}

into_response_through_problem! {
    /// 422 with every violation.
    [] Violations;
    /// 422 with every violation; the machine is dropped.
    [M] Rejected<M>;
    /// 409 when the state has no such transition, 422 when its data was rejected.
    [M] TransitionError<M>;
    /// 500, without the stored data.
    [] RestoreError;
}
