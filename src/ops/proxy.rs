//! Which proxy kubectl uses to reach an API server, and a tunnel through it for doctor's blocking probe.
//!
//! client-go's rule: the cluster entry's `proxy-url` when it has one; else the environment's
//! `HTTPS_PROXY` (or `https_proxy`), unless `NO_PROXY` (`no_proxy`) names the host or the host is
//! `localhost` or a loopback address (Go's `httpproxy` never proxies those).

use std::io::{self, Read, Write};
use std::net::{IpAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::t;

/// A proxy to go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    pub scheme: ProxyScheme,
    pub host: String,
    pub port: u16,
    /// SOCKS5 user name and password, when the URL carries them (never shown).
    credentials: Option<(String, String)>,
    /// Where the proxy comes from, for messages: `proxy-url` or `HTTPS_PROXY`.
    pub origin: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyScheme {
    Http,
    Https,
    Socks5,
}

impl Proxy {
    /// `http://host:port`, `https://…` or `socks5://[user:password@]host:port`.
    pub fn parse(url: &str, origin: &'static str) -> Option<Proxy> {
        let parsed = url::Url::parse(url).ok()?;
        let (scheme, default_port) = match parsed.scheme() {
            "http" => (ProxyScheme::Http, 80),
            "https" => (ProxyScheme::Https, 443),
            "socks5" | "socks5h" => (ProxyScheme::Socks5, 1080),
            _ => return None,
        };
        let host = parsed.host_str().filter(|host| !host.is_empty())?.trim_matches(['[', ']']).to_string();
        let credentials = (!parsed.username().is_empty())
            .then(|| (parsed.username().to_string(), parsed.password().unwrap_or_default().to_string()));
        Some(Proxy { scheme, host, port: parsed.port().unwrap_or(default_port), credentials, origin })
    }

    /// The URL to connect through, user info included (never shown).
    pub fn url(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        let user = match &self.credentials {
            Some((user, password)) => format!("{user}:{password}@"),
            None => String::new(),
        };
        format!("{}://{user}{host}:{}", self.scheme_name(), self.port)
    }

    fn scheme_name(&self) -> &'static str {
        match self.scheme {
            ProxyScheme::Http => "http",
            ProxyScheme::Https => "https",
            ProxyScheme::Socks5 => "socks5",
        }
    }

    /// `scheme://host:port`, without user info: what messages show.
    pub fn shown(&self) -> String {
        let host = if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        format!("{}://{host}:{}", self.scheme_name(), self.port)
    }
}

/// The proxy environment variables kubectl reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyEnvironment {
    pub https_proxy: Option<String>,
    pub no_proxy: Option<String>,
}

impl ProxyEnvironment {
    pub fn from_process() -> Self {
        let first = |names: [&str; 2]| names.iter().find_map(|name| std::env::var(name).ok()).filter(|v| !v.is_empty());
        ProxyEnvironment {
            https_proxy: first(["HTTPS_PROXY", "https_proxy"]),
            no_proxy: first(["NO_PROXY", "no_proxy"]),
        }
    }
}

/// The proxy kubectl would use for an API server on `host`.
pub fn proxy_for(cluster_proxy_url: Option<&str>, host: &str, environment: &ProxyEnvironment) -> Option<Proxy> {
    if let Some(url) = cluster_proxy_url.filter(|url| !url.is_empty()) {
        return Proxy::parse(url, "proxy-url");
    }
    let url = environment.https_proxy.as_deref()?;
    if never_proxied(host) || excluded(host, environment.no_proxy.as_deref().unwrap_or_default()) {
        return None;
    }
    // Go accepts a bare `host:port` in HTTPS_PROXY as an http proxy.
    let url = if url.contains("://") { url.to_string() } else { format!("http://{url}") };
    Proxy::parse(&url, "HTTPS_PROXY")
}

