//! State that an area of built-in functions keeps between calls (the
//! log manager's streams, for one), held by the machine: one value per
//! Rust type, made on first use. Each value is shared (`Rc`), so a
//! builtin can hold it while it calls back into scripts.

use std::any::{Any, TypeId};
use std::rc::Rc;

/// One state value per type. There are only a handful of types, and the
/// main loop asks on every pass, so they are searched in a short list.
#[derive(Default)]
pub struct BuiltinState {
    slots: Vec<(TypeId, Rc<dyn Any>)>,
}

impl BuiltinState {
    /// The state of type `T`, made with `T::default()` the first time.
    pub fn get<T: Default + 'static>(&mut self) -> Rc<T> {
        if let Some(found) = self.peek::<T>() {
            return found;
        }
        let made = Rc::new(T::default());
        self.slots.push((TypeId::of::<T>(), made.clone() as Rc<dyn Any>));
        made
    }

    /// The state of type `T`, if it was ever made.
    pub fn peek<T: 'static>(&self) -> Option<Rc<T>> {
        let id = TypeId::of::<T>();
        self.slots.iter().find(|(t, _)| *t == id).and_then(|(_, s)| s.clone().downcast::<T>().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn one_value_per_type() {
        let mut s = BuiltinState::default();
        assert!(s.peek::<Cell<u32>>().is_none());
        s.get::<Cell<u32>>().set(7);
        assert_eq!(s.get::<Cell<u32>>().get(), 7);
        assert_eq!(s.get::<Cell<u8>>().get(), 0);
    }
}
