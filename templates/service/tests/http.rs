//! The API over real HTTP, against the server on 127.0.0.1 and a fresh SQLite file per test.
use serde_json::{Value, json};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use {{crate_name}}::store::{Sqlite, Store};

struct Server {
    address: SocketAddr,
    database: String,
}

async fn start(test: &str) -> Server {
    let database = std::env::temp_dir().join(format!("{test}-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&database);
    let database = database.to_string_lossy().into_owned();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = {{crate_name}}::router(Sqlite::open(&database).unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Server { address, database }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.database);
    }
}

impl Server {
    /// One HTTP/1.1 request; the status and the JSON body.
    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut stream = tokio::net::TcpStream::connect(self.address).await.unwrap();
        let body = body.map(|body| body.to_string()).unwrap_or_default();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nhost: test\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head[9..12].parse().unwrap();
        (status, serde_json::from_str(body).unwrap_or(Value::String(body.to_owned())))
    }

    async fn new_order(&self) -> i64 {
        let (status, order) = self
            .call("POST", "/orders", Some(json!({"customer": "ada", "items": [{"sku": "BOOK-42", "quantity": 1}]})))
            .await;
        assert_eq!(status, 201, "{order}");
        order["id"].as_i64().unwrap()
    }
}

#[tokio::test]
async fn every_endpoint_walks_an_order_through_its_life() {
    let server = start("life").await;
    let id = server.new_order().await;
    let (status, order) = server.call("GET", &format!("/orders/{id}"), None).await;
    assert_eq!(
        (status, order),
        (
            200,
            json!({"id": id, "version": 1, "state": "Pending", "customer": "ada", "items": [{"sku": "BOOK-42", "quantity": 1}]})
        )
    );
    let steps = [
        ("pay", json!({"payment_ref": "pay-1"}), "Paid"),
        ("ship", json!({"tracking_id": "1Z"}), "Shipped"),
        ("deliver", json!({}), "Delivered"),
    ];
    for (version, (step, body, state)) in (2..).zip(steps) {
        let (status, order) = server.call("POST", &format!("/orders/{id}/{step}"), Some(body)).await;
        let kept = (&order["state"], &order["version"], &order["payment_ref"]);
        assert_eq!((status, kept), (200, (&json!(state), &json!(version), &json!("pay-1"))), "{order}");
    }
    let cancelled = server.new_order().await;
    let (status, order) =
        server.call("POST", &format!("/orders/{cancelled}/cancel"), Some(json!({"reason": "changed my mind"}))).await;
    assert_eq!((status, &order["reason"]), (200, &json!("changed my mind")));
    assert_eq!(server.call("GET", "/orders/999", None).await.0, 404);
}

#[tokio::test]
async fn a_transition_the_state_does_not_have_is_409_and_changes_nothing() {
    let server = start("rejected").await;
    let id = server.new_order().await;
    let (status, problem) =
        server.call("POST", &format!("/orders/{id}/ship"), Some(json!({"tracking_id": "1Z"}))).await;
    assert_eq!(status, 409);
    assert_eq!((&problem["state"], &problem["allowed_from"]), (&json!("Pending"), &json!(["Paid"])));
    assert_eq!(server.call("GET", &format!("/orders/{id}"), None).await.1["version"], 1);
}

#[tokio::test]
async fn a_violation_is_422_with_the_request_field_paths() {
    let server = start("violation").await;
    let (status, problem) =
        server.call("POST", "/orders", Some(json!({"customer": "", "items": [{"sku": "X", "quantity": 0}]}))).await;
    assert_eq!(status, 422);
    let pointers: Vec<&Value> = problem["errors"].as_array().unwrap().iter().map(|error| &error["pointer"]).collect();
    assert_eq!(pointers, [&json!("/customer"), &json!("/items/0/quantity")]);
    let id = server.new_order().await;
    let (status, problem) = server.call("POST", &format!("/orders/{id}/pay"), Some(json!({"payment_ref": ""}))).await;
    assert_eq!((status, &problem["errors"][0]["pointer"]), (422, &json!("/payment_ref")));
}

#[tokio::test]
async fn a_corrupt_row_is_a_500_never_an_order() {
    let server = start("corrupt").await;
    let id = server.new_order().await;
    // A shipped order without its tracking id, written behind the service's back.
    let database = rusqlite::Connection::open(&server.database).unwrap();
    database.execute("UPDATE orders SET state = 'Shipped' WHERE id = ?1", [id]).unwrap();
    let (status, problem) = server.call("GET", &format!("/orders/{id}"), None).await;
    assert_eq!(status, 500);
    assert_eq!(problem["detail"], "stored data failed its checks");
    let (status, _) = server.call("POST", &format!("/orders/{id}/deliver"), None).await;
    assert_eq!(status, 500);
}

#[tokio::test]
async fn of_two_concurrent_transitions_on_one_order_one_wins() {
    let server = start("concurrent").await;
    for _ in 0..10 {
        let id = server.new_order().await;
        let path = format!("/orders/{id}/pay");
        let (first, second) = tokio::join!(
            server.call("POST", &path, Some(json!({"payment_ref": "a"}))),
            server.call("POST", &path, Some(json!({"payment_ref": "b"}))),
        );
        let mut statuses = [first.0, second.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409]);
        assert_eq!(server.call("GET", &format!("/orders/{id}"), None).await.1["version"], 2);
    }
    // The same race, decided by the version column alone: both writers read version 1.
    let store = Sqlite::open(&server.database).unwrap();
    let id = server.new_order().await;
    let (version, row) = store.get(id).unwrap().unwrap();
    assert!(store.update(id, version, &row).unwrap());
    assert!(!store.update(id, version, &row).unwrap());
}