fn never_proxied(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `NO_PROXY`: `*`, host names (a leading `.` or not, matching the name and its subdomains), IP addresses
/// and CIDR ranges, comma-separated; a `:port` suffix on an entry is ignored here (the port is 443 or the
/// server's, which the entries rarely name).
fn excluded(host: &str, no_proxy: &str) -> bool {
    let host = host.to_ascii_lowercase();
    no_proxy.split(',').map(str::trim).filter(|entry| !entry.is_empty()).any(|entry| {
        if entry == "*" {
            return true;
        }
        if let Some((network, bits)) = entry.split_once('/') {
            return in_cidr(&host, network, bits);
        }
        let name =
            entry.rsplit_once(':').filter(|(_, port)| port.parse::<u16>().is_ok()).map_or(entry, |(name, _)| name);
        let name = name.trim_start_matches('.').to_ascii_lowercase();
        host == name || host.ends_with(&format!(".{name}"))
    })
}

fn in_cidr(host: &str, network: &str, bits: &str) -> bool {
    let (Ok(host), Ok(network), Ok(bits)) = (host.parse::<IpAddr>(), network.parse::<IpAddr>(), bits.parse::<u32>())
    else {
        return false;
    };
    let mask = |value: u128, width: u32| if bits == 0 { 0 } else { value >> (width - bits.min(width)) };
    match (host, network) {
        (IpAddr::V4(host), IpAddr::V4(network)) if bits <= 32 => {
            mask(u128::from(u32::from(host)), 32) == mask(u128::from(u32::from(network)), 32)
        }
        (IpAddr::V6(host), IpAddr::V6(network)) if bits <= 128 => {
            mask(u128::from(host), 128) == mask(u128::from(network), 128)
        }
        _ => false,
    }
}

/// How going through the proxy failed.
#[derive(Debug)]
pub enum TunnelError {
    /// The proxy itself could not be reached.
    Unreachable(io::Error),
    /// The proxy answered, but would not connect to the API server.
    Refused(String),
    /// An https:// proxy: doctor's probe does not speak TLS to proxies.
    Unsupported,
}

/// A TCP stream to `host:port` through the proxy, ready for the TLS handshake; every read and write bounded
/// by `timeout`.
pub fn tunnel(proxy: &Proxy, host: &str, port: u16, timeout: Duration) -> Result<TcpStream, TunnelError> {
    if proxy.scheme == ProxyScheme::Https {
        return Err(TunnelError::Unsupported);
    }
    let address = (proxy.host.as_str(), proxy.port)
        .to_socket_addrs()
        .map_err(TunnelError::Unreachable)?
        .next()
        .ok_or_else(|| TunnelError::Unreachable(io::Error::new(io::ErrorKind::NotFound, "no address")))?;
    let mut stream = TcpStream::connect_timeout(&address, timeout).map_err(TunnelError::Unreachable)?;
    stream.set_read_timeout(Some(timeout)).map_err(TunnelError::Unreachable)?;
    stream.set_write_timeout(Some(timeout)).map_err(TunnelError::Unreachable)?;
    match proxy.scheme {
        ProxyScheme::Http => http_connect(&mut stream, host, port)?,
        ProxyScheme::Socks5 => socks5_connect(&mut stream, host, port, proxy.credentials.as_ref())?,
        ProxyScheme::Https => unreachable!("refused above"),
    }
    Ok(stream)
}

fn http_connect(stream: &mut TcpStream, host: &str, port: u16) -> Result<(), TunnelError> {
    let authority = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
    let request =
        format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: kubectl-ack-doctor\r\n\r\n");
    stream.write_all(request.as_bytes()).map_err(TunnelError::Unreachable)?;
    // Byte by byte up to the blank line: what follows belongs to the tunnel.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 16 * 1024 {
            return Err(TunnelError::Refused(t!("proxy-answer-too-long")));
        }
        match stream.read(&mut byte).map_err(TunnelError::Unreachable)? {
            0 => return Err(TunnelError::Refused(t!("proxy-closed"))),
            _ => head.push(byte[0]),
        }
    }
    let status_line =
        String::from_utf8_lossy(head.split(|b| *b == b'\n').next().unwrap_or_default()).trim().to_string();
    let status = status_line.split_whitespace().nth(1).and_then(|code| code.parse::<u16>().ok());
    match status {
        Some(200..=299) => Ok(()),
        _ => Err(TunnelError::Refused(t!("proxy-connect-answer", status = status_line.as_str()))),
    }
}

