//! Storage behind a small trait, so another database can replace SQLite: flat rows in and out,
//! and an update that succeeds only while nobody has changed the row since it was read.
use crate::domain::OrderRow;
use rusqlite::Error::FromSqlConversionFailure;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, params};
use std::sync::{Mutex, PoisonError};

/// The database failed, or a row's columns do not even decode (they never reach the domain).
pub type StoreError = Box<dyn std::error::Error + Send + Sync>;

pub trait Store: Send + Sync + 'static {
    /// Stores a new order at version 1 and returns its id.
    fn insert(&self, row: &OrderRow) -> Result<i64, StoreError>;
    /// The row and the version it is at.
    fn get(&self, id: i64) -> Result<Option<(i64, OrderRow)>, StoreError>;
    /// Writes `row` as version `version + 1` if the stored row is still at `version`; `false`
    /// when another writer got there first.
    fn update(&self, id: i64, version: i64, row: &OrderRow) -> Result<bool, StoreError>;
}

/// Schema changes, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &["CREATE TABLE orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    customer TEXT NOT NULL,
    items TEXT NOT NULL,
    payment_ref TEXT,
    tracking_id TEXT,
    reason TEXT
)"];

pub struct Sqlite(Mutex<Connection>);

impl Sqlite {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    pub fn open(path: &str) -> Result<Self, StoreError> {
        let mut connection = Connection::open(path)?;
        let applied: usize = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        for (number, migration) in MIGRATIONS.iter().enumerate().skip(applied) {
            let transaction = connection.transaction()?;
            transaction.execute_batch(migration)?;
            transaction.pragma_update(None, "user_version", number + 1)?;
            transaction.commit()?;
        }
        Ok(Self(Mutex::new(connection)))
    }

    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Store for Sqlite {
    fn insert(&self, row: &OrderRow) -> Result<i64, StoreError> {
        let connection = self.connection();
        let items = serde_json::to_string(&row.items)?;
        connection.execute(
            "INSERT INTO orders (version, state, customer, items, payment_ref, tracking_id, reason)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![row.state, row.customer, items, row.payment_ref, row.tracking_id, row.reason],
        )?;
        Ok(connection.last_insert_rowid())
    }

    fn get(&self, id: i64) -> Result<Option<(i64, OrderRow)>, StoreError> {
        let sql = "SELECT version, state, customer, items, payment_ref, tracking_id, reason FROM orders WHERE id = ?1";
        let found = self.connection().query_row(sql, [id], |column| {
            let items: String = column.get(3)?;
            let items =
                serde_json::from_str(&items).map_err(|error| FromSqlConversionFailure(3, Type::Text, error.into()));
            let row = OrderRow {
                state: column.get(1)?,
                customer: column.get(2)?,
                items: items?,
                payment_ref: column.get(4)?,
                tracking_id: column.get(5)?,
                reason: column.get(6)?,
            };
            Ok((column.get(0)?, row))
        });
        Ok(found.optional()?)
    }

    fn update(&self, id: i64, version: i64, row: &OrderRow) -> Result<bool, StoreError> {
        let items = serde_json::to_string(&row.items)?;
        let changed = self.connection().execute(
            "UPDATE orders SET version = version + 1, state = ?3, customer = ?4, items = ?5,
                    payment_ref = ?6, tracking_id = ?7, reason = ?8
             WHERE id = ?1 AND version = ?2",
            params![id, version, row.state, row.customer, items, row.payment_ref, row.tracking_id, row.reason],
        )?;
        Ok(changed == 1)
    }
}
