//! What the checker knows about names: the global identifiers (variables,
//! constants, options, types, functions, events, hooks, builtins) with
//! Bro's module rules, and the locals of the function being compiled.

use super::ir::Body;
use super::types::{FuncType, Type};
use crate::source::Span;
use crate::syntax::ast::AttrKind;
use std::collections::HashMap;
use std::rc::Rc;

/// What the checker knows about one global identifier.
#[derive(Debug, Clone)]
pub struct GlobalInfo {
    /// Full name, e.g. `Foo::x` or `x` for the global module.
    pub name: String,
    /// The declared (or inferred) type.
    pub ty: Type,
    /// Declared `const`.
    pub is_const: bool,
    /// Declared `option`.
    pub is_option: bool,
    /// A type name (`type R: record {...}`), not a variable.
    pub is_type: bool,
    /// The attributes it was declared with.
    pub attrs: Vec<AttrKind>,
    /// Where it was declared; `None` for built-in functions and other predefined names.
    pub span: Option<Span>,
    /// The function-table entry of a function, event or hook.
    pub func: Option<usize>,
    /// A built-in function.
    pub builtin: Option<usize>,
    /// `&deprecated`
    pub deprecated: bool,
}

impl GlobalInfo {
    /// True when it was declared with the given attribute.
    pub fn has_attr(&self, a: AttrKind) -> bool {
        self.attrs.contains(&a)
    }
}

/// A script function, event or hook and its bodies (events and hooks may
/// have many; they run highest `&priority` first, then in load order).
#[derive(Debug, Clone)]
pub struct FuncInfo {
    /// The full name.
    pub name: String,
    /// The function's type.
    pub ty: Rc<FuncType>,
    /// The bodies, highest `&priority` first.
    pub bodies: Vec<Rc<Body>>,
}

/// The table of global identifiers.
#[derive(Default)]
pub struct Globals {
    /// Every global, by index.
    pub list: Vec<GlobalInfo>,
    /// Full name to index.
    pub by_name: HashMap<String, usize>,
}

/// The global module's name as written in `GLOBAL::x`.
pub const GLOBAL_MODULE: &str = "GLOBAL";

/// `name` as declared inside `module`: `Foo::x`, or `x` in the global
/// module or when the name is already qualified.
pub fn full_name(module: &str, name: &str) -> String {
    if let Some(rest) = name.strip_prefix("GLOBAL::") {
        return rest.to_string();
    }
    if name.contains("::") || module == GLOBAL_MODULE {
        name.to_string()
    } else {
        format!("{module}::{name}")
    }
}

impl Globals {
    /// Finds a global as seen from `module`: the module's own name first,
    /// then the global module.
    pub fn lookup(&self, module: &str, name: &str) -> Option<usize> {
        if let Some(rest) = name.strip_prefix("GLOBAL::") {
            return self.by_name.get(rest).copied();
        }
        if !name.contains("::") && module != GLOBAL_MODULE {
            if let Some(&id) = self.by_name.get(&format!("{module}::{name}")) {
                return Some(id);
            }
        }
        self.by_name.get(name).copied()
    }

    /// Registers a global under its full name and returns its index.
    pub fn add(&mut self, info: GlobalInfo) -> usize {
        let id = self.list.len();
        self.by_name.insert(info.name.clone(), id);
        self.list.push(info);
        id
    }

    /// The global with the given index.
    pub fn get(&self, id: usize) -> &GlobalInfo {
        &self.list[id]
    }
}

/// The locals of the function (or top-level code) being compiled. Bro
/// scopes locals to the whole function, not to blocks.
#[derive(Debug, Default, Clone)]
pub struct Locals {
    /// Each local's name to its slot, type and whether it is `const`.
    pub names: HashMap<String, (usize, Type, bool)>,
    /// How many slots have been handed out: the frame size.
    pub size: usize,
    /// The return type of the body being compiled (`Void` at top level); `None` in `@if` conditions.
    pub yield_type: Option<Type>,
    /// Compiling a hook body.
    pub in_hook: bool,
}

impl Locals {
    /// Gives a local a new slot and returns it.
    pub fn declare(&mut self, name: &str, ty: Type, is_const: bool) -> usize {
        let slot = self.size;
        self.size += 1;
        self.names.insert(name.to_string(), (slot, ty, is_const));
        slot
    }
}