fn socks5_connect(
    stream: &mut TcpStream,
    host: &str,
    port: u16,
    credentials: Option<&(String, String)>,
) -> Result<(), TunnelError> {
    let io = TunnelError::Unreachable;
    let method = if credentials.is_some() { 2 } else { 0 };
    stream.write_all(&[5, 1, method]).map_err(io)?;
    let mut reply = [0u8; 2];
    stream.read_exact(&mut reply).map_err(TunnelError::Unreachable)?;
    if reply != [5, method] {
        return Err(TunnelError::Refused(t!("proxy-socks5-method")));
    }
    if let Some((user, password)) = credentials {
        let mut login = vec![1, user.len().min(255) as u8];
        login.extend_from_slice(&user.as_bytes()[..user.len().min(255)]);
        login.push(password.len().min(255) as u8);
        login.extend_from_slice(&password.as_bytes()[..password.len().min(255)]);
        stream.write_all(&login).map_err(TunnelError::Unreachable)?;
        let mut status = [0u8; 2];
        stream.read_exact(&mut status).map_err(TunnelError::Unreachable)?;
        if status[1] != 0 {
            return Err(TunnelError::Refused(t!("proxy-socks5-credentials")));
        }
    }
    let mut connect = vec![5, 1, 0];
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(ip)) => {
            connect.push(1);
            connect.extend_from_slice(&ip.octets());
        }
        Ok(IpAddr::V6(ip)) => {
            connect.push(4);
            connect.extend_from_slice(&ip.octets());
        }
        Err(_) => {
            connect.push(3);
            connect.push(host.len().min(255) as u8);
            connect.extend_from_slice(&host.as_bytes()[..host.len().min(255)]);
        }
    }
    connect.extend_from_slice(&port.to_be_bytes());
    stream.write_all(&connect).map_err(TunnelError::Unreachable)?;
    let mut head = [0u8; 4];
    stream.read_exact(&mut head).map_err(TunnelError::Unreachable)?;
    if head[1] != 0 {
        return Err(TunnelError::Refused(t!("proxy-socks5-code", code = u32::from(head[1]))));
    }
    let rest = match head[3] {
        1 => 4 + 2,
        4 => 16 + 2,
        3 => {
            let mut length = [0u8; 1];
            stream.read_exact(&mut length).map_err(TunnelError::Unreachable)?;
            usize::from(length[0]) + 2
        }
        _ => return Err(TunnelError::Refused(t!("proxy-socks5-malformed"))),
    };
    let mut bound = vec![0u8; rest];
    stream.read_exact(&mut bound).map_err(TunnelError::Unreachable)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment(https_proxy: &str, no_proxy: &str) -> ProxyEnvironment {
        ProxyEnvironment {
            https_proxy: Some(https_proxy.to_string()).filter(|v| !v.is_empty()),
            no_proxy: Some(no_proxy.to_string()).filter(|v| !v.is_empty()),
        }
    }

    #[test]
    fn the_cluster_entry_wins_then_https_proxy_unless_excluded_as_client_go_does() {
        let env = environment("127.0.0.1:3128", ".svc.example,10.0.0.0/8,db");
        let from_entry = proxy_for(Some("socks5://u:secret@127.0.0.1:1080"), "api.host", &env).unwrap();
        assert_eq!((from_entry.scheme, from_entry.origin), (ProxyScheme::Socks5, "proxy-url"));
        assert_eq!(from_entry.shown(), "socks5://127.0.0.1:1080", "user info is never shown");
        let from_env = proxy_for(None, "47.0.0.1", &env).unwrap();
        assert_eq!((from_env.scheme, from_env.host.as_str(), from_env.port), (ProxyScheme::Http, "127.0.0.1", 3128));
        for excluded in ["a.svc.example", "svc.example", "10.1.2.3", "db", "127.0.0.1", "localhost"] {
            assert_eq!(proxy_for(None, excluded, &env), None, "{excluded}");
        }
        assert!(proxy_for(None, "11.1.2.3", &env).is_some());
        assert_eq!(proxy_for(None, "anything", &environment("http://127.0.0.1:3128", "*")), None);
        assert_eq!(proxy_for(None, "anything", &ProxyEnvironment::default()), None);
    }
}
