//! Times in the local time zone, as log writers put them in meta lines
//! (`#open 2012-07-20-01-49-19`) and in the names of rotated files.

/// The wall clock, in seconds since the epoch.
pub fn wall_clock() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
}

fn local_tm(t: f64) -> Option<libc::tm> {
    let secs = t.floor() as libc::time_t;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers
    // are valid for the call.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&secs, &mut tm).is_null() {
            None
        } else {
            Some(tm)
        }
    }
}

/// `t` in local time, formatted by the C library's `strftime`.
pub fn local_strftime(format: &str, t: f64) -> String {
    let Some(tm) = local_tm(t) else { return String::new() };
    let Ok(cfmt) = std::ffi::CString::new(format) else { return String::new() };
    let mut buf = [0u8; 128];
    // SAFETY: the buffer's length is passed, the format is NUL-terminated
    // and `tm` was filled in by localtime_r.
    let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), buf.len(), cfmt.as_ptr(), &tm) };
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// The time stamp of `#open` and `#close` lines: the wall clock (when `t`
/// is zero) or `t`, as `%Y-%m-%d-%H-%M-%S` in local time.
pub fn meta_stamp(t: f64) -> String {
    let t = if t as i64 == 0 { wall_clock() } else { t };
    local_strftime("%Y-%m-%d-%H-%M-%S", t)
}

/// The start of the local day that `t` falls in.
pub fn local_midnight(t: f64) -> f64 {
    let Some(mut tm) = local_tm(t) else { return t - t.rem_euclid(86400.0) };
    tm.tm_hour = 0;
    tm.tm_min = 0;
    tm.tm_sec = 0;
    // SAFETY: `tm` is a valid, filled-in struct.
    let m = unsafe { libc::mktime(&mut tm) };
    m as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_have_bros_shape() {
        let s = meta_stamp(1342748959.43);
        assert_eq!(s.len(), 19, "{s}");
        assert_eq!(s.matches('-').count(), 5, "{s}");
        let m = local_midnight(1342748959.43);
        assert!(m <= 1342748959.43 && 1342748959.43 - m < 86400.0 + 3600.0);
    }
}
