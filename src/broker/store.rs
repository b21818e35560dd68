//! Broker's data stores, knowing only Broker data: a store's key-value
//! pairs in Broker's order, the mutations a master applies (put, erase,
//! add, subtract, clear) with their expiry, the queries a master or a
//! clone answers, and Broker's answers to type mismatches. Keeping this
//! apart from the interpreter lets a clone apply exactly what its master
//! sends. A master may write its pairs through to a [`Persist`] backend
//! (SQLite) and read them back when it opens.

use crate::broker::data::Data;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Why an operation failed (Broker's error codes for stores).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The key is not in the store (or the index not in the value).
    NoSuchKey,
    /// The value is of a kind the operation does not apply to.
    TypeClash,
    /// The argument has the right kind but a wrong shape.
    InvalidData,
    /// The backend failed.
    Backend(String),
}

/// A change to a store; a master applies it and tells its clones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Mutation {
    /// Sets a key's value; the expiry is relative, in seconds.
    Put {
        /// The key.
        key: Data,
        /// The value (or the amount, the element).
        value: Data,
        /// Seconds until the pair expires; `None` for never.
        expiry: Option<f64>,
    },
    /// Removes a key.
    Erase {
        /// The key.
        key: Data,
    },
    /// Adds to a value: numbers and times grow, strings extend, sets
    /// and vectors gain an element, tables a `[key, value]` pair.
    Add {
        /// The key.
        key: Data,
        /// The value (or the amount, the element).
        value: Data,
        /// Seconds until the pair expires; `None` for never.
        expiry: Option<f64>,
    },
    /// Takes from a value: numbers and times shrink, sets and tables
    /// lose an element, vectors their last one.
    Subtract {
        /// The key.
        key: Data,
        /// The value (or the amount, the element).
        value: Data,
        /// Seconds until the pair expires; `None` for never.
        expiry: Option<f64>,
    },
    /// Removes every key.
    Clear,
}

/// A question to a store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Query {
    /// A key's value.
    Get(Data),
    /// Whether a key is there (a bool).
    Exists(Data),
    /// The element of a key's container value at an index: a vector's
    /// item, a table's value, whether a set holds it.
    GetIndex(Data, Data),
    /// The set of all keys.
    Keys,
}

/// A key ordered by Broker's order on data.
#[derive(Debug, Clone)]
struct Key(Data);

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.0.total_cmp(&other.0) == Ordering::Equal
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Where a master keeps its pairs beyond the process (SQLite).
pub trait Persist {
    /// Every pair stored before, with its absolute expiry time.
    fn load(&mut self) -> Result<Vec<(Data, Data, Option<f64>)>, String>;
    /// Stores (or replaces) a pair.
    fn save(&mut self, key: &Data, value: &Data, expiry: Option<f64>) -> Result<(), String>;
    /// Removes a pair.
    fn remove(&mut self, key: &Data) -> Result<(), String>;
    /// Removes every pair.
    fn clear(&mut self) -> Result<(), String>;
}

/// A store's contents: the pairs and when each expires (absolute time).
#[derive(Default)]
pub struct Store {
    entries: BTreeMap<Key, (Data, Option<f64>)>,
    persist: Option<Box<dyn Persist>>,
}

impl Store {
    /// An empty store held in memory.
    pub fn new() -> Store {
        Store::default()
    }

    /// A store written through to `persist`, with what it held before.
    pub fn with_persist(mut persist: Box<dyn Persist>) -> Result<Store, String> {
        let mut entries = BTreeMap::new();
        for (k, v, e) in persist.load()? {
            entries.insert(Key(k), (v, e));
        }
        Ok(Store { entries, persist: Some(persist) })
    }

    /// Replaces the contents with a master's pairs (a clone's resync).
    pub fn replace(&mut self, pairs: Vec<(Data, Data)>) {
        self.entries = pairs.into_iter().map(|(k, v)| (Key(k), (v, None))).collect();
    }

    /// Every pair, in key order.
    pub fn snapshot(&self) -> Vec<(Data, Data)> {
        self.entries.iter().map(|(k, (v, _))| (k.0.clone(), v.clone())).collect()
    }

