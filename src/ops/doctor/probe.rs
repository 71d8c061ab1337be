//! One look at the API server the way kubectl's first request goes: TCP connect, a TLS handshake that
//! trusts only the context's CA and presents its client certificate, then `GET /version`. Blocking I/O
//! with a time limit on every step: doctor wants to know what happens, not to be fast.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, SignatureScheme};

use super::certificate::ClientIdentity;
use crate::ops::proxy::{Proxy, TunnelError, tunnel};

/// Host and port of an `https://` server URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Endpoint {
    /// Without IPv6 brackets.
    pub host: String,
    pub port: u16,
}

impl Endpoint {
    /// `https://host[:port][/path]`; the port defaults to 443 as in kubectl.
    pub fn parse(server: &str) -> Option<Endpoint> {
        let rest = server.strip_prefix("https://")?;
        let authority = rest.split(['/', '?', '#']).next().filter(|authority| !authority.contains('@'))?;
        let (host, port) = match authority.strip_prefix('[') {
            Some(bracketed) => {
                let (host, after) = bracketed.split_once(']')?;
                (host, after.strip_prefix(':'))
            }
            None => match authority.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        let port = match port {
            Some(port) => port.parse().ok()?,
            None => 443,
        };
        (!host.is_empty()).then(|| Endpoint { host: host.to_string(), port })
    }

    /// `host:port` (brackets around an IPv6 host), for messages.
    pub fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// Whom to trust for the server's certificate.
pub(super) enum Trust {
    /// Only these CA certificates, with the name checked (kubectl's way with `certificate-authority-data`).
    Ca(RootCertStore),
    /// Anything (the context skips verification, or has no usable CA); the other steps still run.
    Anything,
}

/// What to do.
pub(super) struct Request<'a> {
    pub endpoint: &'a Endpoint,
    /// The proxy kubectl would go through (`proxy-url`, or `HTTPS_PROXY`).
    pub proxy: Option<&'a Proxy>,
    /// The name the certificate must carry: `tls-server-name` if the cluster entry sets one, else the host.
    pub server_name: &'a str,
    pub trust: Trust,
    pub client: Option<&'a ClientIdentity>,
    /// A bearer token to present on `GET /version` (a RAM identity token user).
    pub bearer: Option<&'a str>,
    pub timeout: Duration,
}

/// What happened.
pub(super) enum ProbeOutcome {
    /// The host name does not resolve, or is not a name at all.
    Unresolved(io::Error),
    Refused,
    TimedOut,
    ConnectFailed(io::Error),
    /// The proxy could not be reached, or would not connect to the server.
    Proxy(TunnelError),
    /// Connected, but the server said nothing within the time limit.
    Silent,
    Connected(Tls),
}

/// What happened on the connection.
pub(super) enum Tls {
    /// The server closed or reset the connection mid-handshake.
    Closed(io::Error),
    /// The handshake failed: on our side (the certificate does not verify) or the server's (an alert).
    Rejected { error: rustls::Error, presented: Option<CertificateDer<'static>> },
    Established {
        /// The status of `GET /version`, asked only with a client certificate (whether it is accepted).
        version: Option<io::Result<u16>>,
    },
}

pub(super) fn probe(request: &Request<'_>) -> ProbeOutcome {
    if let Some(proxy) = request.proxy {
        return match tunnel(proxy, &request.endpoint.host, request.endpoint.port, request.timeout) {
            Ok(stream) => handshake(stream, request),
            Err(error) => ProbeOutcome::Proxy(error),
        };
    }
    let addresses = match (request.endpoint.host.as_str(), request.endpoint.port).to_socket_addrs() {
        Ok(addresses) => addresses.collect::<Vec<_>>(),
        Err(error) => return ProbeOutcome::Unresolved(error),
    };
    let mut outcome = ProbeOutcome::Unresolved(io::Error::new(io::ErrorKind::NotFound, "no address"));
    for address in addresses {
        outcome = match connect(address, request.timeout) {
            Ok(stream) => return handshake(stream, request),
            Err(failure) => failure,
        };
    }
    outcome
}

fn connect(address: SocketAddr, timeout: Duration) -> Result<TcpStream, ProbeOutcome> {
    let stream = TcpStream::connect_timeout(&address, timeout).map_err(|error| match error.kind() {
        io::ErrorKind::ConnectionRefused => ProbeOutcome::Refused,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ProbeOutcome::TimedOut,
        _ => ProbeOutcome::ConnectFailed(error),
    })?;
    let limits = stream.set_read_timeout(Some(timeout)).and_then(|()| stream.set_write_timeout(Some(timeout)));
    limits.map_err(ProbeOutcome::ConnectFailed)?;
    Ok(stream)
}

fn handshake(mut stream: TcpStream, request: &Request<'_>) -> ProbeOutcome {
    let rejected = |error| ProbeOutcome::Connected(Tls::Rejected { error, presented: None });
    let recorder = match Recorder::new(&request.trust) {
        Ok(recorder) => Arc::new(recorder),
        Err(error) => return rejected(error),
    };
    let (config, presents_certificate) = match client_config(recorder.clone(), request.client) {
        Ok(configured) => configured,
        Err(error) => return rejected(error),
    };
    let name = match ServerName::try_from(request.server_name.to_string()) {
        Ok(name) => name,
        Err(error) => return ProbeOutcome::Unresolved(io::Error::new(io::ErrorKind::InvalidInput, error)),
    };
    let mut connection = match ClientConnection::new(Arc::new(config), name) {
        Ok(connection) => connection,
        Err(error) => return rejected(error),
    };
    while connection.is_handshaking() {
        if let Err(error) = connection.complete_io(&mut stream) {
            return failed_handshake(error, recorder.presented());
        }
    }
    let asks = presents_certificate || request.bearer.is_some();
    let version = asks.then(|| get_version(&mut connection, &mut stream, request.endpoint, request.bearer));
    ProbeOutcome::Connected(Tls::Established { version })
}

fn failed_handshake(error: io::Error, presented: Option<CertificateDer<'static>>) -> ProbeOutcome {
    match error.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => ProbeOutcome::Silent,
        _ => ProbeOutcome::Connected(match tls_error(&error) {
            Some(error) => Tls::Rejected { error, presented },
            None => Tls::Closed(error),
        }),
    }
}

/// The rustls error inside an I/O error, if that is what it is.
pub(super) fn tls_error(error: &io::Error) -> Option<rustls::Error> {
    error.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()).cloned()
}

