//! The HTTP API. Every request that reads an order loads its row and restores it through the
//! checked path; a transition is saved only if the row is still at the version it was read at.
use crate::domain::order::{OrderCancelArguments, OrderDeliverArguments, OrderPayArguments, OrderShipArguments};
use crate::domain::{LineItem, Order, OrderState};
use crate::store::{Store, StoreError};
use axum::Router;
use axum::routing::{get, post};
use serde::Serialize;
use stateguard::Transition;
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
        .route("/orders/{id}/pay", post(step::<OrderPayArguments>))
        .route("/orders/{id}/ship", post(step::<OrderShipArguments>))
        .route("/orders/{id}/deliver", post(deliver))
        .route("/orders/{id}/cancel", post(step::<OrderCancelArguments>))
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
    use serde::de::DeserializeOwned;

    #[derive(Deserialize)]
    pub(super) struct NewOrder {
        customer: String,
        items: Vec<LineItem>,
    }

    pub(super) async fn create(
        State(app): State<App>,
        Json(body): Json<NewOrder>,
    ) -> Result<(StatusCode, Json<View>), Problem> {
        let order = OrderState::from(Order::new(body.customer, body.items)?);
        let row = order.clone().into_row();
        let id = blocking(move || app.insert(&row).map_err(storage_failed)).await?;
        Ok((StatusCode::CREATED, Json(View { id, version: 1, order })))
    }

    pub(super) async fn show(State(app): State<App>, Path(id): Path<i64>) -> Reply {
        blocking(move || load(&*app, id)).await.map(Json)
    }

    /// A transition whose arguments are the request body: `{"payment_ref": ..}` for `pay`.
    pub(super) async fn step<T>(State(app): State<App>, Path(id): Path<i64>, Json(body): Json<T>) -> Reply
    where
        T: Transition<OrderState> + DeserializeOwned + Send + 'static,
    {
        transition(app, id, body).await
    }

    pub(super) async fn deliver(State(app): State<App>, Path(id): Path<i64>) -> Reply {
        transition(app, id, OrderDeliverArguments {}).await
    }
}

/// Loads, transitions and saves one order; the save fails with 409 if another request saved the
/// order after this one loaded it.
async fn transition(app: App, id: i64, step: impl Transition<OrderState> + Send + 'static) -> Reply {
    blocking(move || {
        let View { version, order, .. } = load(&*app, id)?;
        let order = step.apply(order)?;
        if !app.update(id, version, &order.clone().into_row()).map_err(storage_failed)? {
            return Err(Problem::new(409, format!("order {id} changed while this request ran; load it again")));
        }
        Ok(axum::Json(View { id, version: version + 1, order }))
    })
    .await
}

/// The stored order, restored through the checked path: a row that fails it is logged and
/// answered with 500, never served.
fn load(store: &dyn Store, id: i64) -> Result<View, Problem> {
    let found = store.get(id).map_err(storage_failed)?;
    let (version, row) = found.ok_or_else(|| Problem::new(404, format!("order {id} does not exist")))?;
    let order = OrderState::restore_row(row).map_err(|error| {
        tracing::error!(order = id, %error, "stored order fails its checks; not served");
        Problem::from(error)
    })?;
    Ok(View { id, version, order })
}

/// SQLite blocks: run storage work off the async threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, Problem> + Send + 'static) -> Result<T, Problem> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|error| Err(storage_failed(error.into())))
}

/// A storage failure is logged and answered with 500, without its details.
fn storage_failed(error: StoreError) -> Problem {
    tracing::error!(%error, "storage failed");
    Problem::new(500, "storage failed")
}
