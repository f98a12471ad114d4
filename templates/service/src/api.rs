//! The HTTP API. Every request that reads an order loads its row and restores it through the
//! checked path; a transition is saved only if the row is still at the version it was read at.
use crate::domain::{LineItem, Order, OrderState};
use crate::store::{Store, StoreError};
use axum::Router;
use axum::routing::{get, post};
use serde::Serialize;
use stateguard::TransitionError;
use stateguard::http::Problem;
use std::sync::Arc;

type App = Arc<dyn Store>;
type Reply = Result<axum::Json<View>, Problem>;

/// An order as the API shows it: `{"id":1,"version":2,"state":"Paid","customer":..}`.
#[derive(Debug, Serialize)]
pub struct View {
    pub id: i64,
    pub version: i64,
    #[serde(flatten)]
    pub order: OrderState,
}

pub fn router(store: impl Store) -> Router {
    use handlers::*;
    Router::new()
        .route("/orders", post(create))
        .route("/orders/{id}", get(show))
        .route("/orders/{id}/pay", post(pay))
        .route("/orders/{id}/ship", post(ship))
        .route("/orders/{id}/deliver", post(deliver))
        .route("/orders/{id}/cancel", post(cancel))
        .with_state(Arc::new(store) as App)
}

#[stateguard::enforce_state_invariants]
#[allow(clippy::result_large_err, reason = "a refused transition hands the whole order back, so nothing is lost")]
mod handlers {
    use super::*;
    use axum::Json;
    use axum::extract::{Path, State};
    use axum::http::StatusCode;
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub(super) struct NewOrder {
        customer: String,
        items: Vec<LineItem>,
    }
    #[derive(Deserialize)]
    pub(super) struct Pay {
        payment_ref: String,
    }
    #[derive(Deserialize)]
    pub(super) struct Ship {
        tracking_id: String,
    }
    #[derive(Deserialize)]
    pub(super) struct Cancel {
        reason: String,
    }

    pub(super) async fn create(
        State(app): State<App>,
        Json(body): Json<NewOrder>,
    ) -> Result<(StatusCode, Json<View>), Problem> {
        let order = OrderState::from(Order::new(body.customer, body.items)?);
        let row = order.clone().into_row();
        let id = blocking(move || Ok(app.insert(&row)?)).await?;
        Ok((StatusCode::CREATED, Json(View { id, version: 1, order })))
    }

    pub(super) async fn show(State(app): State<App>, Path(id): Path<i64>) -> Reply {
        blocking(move || load(&*app, id)).await.map(Json)
    }

    pub(super) async fn pay(State(app): State<App>, Path(id): Path<i64>, Json(body): Json<Pay>) -> Reply {
        transition(app, id, |order| order.pay(body.payment_ref)).await
    }

    pub(super) async fn ship(State(app): State<App>, Path(id): Path<i64>, Json(body): Json<Ship>) -> Reply {
        transition(app, id, |order| order.ship(body.tracking_id)).await
    }

    pub(super) async fn deliver(State(app): State<App>, Path(id): Path<i64>) -> Reply {
        transition(app, id, OrderState::deliver).await
    }

    pub(super) async fn cancel(State(app): State<App>, Path(id): Path<i64>, Json(body): Json<Cancel>) -> Reply {
        transition(app, id, |order| order.cancel(body.reason)).await
    }
}

/// Loads, transitions and saves one order; the save fails with 409 if another request saved the
/// order after this one loaded it.
async fn transition(
    app: App,
    id: i64,
    step: impl FnOnce(OrderState) -> Result<OrderState, TransitionError<OrderState>> + Send + 'static,
) -> Reply {
    blocking(move || {
        let View { version, order, .. } = load(&*app, id)?;
        let order = step(order)?;
        if !app.update(id, version, &order.clone().into_row())? {
            return Err(Problem::new(409, format!("order {id} changed while this request ran; load it again")));
        }
        Ok(axum::Json(View { id, version: version + 1, order }))
    })
    .await
}

/// The stored order, restored through the checked path: a row that fails it is logged and
/// answered with 500, never served.
fn load(store: &dyn Store, id: i64) -> Result<View, Problem> {
    let (version, row) = store.get(id)?.ok_or_else(|| Problem::new(404, format!("order {id} does not exist")))?;
    let order = OrderState::restore_row(row).map_err(|error| {
        tracing::error!(order = id, %error, "stored order fails its checks; not served");
        Problem::from(error)
    })?;
    Ok(View { id, version, order })
}

/// SQLite blocks: run storage work off the async threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, Problem> + Send + 'static) -> Result<T, Problem> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|error| Err(StoreError(error.to_string()).into()))
}

impl From<StoreError> for Problem {
    fn from(error: StoreError) -> Self {
        tracing::error!(error = error.0, "storage failed");
        Problem::new(500, "storage failed")
    }
}
