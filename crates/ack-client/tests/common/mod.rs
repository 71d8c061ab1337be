//! A scripted HTTP/1.1 server on loopback for the tests that need answers the sandbox does not give
//! (redirects, endless bodies, odd content types) or that must prove a host was never contacted.
//!
//! Each connection carries one request and is closed after the answer (`Connection: close`), so the
//! connection count is also the request count.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
}

/// What the server sends back.
pub enum Reply {
    /// Status, headers and a body sent with its `Content-Length`.
    Full { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// A chunked body that never ends (until the client goes away).
    EndlessChunked { status: u16, content_type: String },
    /// A `Content-Length` of `claimed` bytes, then zeros until the client goes away.
    Claimed { status: u16, claimed: u64 },
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::with_type(status, "application/json;charset=utf-8", body)
    }

    pub fn with_type(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Full { status, headers: vec![("Location".into(), location.into())], body: Vec::new() }
    }

    pub fn empty(status: u16) -> Reply {
        Reply::Full { status, headers: Vec::new(), body: Vec::new() }
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

/// A running server; it stops with the test process.
pub struct Server {
    port: u16,
    connections: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (count, log) = (connections.clone(), seen.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                let (handler, log) = (handler.clone(), log.clone());
                std::thread::spawn(move || serve(stream, handler.as_ref(), &log));
            }
        });
        Server { port, connections, seen }
    }

    /// A server that must never be contacted: it answers 500 and counts.
    pub fn untouchable() -> Server {
        Server::start(|_| Reply::json(500, r#"{"code":"ShouldNotBeCalled"}"#))
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(reader_stream) = stream.try_clone() else { return };
    let mut reader = BufReader::new(reader_stream);
    let Some(request) = read_request(&mut reader) else { return };
    log.lock().unwrap().push(request.clone());
    let _ = write_reply(stream, handler(&request));
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Seen> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen { method, target, headers, body })
}

fn write_reply(mut stream: TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Full { status, headers, body } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\nConnection: close\r\n", reason(status));
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)
        }
        Reply::EndlessChunked { status, content_type } => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nConnection: close\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n",
                reason(status)
            );
            stream.write_all(head.as_bytes())?;
            let chunk = vec![b'A'; 64 * 1024];
            loop {
                stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())?;
                stream.write_all(&chunk)?;
                stream.write_all(b"\r\n")?;
            }
        }
        Reply::Claimed { status, claimed } => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {claimed}\r\n\r\n",
                reason(status)
            );
            stream.write_all(head.as_bytes())?;
            let zeros = vec![b' '; 64 * 1024];
            let mut sent = 0u64;
            while sent < claimed {
                stream.write_all(&zeros)?;
                sent += zeros.len() as u64;
            }
            Ok(())
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        500 => "Internal Server Error",
        _ => "Whatever",
    }
}

/// An STS-shaped credentials object (AccessKeyId, AccessKeySecret, SecurityToken, Expiration) valid for a day.
pub fn sts_credentials_json(access_key_id: &str) -> String {
    let expiration = time::OffsetDateTime::now_utc() + time::Duration::days(1);
    let expiration = expiration.replace_nanosecond(0).unwrap();
    let expiration = expiration.format(&time::format_description::well_known::Rfc3339).unwrap();
    format!(
        r#"{{"AccessKeyId":"{access_key_id}","AccessKeySecret":"secret-of-{access_key_id}","SecurityToken":"token-of-{access_key_id}","Expiration":"{expiration}"}}"#
    )
}
