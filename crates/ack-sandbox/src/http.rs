//! HTTP plumbing shared by every fake service: loopback listeners, the accept loop (plain or TLS),
//! requests read whole, and responses that always carry `Content-Length`.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener as StdTcpListener};
use std::pin::Pin;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rustls::ServerConfig;
use rustls::pki_types::CertificateDer;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;

pub(crate) type Reply = Response<Full<Bytes>>;
pub(crate) type BoxedReply = Pin<Box<dyn Future<Output = Reply> + Send>>;
/// A whole service: one request in, one response out.
pub(crate) type Handler = Arc<dyn Fn(Received) -> BoxedReply + Send + Sync>;

/// A request read in full, with what the connection knows about the peer.
#[derive(Debug)]
pub(crate) struct Received {
    pub method: Method,
    /// The path exactly as sent (still percent-encoded).
    pub path: String,
    /// Query parameters, decoded, in the order sent.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The client certificate chain presented in the TLS handshake (empty for plain HTTP).
    pub peer_certificates: Arc<Vec<CertificateDer<'static>>>,
}

impl Received {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub(crate) fn query_value(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// Binds a listener on a loopback address. The sandbox never binds anything else: this is the only bind.
pub(crate) fn bind_loopback(ip: IpAddr, port: u16) -> io::Result<StdTcpListener> {
    assert!(ip.is_loopback(), "the sandbox binds loopback addresses only, not {ip}");
    let listener = StdTcpListener::bind(SocketAddr::new(ip, port))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Accepts connections until the runtime shuts down. With `tls`, each connection is a TLS server.
pub(crate) async fn serve(listener: StdTcpListener, tls: Option<Arc<ServerConfig>>, handler: Handler) {
    let listener = TcpListener::from_std(listener).expect("a non-blocking std listener");
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let handler = handler.clone();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            match acceptor {
                None => serve_connection(stream, Arc::new(Vec::new()), handler).await,
                Some(acceptor) => {
                    // A failed handshake (wrong CA on the client, a port scan) just drops the connection.
                    let Ok(tls_stream) = acceptor.accept(stream).await else { return };
                    let peer = tls_stream
                        .get_ref()
                        .1
                        .peer_certificates()
                        .map(|chain| chain.iter().map(|cert| cert.clone().into_owned()).collect())
                        .unwrap_or_default();
                    serve_connection(tls_stream, Arc::new(peer), handler).await
                }
            }
        });
    }
}

async fn serve_connection<IO>(io: IO, peer_certificates: Arc<Vec<CertificateDer<'static>>>, handler: Handler)
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let handler = handler.clone();
        let peer_certificates = peer_certificates.clone();
        async move {
            let reply = match read_whole(request, peer_certificates).await {
                Some(received) => handler(received).await,
                None => text(StatusCode::BAD_REQUEST, "text/plain", "unreadable request body"),
            };
            Ok::<_, Infallible>(reply)
        }
    });
    // Errors here are the client going away mid-request; nothing to report.
    let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(io), service).await;
}

async fn read_whole(
    request: Request<Incoming>,
    peer_certificates: Arc<Vec<CertificateDer<'static>>>,
) -> Option<Received> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.ok()?.to_bytes();
    Some(Received {
        method: parts.method,
        path: parts.uri.path().to_string(),
        query: parse_query(parts.uri.query().unwrap_or("")),
        headers: parts.headers,
        body,
        peer_certificates,
    })
}

/// Decodes `a=1&b=x%20y` into pairs (also used for form bodies).
pub(crate) fn parse_query(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes()).map(|(key, value)| (key.into_owned(), value.into_owned())).collect()
}

/// A JSON response with `Content-Length`.
pub(crate) fn json(status: StatusCode, value: &serde_json::Value) -> Reply {
    bytes(status, "application/json;charset=utf-8", Bytes::from(value.to_string()))
}

pub(crate) fn text(status: StatusCode, content_type: &str, body: &str) -> Reply {
    bytes(status, content_type, Bytes::from(body.to_string()))
}

pub(crate) fn bytes(status: StatusCode, content_type: &str, body: Bytes) -> Reply {
    let mut response = Response::new(Full::new(body.clone()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).expect("a valid content type"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    response
}

pub(crate) fn with_header(mut reply: Reply, name: &'static str, value: &str) -> Reply {
    if let Ok(value) = HeaderValue::from_str(value) {
        reply.headers_mut().insert(name, value);
    }
    reply
}

/// Turns an async fn taking `(state, request)` into a [`Handler`].
pub(crate) fn handler<S, F, Fut>(state: Arc<S>, f: F) -> Handler
where
    S: Send + Sync + 'static,
    F: Fn(Arc<S>, Received) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Reply> + Send + 'static,
{
    Arc::new(move |received| Box::pin(f(state.clone(), received)))
}
