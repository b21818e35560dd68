//! `str_smith_waterman` (Bro's strings.bif): common substrings of two
//! strings by Bro's variant of Smith-Waterman, which rewards runs of
//! consecutive matches, walks back from the best cell (single mode) or
//! from every unvisited match (multiple mode, dropping alignments that
//! another covers), and orders the result by position in the longer
//! string, with the tie behaviour of the C++ library's sort.

use super::util::{bytes, count, error};
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::{RecordType, Type};
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{RecordVal, Value, VectorVal};
use crate::source::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] =
    &[b!("str_smith_waterman", "function(s1: string, s2: string, params: sw_params): sw_substring_vec", bi_smith_waterman)];

/// More matrix cells than this would exhaust memory; such inputs are refused.
const MAX_CELLS: usize = 64 << 20;

#[derive(Clone, Copy, Default)]
struct Node {
    byte: u8,
    matched: bool,
    visited: bool,
    score: i64,
    prev: Option<usize>,
}

/// A common substring and where it starts in each input.
#[derive(Clone, Debug)]
struct Piece {
    text: Vec<u8>,
    at: [i64; 2],
    new: bool,
}

impl Piece {
    /// Whether this piece spans `o` in both strings.
    fn covers(&self, o: &Piece) -> bool {
        let (n, on) = (self.text.len() as i64, o.text.len() as i64);
        (0..2).all(|i| self.at[i] <= o.at[i] && self.at[i] + n >= o.at[i] + on)
    }
}

struct Matrix {
    cols: usize,
    nodes: Vec<Node>,
}

impl Matrix {
    /// Walks back from `start`, cutting substrings at gaps.
    fn collect_single(&mut self, out: &mut Vec<Piece>, start: Option<usize>, min_len: usize) {
        let first = out.len();
        let mut text = Vec::new();
        let (mut row, mut col) = (0i64, 0i64);
        let mut at = start;
        while let Some(i) = at {
            let n = &mut self.nodes[i];
            n.visited = true;
            if n.matched {
                row = (i / self.cols) as i64;
                col = (i % self.cols) as i64;
                text.push(n.byte);
            } else {
                if text.len() >= min_len {
                    text.reverse();
                    out.push(Piece { text: std::mem::take(&mut text), at: [row - 1, col - 1], new: false });
                }
                text.clear();
            }
            at = n.prev;
        }
        if !text.is_empty() {
            text.reverse();
            out.push(Piece { text, at: [row - 1, col - 1], new: false });
        }
        if out.len() > first {
            out.last_mut().unwrap().new = true;
        }
    }

    fn collect_multiple(&mut self, out: &mut Vec<Piece>, rows: usize, min_len: usize) {
        let mut alignments: Vec<Option<Vec<Piece>>> = Vec::new();
        for i in (1..rows).rev() {
            for j in (1..self.cols).rev() {
                let n = self.nodes[i * self.cols + j];
                if !n.matched || n.visited {
                    continue;
                }
                let mut fresh = Vec::new();
                self.collect_single(&mut fresh, Some(i * self.cols + j), min_len);
                let mut keep = true;
                'old: for old in alignments.iter_mut() {
                    let Some(o) = old else { continue };
                    for os in o.iter() {
                        for ns in &fresh {
                            if os.covers(ns) {
                                keep = false;
                                break 'old;
                            }
                            if ns.covers(os) {
                                *old = None;
                                break 'old;
                            }
                        }
                    }
                }
                if keep {
                    alignments.push(Some(fresh));
                }
            }
        }
        out.extend(alignments.into_iter().flatten().flatten());
    }
}