/// The client configuration, presenting the client certificate when there is a usable one; and whether it does.
fn client_config(
    verifier: Arc<Recorder>,
    client: Option<&ClientIdentity>,
) -> Result<(ClientConfig, bool), rustls::Error> {
    let builder = || -> Result<_, rustls::Error> {
        Ok(ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()?
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone()))
    };
    let (mut config, presents) = match client.and_then(certified) {
        Some((chain, key)) => match builder()?.with_client_auth_cert(chain, key) {
            Ok(config) => (config, true),
            Err(_) => (builder()?.with_no_client_auth(), false),
        },
        None => (builder()?.with_no_client_auth(), false),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok((config, presents))
}

fn certified(identity: &ClientIdentity) -> Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
    let chain = CertificateDer::pem_slice_iter(&identity.cert_pem).collect::<Result<Vec<_>, _>>().ok()?;
    let key = PrivateKeyDer::from_pem_slice(&identity.key_pem).ok()?;
    Some((chain, key))
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// `GET /version` over the established connection; the status code of the answer.
fn get_version(
    connection: &mut ClientConnection,
    stream: &mut TcpStream,
    endpoint: &Endpoint,
    bearer: Option<&str>,
) -> io::Result<u16> {
    let mut tls = rustls::Stream::new(connection, stream);
    let authorization = bearer.map(|token| format!("Authorization: Bearer {token}\r\n")).unwrap_or_default();
    let request = format!(
        "GET /version HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\nUser-Agent: kubectl-ack-doctor\r\n{authorization}Connection: close\r\n\r\n",
        endpoint.address()
    );
    tls.write_all(request.as_bytes())?;
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.windows(2).any(|window| window == b"\r\n") && head.len() < 8192 {
        let read = tls.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    status_code(&head).ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "the answer is not HTTP"))
}

