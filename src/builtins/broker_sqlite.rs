//! The SQLite backend of Broker's master stores: every pair written
//! through to one table of a database file, so that a later run opening
//! the same file finds them. Keys and values are stored in the peering
//! core's own encoding of Broker data.

use crate::broker::store::Persist;
use crate::broker::Data;
use rusqlite::{params, Connection};

/// An open database holding one store's pairs.
pub struct Sqlite {
    db: Connection,
}

fn fail(e: rusqlite::Error) -> String {
    e.to_string()
}

fn blob(d: &Data) -> Vec<u8> {
    postcard::to_stdvec(d).unwrap_or_default()
}

impl Sqlite {
    /// Opens (or makes) the database file at `path`.
    pub fn open(path: &str) -> Result<Sqlite, String> {
        let db = Connection::open(path).map_err(fail)?;
        db.execute_batch("create table if not exists store (key blob primary key, value blob not null, expiry real);").map_err(fail)?;
        Ok(Sqlite { db })
    }
}

impl Persist for Sqlite {
    fn load(&mut self) -> Result<Vec<(Data, Data, Option<f64>)>, String> {
        let mut st = self.db.prepare("select key, value, expiry from store").map_err(fail)?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Option<f64>>(2)?)))
            .map_err(fail)?;
        let mut out = Vec::new();
        for row in rows {
            let (k, v, e) = row.map_err(fail)?;
            // Rows this build cannot read are skipped rather than fatal.
            if let (Ok(k), Ok(v)) = (postcard::from_bytes::<Data>(&k), postcard::from_bytes::<Data>(&v)) {
                out.push((k, v, e));
            }
        }
        Ok(out)
    }

    fn save(&mut self, key: &Data, value: &Data, expiry: Option<f64>) -> Result<(), String> {
        self.db
            .execute("insert or replace into store (key, value, expiry) values (?1, ?2, ?3)", params![blob(key), blob(value), expiry])
            .map(|_| ())
            .map_err(fail)
    }

    fn remove(&mut self, key: &Data) -> Result<(), String> {
        self.db.execute("delete from store where key = ?1", params![blob(key)]).map(|_| ()).map_err(fail)
    }

    fn clear(&mut self) -> Result<(), String> {
        self.db.execute("delete from store", []).map(|_| ()).map_err(fail)
    }
}
