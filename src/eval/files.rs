//! Bro's cache of open files. At most `max_files_in_cache` script files
//! hold an operating-system handle at a time (zero means no limit): the
//! least recently opened one is closed to make room, and a later write
//! opens it again for appending. Every opening, first or again, raises
//! `file_opened` at once, before the write that caused it.

use super::value::{FileVal, Value};
use crate::check::compile::Compiler;
use crate::check::scope::GLOBAL_MODULE;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// The files that hold a handle now, most recently opened first.
#[derive(Default)]
pub struct FileCache {
    holding: Vec<Weak<RefCell<FileVal>>>,
}

impl FileCache {
    /// Records that `f` has just been given a handle, closing the least
    /// recently opened files beyond `limit` (0: no limit).
    pub fn admit(&mut self, f: &Rc<RefCell<FileVal>>, limit: usize) {
        self.holding.retain(|w| w.upgrade().is_some_and(|x| !Rc::ptr_eq(&x, f) && x.borrow().handle.is_some()));
        if limit > 0 {
            while self.holding.len() >= limit {
                if let Some(old) = self.holding.pop().and_then(|w| w.upgrade()) {
                    old.borrow_mut().release_handle();
                }
            }
        }
        self.holding.insert(0, Rc::downgrade(f));
    }

    /// Gives an open file that the cache closed its handle back (appending
    /// from where it was); true when it had to.
    pub fn reacquire(&mut self, f: &Rc<RefCell<FileVal>>, limit: usize) -> bool {
        {
            let mut fb = f.borrow_mut();
            if !fb.open || fb.handle.is_some() {
                return false;
            }
            match std::fs::OpenOptions::new().append(true).create(true).open(&fb.name) {
                Ok(h) => fb.handle = Some(h),
                Err(_) => return false,
            }
        }
        self.admit(f, limit);
        true
    }
}

/// `max_files_in_cache` as the script set it (0 when unset).
pub fn cache_limit(p: &Compiler, globals: &[Option<Value>]) -> usize {
    match p.globals.lookup(GLOBAL_MODULE, "max_files_in_cache").and_then(|g| globals.get(g).cloned().flatten()) {
        Some(Value::Count(n)) => n as usize,
        Some(Value::Int(n)) => n.max(0) as usize,
        _ => 0,
    }
}

/// The `file_opened` handlers' function, if the script has any.
pub fn file_opened_handler(p: &Compiler) -> Option<usize> {
    p.globals
        .lookup(GLOBAL_MODULE, "file_opened")
        .and_then(|g| p.globals.get(g).func)
        .filter(|id| !p.funcs[*id].bodies.is_empty())
}