/// `HTTP/1.1 401 Unauthorized` → 401.
fn status_code(head: &[u8]) -> Option<u16> {
    let line = head.split(|byte| *byte == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?;
    let mut words = line.split_whitespace();
    words.next().filter(|version| version.starts_with("HTTP/"))?;
    words.next()?.parse().ok()
}

/// Verifies as told, and remembers the certificate the server presented, to explain a failure with it.
#[derive(Debug)]
struct Recorder {
    verifier: Verifier,
    presented: Mutex<Option<CertificateDer<'static>>>,
}

#[derive(Debug)]
enum Verifier {
    WebPki(Arc<WebPkiServerVerifier>),
    Anything(WebPkiSupportedAlgorithms),
}

impl Recorder {
    /// Fails when the CA store is empty: never fall back to trusting anything behind the caller's back.
    fn new(trust: &Trust) -> Result<Self, rustls::Error> {
        let verifier = match trust {
            Trust::Ca(roots) => WebPkiServerVerifier::builder_with_provider(Arc::new(roots.clone()), provider())
                .build()
                .map(Verifier::WebPki)
                .map_err(|error| rustls::Error::General(error.to_string()))?,
            Trust::Anything => Verifier::Anything(provider().signature_verification_algorithms),
        };
        Ok(Recorder { verifier, presented: Mutex::new(None) })
    }

    fn presented(&self) -> Option<CertificateDer<'static>> {
        self.presented.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn algorithms(&self) -> WebPkiSupportedAlgorithms {
        match &self.verifier {
            Verifier::WebPki(_) => provider().signature_verification_algorithms,
            Verifier::Anything(algorithms) => *algorithms,
        }
    }
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        *self.presented.lock().unwrap_or_else(PoisonError::into_inner) = Some(end_entity.clone().into_owned());
        match &self.verifier {
            Verifier::WebPki(webpki) => {
                webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            }
            Verifier::Anything(_) => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms())
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms().supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_give_host_and_port() {
        let parse = |url: &str| Endpoint::parse(url).map(|endpoint| (endpoint.host, endpoint.port));
        assert_eq!(parse("https://127.0.0.1:6443"), Some(("127.0.0.1".into(), 6443)));
        assert_eq!(parse("https://kubernetes.invalid"), Some(("kubernetes.invalid".into(), 443)));
        assert_eq!(parse("https://[::1]:6443/prefix"), Some(("::1".into(), 6443)));
        assert_eq!(parse("https://127.0.0.1:6443/k8s/clusters/c1"), Some(("127.0.0.1".into(), 6443)));
        for bad in ["http://127.0.0.1:6443", "https://", "https://h:port", "https://user@h:1", "127.0.0.1:6443"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(Endpoint::parse("https://[::1]:6443").unwrap().address(), "[::1]:6443");
    }

    #[test]
    fn the_status_code_is_read_from_the_status_line() {
        assert_eq!(status_code(b"HTTP/1.1 401 Unauthorized\r\ncontent-type: x\r\n"), Some(401));
        assert_eq!(status_code(b"HTTP/2 200\r\n"), Some(200));
        assert_eq!(status_code(b"\x15\x03\x03"), None);
        assert_eq!(status_code(b""), None);
    }

    #[test]
    fn a_port_nobody_listens_on_is_refused() {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let endpoint = Endpoint { host: "127.0.0.1".into(), port };
        let request = Request {
            endpoint: &endpoint,
            proxy: None,
            server_name: "127.0.0.1",
            trust: Trust::Anything,
            client: None,
            bearer: None,
            timeout: Duration::from_secs(1),
        };
        assert!(matches!(probe(&request), ProbeOutcome::Refused));
    }

    #[test]
    fn a_listener_that_never_answers_is_no_answer() {
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = Endpoint { host: "127.0.0.1".into(), port: silent.local_addr().unwrap().port() };
        let request = Request {
            endpoint: &endpoint,
            proxy: None,
            server_name: "127.0.0.1",
            trust: Trust::Anything,
            client: None,
            bearer: None,
            timeout: Duration::from_millis(200),
        };
        assert!(matches!(probe(&request), ProbeOutcome::Silent));
    }
}
