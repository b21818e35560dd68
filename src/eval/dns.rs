//! Name resolution as Bro's DNS manager answers it. With `BRO_DNS_FAKE`
//! set, every answer is made up from the question (an address from the
//! MD5 of the name, a fixed text for names and TXT records), so tests
//! get the same answers everywhere; otherwise hostname literals ask the
//! system resolver, and a name that does not resolve yields no address.

use md5::Digest;
use std::net::{IpAddr, Ipv6Addr, ToSocketAddrs};

/// True when Bro's fake DNS mode is on (`BRO_DNS_FAKE` is set).
pub fn fake_mode() -> bool {
    std::env::var_os("BRO_DNS_FAKE").is_some()
}

/// The addresses of a host name: the fake one in fake mode, else what
/// the system resolver returns (none when it fails).
pub fn host_addrs(name: &str) -> Vec<IpAddr> {
    if fake_mode() {
        return vec![fake_host_addr(name)];
    }
    let mut out: Vec<IpAddr> = Vec::new();
    if let Ok(addrs) = (name, 0).to_socket_addrs() {
        for a in addrs {
            let ip = super::exec::normalize_addr(a.ip());
            if !out.contains(&ip) {
                out.push(ip);
            }
        }
    }
    out
}

/// Fake mode's address for a name: the 16 bytes of its MD5 as an IPv6
/// address.
pub fn fake_host_addr(name: &str) -> IpAddr {
    let digest: [u8; 16] = md5::Md5::digest(name.as_bytes()).into();
    IpAddr::V6(Ipv6Addr::from(digest))
}

/// Fake mode's answer to a reverse lookup.
pub fn fake_addr_name(addr: &str) -> String {
    format!("fake_addr_lookup_result_{addr}")
}

/// Fake mode's answer to a TXT lookup.
pub fn fake_text(name: &str) -> String {
    format!("fake_text_lookup_result_{name}")
}
