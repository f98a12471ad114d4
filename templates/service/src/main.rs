use {{crate_name}}::store::Sqlite;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    tracing_subscriber::fmt::init();
    let database = std::env::var("DATABASE").unwrap_or_else(|_| "orders.db".to_owned());
    let address = std::env::var("ADDRESS").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let store = Sqlite::open(&database)?;
    let listener = tokio::net::TcpListener::bind(&address).await?;
    tracing::info!(%address, %database, "serving orders");
    axum::serve(listener, {{crate_name}}::router(store)).await?;
    Ok(())
}