    /// Applies a mutation at time `now` (expiries are relative to it).
    pub fn apply(&mut self, m: &Mutation, now: f64) -> Result<(), StoreError> {
        let at = |e: &Option<f64>| e.filter(|s| *s > 0.0).map(|s| now + s);
        match m {
            Mutation::Put { key, value, expiry } => {
                let expiry = at(expiry);
                self.entries.insert(Key(key.clone()), (value.clone(), expiry));
                self.save(key)
            }
            Mutation::Erase { key } => {
                self.entries.remove(&Key(key.clone()));
                match self.persist.as_mut() {
                    Some(p) => p.remove(key).map_err(StoreError::Backend),
                    None => Ok(()),
                }
            }
            Mutation::Add { key, value, expiry } | Mutation::Subtract { key, value, expiry } => {
                let add = matches!(m, Mutation::Add { .. });
                let entry = self.entries.get_mut(&Key(key.clone())).ok_or(StoreError::NoSuchKey)?;
                if add {
                    add_to(&mut entry.0, value)?;
                } else {
                    subtract_from(&mut entry.0, value)?;
                }
                entry.1 = at(expiry);
                self.save(key)
            }
            Mutation::Clear => {
                self.entries.clear();
                match self.persist.as_mut() {
                    Some(p) => p.clear().map_err(StoreError::Backend),
                    None => Ok(()),
                }
            }
        }
    }

    fn save(&mut self, key: &Data) -> Result<(), StoreError> {
        let (Some(p), Some((v, e))) = (self.persist.as_mut(), self.entries.get(&Key(key.clone()))) else { return Ok(()) };
        p.save(key, v, *e).map_err(StoreError::Backend)
    }

    /// Whether `key` is there.
    pub fn exists(&self, key: &Data) -> bool {
        self.entries.contains_key(&Key(key.clone()))
    }

    /// Answers a query.
    pub fn query(&self, q: &Query) -> Result<Data, StoreError> {
        match q {
            Query::Get(k) => self.entries.get(&Key(k.clone())).map(|(v, _)| v.clone()).ok_or(StoreError::NoSuchKey),
            Query::Exists(k) => Ok(Data::Bool(self.exists(k))),
            Query::GetIndex(k, i) => {
                let (v, _) = self.entries.get(&Key(k.clone())).ok_or(StoreError::NoSuchKey)?;
                index_of(v, i)
            }
            Query::Keys => Ok(Data::Set(self.entries.keys().map(|k| k.0.clone()).collect())),
        }
    }

    /// Removes the pairs whose time has come by `now`; gives their keys.
    pub fn expire(&mut self, now: f64) -> Vec<Data> {
        let due: Vec<Key> = self.entries.iter().filter(|(_, (_, e))| e.is_some_and(|t| t <= now)).map(|(k, _)| k.clone()).collect();
        for k in &due {
            self.entries.remove(k);
            if let Some(p) = self.persist.as_mut() {
                let _ = p.remove(&k.0);
            }
        }
        due.into_iter().map(|k| k.0).collect()
    }

    /// The earliest expiry time, if any pair has one.
    pub fn next_expiry(&self) -> Option<f64> {
        self.entries.values().filter_map(|(_, e)| *e).reduce(f64::min)
    }
}

fn sorted_find(items: &[Data], x: &Data) -> Result<usize, usize> {
    items.binary_search_by(|i| i.total_cmp(x))
}

/// Broker's "adder": what `increment`, `append`, `insert_into_*` and
/// `push` do to a stored value.
fn add_to(v: &mut Data, x: &Data) -> Result<(), StoreError> {
    match (v, x) {
        (Data::Count(c), Data::Count(d)) => *c = c.wrapping_add(*d),
        (Data::Int(i), Data::Int(j)) => *i = i.wrapping_add(*j),
        (Data::Real(r), Data::Real(s)) => *r += s,
        (Data::Timespan(t), Data::Timespan(s)) | (Data::Timestamp(t), Data::Timespan(s)) => *t += s,
        (Data::String(s), Data::String(t)) => s.extend_from_slice(t),
        (Data::Vector(items), x) => items.push(x.clone()),
        (Data::Set(items), x) => {
            if let Err(at) = sorted_find(items, x) {
                items.insert(at, x.clone());
            }
        }
        (Data::Table(pairs), Data::Vector(kv)) => {
            let [k, val] = kv.as_slice() else { return Err(StoreError::InvalidData) };
            match pairs.binary_search_by(|(p, _)| p.total_cmp(k)) {
                Ok(at) => pairs[at].1 = val.clone(),
                Err(at) => pairs.insert(at, (k.clone(), val.clone())),
            }
        }
        _ => return Err(StoreError::TypeClash),
    }
    Ok(())
}

