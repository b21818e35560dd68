//! Chunked storage for a table's entries.
//!
//! A table's entries live at stable slot numbers (the ids its iteration
//! order refers to). Keeping them in one `Vec` would copy every entry, and
//! touch twice the memory, each time the vector doubled; fixed-size chunks
//! grow without moving what is already stored.

/// Entries per chunk.
const CHUNK: usize = 1024;

/// Values at slot numbers `0..len`, each present or a hole.
#[derive(Debug)]
pub struct Slots<T> {
    chunks: Vec<Vec<Option<T>>>,
    len: usize,
}

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots { chunks: Vec::new(), len: 0 }
    }
}

impl<T> Slots<T> {
    /// The value at `slot`, if the slot exists and holds one.
    #[inline]
    pub fn get(&self, slot: u32) -> Option<&T> {
        let i = slot as usize;
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)?.as_ref()
    }

    /// The value at `slot`, for changing it.
    #[inline]
    pub fn get_mut(&mut self, slot: u32) -> Option<&mut T> {
        let i = slot as usize;
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)?.as_mut()
    }

    /// Puts a value at an existing slot (a hole left by [`take`](Self::take)).
    pub fn put(&mut self, slot: u32, value: T) {
        let i = slot as usize;
        if let Some(cell) = self.chunks.get_mut(i / CHUNK).and_then(|c| c.get_mut(i % CHUNK)) {
            *cell = Some(value);
        }
    }

    /// Takes the value out of `slot`, leaving a hole.
    pub fn take(&mut self, slot: u32) -> Option<T> {
        let i = slot as usize;
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)?.take()
    }

    /// Stores a value in a new slot at the end and returns its number.
    pub fn push(&mut self, value: T) -> u32 {
        if self.len % CHUNK == 0 {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(Some(value));
        }
        self.len += 1;
        (self.len - 1) as u32
    }

    /// Forgets every slot.
    pub fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
    }

    /// The values present, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_stay_put_across_chunks() {
        let mut s = Slots::default();
        for i in 0..3000u32 {
            assert_eq!(s.push(i), i);
        }
        assert_eq!(s.get(2500), Some(&2500));
        assert_eq!(s.take(1024), Some(1024));
        assert_eq!(s.get(1024), None);
        s.put(1024, 7);
        assert_eq!(s.get(1024), Some(&7));
        assert_eq!(s.get(3000), None);
        assert_eq!(s.iter().count(), 3000);
        s.clear();
        assert_eq!(s.iter().count(), 0);
    }
}
