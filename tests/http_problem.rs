//! stateguard's errors as RFC 9457 problem details (feature `axum`).
use stateguard::http::Problem;
use stateguard::{Location, RestoreError, Violations, typestate};

#[typestate(flat)]
pub mod order {
    #[machine]
    #[derive(Debug)]
    pub struct Order {
        id: u64,
    }
    #[states]
    #[derive(Debug)]
    pub enum OrderState {
        #[initial]
        #[to(ship => Shipped)]
        Pending,
        #[terminal]
        Shipped {
            #[invariant(non_empty)]
            tracking_id: String,
        },
    }
}

#[test]
fn violations_are_422_with_json_pointers_into_the_body() {
    let root = Location::root();
    let items = root.field("items");
    let second = items.index(2);
    let mut violations = Violations::new();
    violations.push(&second.field("qty"), "range", "must be at least 1");
    violations.push(&root.field("a/b~c"), "non_empty", "must not be empty");
    let problem = Problem::from(violations);
    assert_eq!(problem.status(), 422);
    assert_eq!(problem.body()["title"], "Unprocessable Entity");
    assert_eq!(problem.body()["detail"], "the request breaks 2 rules");
    assert_eq!(problem.body()["errors"][0]["pointer"], "/items/2/qty");
    assert_eq!(problem.body()["errors"][0]["path"], "items[2].qty");
    assert_eq!(problem.body()["errors"][1]["pointer"], "/a~1b~0c");
}

#[test]
fn a_corrupt_row_is_a_500_that_shows_none_of_the_stored_data() {
    let row = order::OrderRow {
        state: "Shipped".to_owned(),
        id: 1,
        tracking_id: Some(String::new()),
    };
    let error = order::OrderState::restore_row(row).unwrap_err();
    assert!(matches!(error, RestoreError::Invalid(_)));
    let problem = Problem::from(error);
    assert_eq!(problem.status(), 500);
    assert_eq!(problem.body().get("errors"), None);
    assert_eq!(problem.body()["detail"], "stored data failed its checks");
}

#[test]
fn responses_carry_the_problem_media_type() {
    use axum_core::response::IntoResponse;
    let response = order::OrderState::from(order::Order::new(1))
        .ship(String::new())
        .unwrap_err()
        .into_response();
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let own = Problem::new(404, "order 9 does not exist").with("order", 9);
    assert_eq!(own.body()["title"], "Not Found");
    assert_eq!(own.to_string(), "404 order 9 does not exist");
    assert_eq!(own.into_response().status(), 404);
}

#[test]
fn a_typed_transition_s_rejection_points_into_the_request() {
    let rejected = order::Order::new(1).ship(String::new()).unwrap_err();
    assert_eq!(
        rejected.violations.as_slice()[0].path().to_string(),
        "Shipped.tracking_id"
    );
    let problem = Problem::from(rejected);
    assert_eq!(problem.body()["errors"][0]["pointer"], "/tracking_id");
    assert_eq!(problem.body()["errors"][0]["path"], "tracking_id");
}