fn smith_waterman(s1: &[u8], s2: &[u8], min_len: usize, multiple: bool) -> Vec<Piece> {
    let mut out = Vec::new();
    if s1.len() < min_len || s2.len() < min_len {
        return out;
    }
    let (rows, cols) = (s1.len() + 1, s2.len() + 1);
    let mut m = Matrix { cols, nodes: vec![Node::default(); rows * cols] };
    let mut best: Option<usize> = None;
    let mut best_score = 1;
    for i in 1..rows {
        for j in 1..cols {
            let (tl, l, t) = ((i - 1) * cols + j - 1, i * cols + j - 1, (i - 1) * cols + j);
            let (score_t, score_l) = (m.nodes[t].score, m.nodes[l].score);
            let mut score_tl = m.nodes[tl].score;
            let here = i * cols + j;
            if s1[i - 1] == s2[j - 1] {
                score_tl += 1;
                if m.nodes[tl].matched {
                    score_tl += 99;
                }
                m.nodes[here].byte = s1[i - 1];
                m.nodes[here].matched = true;
            }
            let n = &mut m.nodes[here];
            n.score = if n.matched { score_tl } else { score_t.max(score_l).max(score_tl) };
            n.prev = Some(if n.score == score_tl && n.matched {
                tl
            } else if n.score == score_t {
                t
            } else {
                l
            });
            if n.score > best_score {
                best = Some(here);
                best_score = n.score;
            }
        }
    }
    // Cells of row and column 0 are the walk's end: they lead nowhere.
    if multiple {
        m.collect_multiple(&mut out, rows, min_len);
    } else {
        m.collect_single(&mut out, best, min_len);
    }
    let by = if rows > cols { 0 } else { 1 };
    cxx_sort(&mut out, |a, b| a.at[by] <= b.at[by]);
    out
}

/// The C++ library's `std::sort` for the short vectors this produces
/// (insertion sort), whose handling of a non-strict comparison decides
/// the order of ties. Longer vectors are sorted stably.
fn cxx_sort<T: Clone>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    if v.len() > 16 {
        v.sort_by(|a, b| if less(a, b) && !less(b, a) { std::cmp::Ordering::Less } else if less(b, a) && !less(a, b) { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Equal });
        return;
    }
    for i in 1..v.len() {
        let val = v[i].clone();
        if less(&val, &v[0]) {
            v[..=i].rotate_right(1);
        } else {
            let mut k = i;
            while k > 0 && less(&val, &v[k - 1]) {
                v[k] = v[k - 1].clone();
                k -= 1;
            }
            v[k] = val;
        }
    }
}

fn named(p: &Compiler, name: &str) -> Option<Type> {
    let g = p.globals.lookup(crate::check::scope::GLOBAL_MODULE, name)?;
    Some(match &p.globals.get(g).ty {
        Type::TypeOf(t) => (**t).clone(),
        t => t.clone(),
    })
}

fn record(rt: &Rc<RecordType>, fields: Vec<Value>) -> Value {
    Value::Record(Rc::new(RefCell::new(RecordVal { ty: rt.clone(), fields: fields.into_iter().map(Some).collect() })))
}

fn field(v: &Value, i: usize) -> Option<Value> {
    match v {
        Value::Record(r) => r.borrow().fields.get(i).cloned().flatten(),
        _ => None,
    }
}

fn bi_smith_waterman(m: &mut Machine, p: &Compiler, a: &[Value], span: Span) -> Res<Value> {
    let (s1, s2) = (bytes(&a[0]), bytes(&a[1]));
    let min_len = field(&a[2], 0).map(|v| count(&v)).unwrap_or(3) as usize;
    let multiple = field(&a[2], 1).map(|v| count(&v)).unwrap_or(0) == 1;
    let (Some(Type::Record(sub_t)), Some(Type::Record(align_t)), Some(align_vec_t), Some(sub_vec_t)) =
        (named(p, "sw_substring"), named(p, "sw_align"), named(p, "sw_align_vec"), named(p, "sw_substring_vec"))
    else {
        return Ok(Value::Bool(false));
    };
    let yield_of = |t: &Type| match t {
        Type::Vector(y) => (**y).clone(),
        t => t.clone(),
    };
    let pieces = if (s1.len() + 1).saturating_mul(s2.len() + 1) > MAX_CELLS {
        m.report(&error("str_smith_waterman: strings too long to align", span));
        Vec::new()
    } else {
        smith_waterman(s1, s2, min_len, multiple)
    };
    // Both vectors are filled from index 1, as Bro 2.6 fills them (an
    // empty result stays empty).
    let mut items = if pieces.is_empty() { Vec::new() } else { vec![None] };
    for pc in pieces {
        let mut aligns = vec![None];
        for (i, s) in [s1, s2].iter().enumerate() {
            aligns.push(Some(record(&align_t, vec![Value::str(s.to_vec()), Value::Count(pc.at[i].max(0) as u64)])));
        }
        let aligns = Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: yield_of(&align_vec_t), items: aligns })));
        items.push(Some(record(&sub_t, vec![Value::str(pc.text), aligns, Value::Bool(pc.new)])));
    }
    Ok(Value::Vector(Rc::new(RefCell::new(VectorVal { yield_type: yield_of(&sub_vec_t), items }))))
}
