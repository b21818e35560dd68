//! The statistics builtins of stats.bif. Counters of traffic analysis
//! (packets, connections, reassembly, gaps, files, DNS) are zero, as no
//! traffic is read; process, event, timer and weird counters are real.

use super::util::make_record;
use super::weird::WeirdState;
use super::Builtin;
use crate::check::compile::Compiler;
use crate::check::types::Type;
use crate::eval::exec::{Machine, Res};
use crate::eval::value::{TableVal, Value};
use crate::source::Span;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The built-in functions this file defines.
pub static BUILTINS: &[Builtin] = &[
    b!("get_net_stats", "function(): NetStats", |_, p, _, _| Ok(zeros(p, "NetStats", 4))),
    b!("get_conn_stats", "function(): ConnStats", |_, p, _, _| Ok(zeros(p, "ConnStats", 17))),
    b!("get_proc_stats", "function(): ProcStats", bi_get_proc_stats),
    b!("get_event_stats", "function(): EventStats", |m, p, _, _| {
        let dispatched = m.events_dispatched;
        let queued = dispatched + m.queue.len() as u64;
        Ok(make_record(p, "EventStats", vec![Some(Value::Count(queued)), Some(Value::Count(dispatched))]))
    }),
    b!("get_reassembler_stats", "function(): ReassemblerStats", |_, p, _, _| Ok(zeros(p, "ReassemblerStats", 4))),
    b!("get_dns_stats", "function(): DNSStats", |_, p, _, _| Ok(zeros(p, "DNSStats", 6))),
    b!("get_timer_stats", "function(): TimerStats", bi_get_timer_stats),
    b!("get_file_analysis_stats", "function(): FileAnalysisStats", |_, p, _, _| Ok(zeros(p, "FileAnalysisStats", 3))),
    b!("get_thread_stats", "function(): ThreadStats", |_, p, _, _| Ok(zeros(p, "ThreadStats", 1))),
    b!("get_gap_stats", "function(): GapStats", |_, p, _, _| Ok(zeros(p, "GapStats", 4))),
    b!("get_broker_stats", "function(): BrokerStats", |_, p, _, _| Ok(zeros(p, "BrokerStats", 9))),
    b!("get_reporter_stats", "function(): ReporterStats", bi_get_reporter_stats),
];

fn zeros(p: &Compiler, ty: &str, n: usize) -> Value {
    make_record(p, ty, vec![Some(Value::Count(0)); n])
}

/// When the interpreter's clock started, for `start_time` and `real_time`.
#[derive(Default)]
struct Started(Cell<Option<f64>>);

fn wall_clock() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

/// Seconds since the process started, from the kernel's process table.
fn process_age() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let start_ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok()?.split_whitespace().next()?.parse().ok()?;
    // SAFETY: sysconf only reads a configuration value.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    (hz > 0.0).then(|| (uptime - start_ticks / hz).max(0.0))
}

fn bi_get_proc_stats(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let started = m.state.get::<Started>();
    let now = wall_clock();
    let start = match started.0.get() {
        Some(s) => s,
        None => {
            let s = now - process_age().unwrap_or(0.0);
            started.0.set(Some(s));
            s
        }
    };
    // SAFETY: getrusage fills the zeroed struct it is given.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let c = |v: libc::c_long| Some(Value::Count(v.max(0) as u64));
    Ok(make_record(
        p,
        "ProcStats",
        vec![
            Some(Value::Bool(false)),
            Some(Value::Time(start)),
            Some(Value::Interval(now - start)),
            Some(Value::Interval(secs(ru.ru_utime))),
            Some(Value::Interval(secs(ru.ru_stime))),
            Some(Value::Count((ru.ru_maxrss.max(0) as u64) * 1024)),
            c(ru.ru_minflt),
            c(ru.ru_majflt),
            c(ru.ru_nswap),
            c(ru.ru_inblock),
            c(ru.ru_oublock),
            c(ru.ru_nivcsw),
        ],
    ))
}

/// The most timers pending at once, as far as calls have seen.
#[derive(Default)]
struct TimerHighWater(Cell<u64>);

fn bi_get_timer_stats(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let current = m.timers.len() as u64;
    let high = m.state.get::<TimerHighWater>();
    high.0.set(high.0.get().max(current));
    let fields = vec![Some(Value::Count(current)), Some(Value::Count(high.0.get())), Some(Value::Count(m.timer_seq))];
    Ok(make_record(p, "TimerStats", fields))
}

fn bi_get_reporter_stats(m: &mut Machine, p: &Compiler, _: &[Value], _: Span) -> Res<Value> {
    let state = m.state.get::<WeirdState>();
    let by_type = TableVal::new(Rc::new(crate::check::types::TableType { index: vec![Type::String], yield_type: Some(Type::Count) }));
    let by_type = Rc::new(RefCell::new(by_type));
    let mut total = 0;
    for (name, n) in state.counts.borrow().iter() {
        total += n;
        by_type.borrow_mut().insert(vec![Value::str(name.clone())], Some(Value::Count(*n)));
    }
    Ok(make_record(p, "ReporterStats", vec![Some(Value::Count(total)), Some(Value::Table(by_type))]))
}
