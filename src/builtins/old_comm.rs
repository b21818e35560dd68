//! Bro's old communication system, deprecated in 2.6 and not part of
//! this interpreter: its functions are declared `&deprecated`, and a
//! script that uses one stops at startup unless it sets
//! `old_comm_usage_is_ok` (the runtime makes that check).

use super::Builtin;
use crate::eval::value::Value;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    // No old-style peer ever exists, so there is nothing to terminate.
    b!("terminate_communication", "function(): bool &deprecated", |_, _, _, _| Ok(Value::Bool(false))),
];

/// Names of the old communication functions whose use is an error
/// unless `old_comm_usage_is_ok` is set.
pub const OLD_COMM_FUNCS: &[&str] = &["terminate_communication"];

/// Bro's text for that error.
pub const OLD_COMM_ERROR: &str = "Detected old, deprecated communication system usages that will not work unless you explicitly take action to initizialize and set up the old comm. system.  Set the 'old_comm_usage_is_ok' flag to bypass this error if you've taken such actions, but the suggested solution is to port scripts to use the new Broker API.";