/// Broker's "remover": what `decrement`, `remove_from` and `pop` do.
fn subtract_from(v: &mut Data, x: &Data) -> Result<(), StoreError> {
    match (v, x) {
        (Data::Count(c), Data::Count(d)) => *c = c.wrapping_sub(*d),
        (Data::Int(i), Data::Int(j)) => *i = i.wrapping_sub(*j),
        (Data::Real(r), Data::Real(s)) => *r -= s,
        (Data::Timespan(t), Data::Timespan(s)) | (Data::Timestamp(t), Data::Timespan(s)) => *t -= s,
        (Data::Vector(items), _) => {
            items.pop();
        }
        (Data::Set(items), x) => {
            if let Ok(at) = sorted_find(items, x) {
                items.remove(at);
            }
        }
        (Data::Table(pairs), x) => {
            if let Ok(at) = pairs.binary_search_by(|(p, _)| p.total_cmp(x)) {
                pairs.remove(at);
            }
        }
        _ => return Err(StoreError::TypeClash),
    }
    Ok(())
}

/// Broker's "retriever": an element of a container value.
fn index_of(v: &Data, i: &Data) -> Result<Data, StoreError> {
    match (v, i) {
        (Data::Vector(items), Data::Count(n)) => usize::try_from(*n).ok().and_then(|n| items.get(n)).cloned().ok_or(StoreError::NoSuchKey),
        (Data::Vector(items), Data::Int(n)) if *n >= 0 => usize::try_from(*n).ok().and_then(|n| items.get(n)).cloned().ok_or(StoreError::NoSuchKey),
        (Data::Set(items), x) => Ok(Data::Bool(sorted_find(items, x).is_ok())),
        (Data::Table(pairs), x) => pairs.binary_search_by(|(p, _)| p.total_cmp(x)).map(|at| pairs[at].1.clone()).map_err(|_| StoreError::NoSuchKey),
        _ => Err(StoreError::TypeClash),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Data {
        Data::String(x.as_bytes().to_vec())
    }

    #[test]
    fn mutations_follow_brokers_rules() {
        let mut st = Store::new();
        st.apply(&Mutation::Put { key: s("n"), value: Data::Count(1), expiry: None }, 0.0).unwrap();
        st.apply(&Mutation::Add { key: s("n"), value: Data::Count(9), expiry: None }, 0.0).unwrap();
        assert_eq!(st.query(&Query::Get(s("n"))), Ok(Data::Count(10)));
        // A count does not take an int, and a missing key is not made.
        assert_eq!(st.apply(&Mutation::Add { key: s("n"), value: Data::Int(1), expiry: None }, 0.0), Err(StoreError::TypeClash));
        assert_eq!(st.apply(&Mutation::Add { key: s("none"), value: Data::Count(1), expiry: None }, 0.0), Err(StoreError::NoSuchKey));
        st.apply(&Mutation::Put { key: s("t"), value: Data::Table(vec![]), expiry: None }, 0.0).unwrap();
        st.apply(&Mutation::Add { key: s("t"), value: Data::Vector(vec![s("b"), Data::Count(2)]), expiry: None }, 0.0).unwrap();
        st.apply(&Mutation::Add { key: s("t"), value: Data::Vector(vec![s("a"), Data::Count(1)]), expiry: None }, 0.0).unwrap();
        assert_eq!(st.query(&Query::GetIndex(s("t"), s("a"))), Ok(Data::Count(1)));
        assert_eq!(st.apply(&Mutation::Add { key: s("t"), value: Data::Vector(vec![s("a")]), expiry: None }, 0.0), Err(StoreError::InvalidData));
        assert_eq!(st.query(&Query::Keys), Ok(Data::Set(vec![s("n"), s("t")])));
        assert_eq!(st.query(&Query::GetIndex(s("n"), Data::Count(0))), Err(StoreError::TypeClash));
    }

    #[test]
    fn pairs_expire_at_their_time() {
        let mut st = Store::new();
        st.apply(&Mutation::Put { key: s("a"), value: Data::Bool(true), expiry: Some(2.0) }, 10.0).unwrap();
        st.apply(&Mutation::Put { key: s("b"), value: Data::Bool(true), expiry: None }, 10.0).unwrap();
        assert_eq!(st.next_expiry(), Some(12.0));
        assert!(st.expire(11.0).is_empty());
        assert_eq!(st.expire(12.0), vec![s("a")]);
        assert!(!st.exists(&s("a")) && st.exists(&s("b")));
    }
}
