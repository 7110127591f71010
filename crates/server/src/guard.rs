//! Hardening of the HTTP face: what stands between a socket and the handlers.
//!
//! - [`serve_guarded`]: the accept loop. Each connection gets [`HEADER_READ_TIMEOUT`] to send
//!   its request headers (also between keep-alive requests), lives at most
//!   [`CONNECTION_LIFETIME`], and at most [`MAX_CONNECTIONS`] are open at once (more are closed
//!   on accept), so stalled clients cannot starve `/healthz`.
//! - [`host_check`]: on a loopback server, requests whose `Host` is not a loopback name, or
//!   whose `Origin` is not a loopback origin, get 403 (DNS rebinding).
//! - [`token_check`]: `POST /api/documents` checks its bearer token before the body is read,
//!   comparing SHA-256 digests in constant time.
//! - [`json_errors`]: every error response is a JSON problem (`crate::ApiError`), 405 and path
//!   rejections included; a 500 says only "internal error" (its detail goes to stderr, never
//!   to the client: no file paths, no panic text).

use crate::{ApiError, AppState};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

/// Time a client has to send a request's headers (and, on a kept-alive connection, the next
/// request's headers).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a connection may stay open, whatever it does.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(300);
/// The most connections open at once; further connections are closed when accepted.
pub const MAX_CONNECTIONS: usize = 1024;
/// Largest error body read back when rewriting an error as JSON.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Serve `router` on `listener` with the limits above until `shutdown` resolves.
pub async fn serve_guarded(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let (stream, _peer) = tokio::select! {
            _ = &mut shutdown => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait a little, keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_LIFETIME, conn).await;
            drop(permit);
        });
    }
}

/// True for `localhost`, `*.localhost`, `127.x.x.x` and `::1`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((inside, after)) if after.is_empty() || after.starts_with(':') => inside,
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// On a loopback server: 403 unless `Host` names this machine and `Origin` (when sent) is a
/// loopback origin. A page on another site that rebinds its name to 127.0.0.1 sends its own
/// name as `Host`.
pub async fn host_check(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if st.loopback_only {
        let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).or_else(|| req.uri().authority().map(|a| a.as_str()));
        if !host.is_some_and(is_loopback_host) {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "this server is bound to loopback: the Host header must be localhost or a loopback address",
            )
            .into_response();
        }
        if let Some(origin) = req.headers().get(header::ORIGIN) {
            let ok = origin
                .to_str()
                .ok()
                .and_then(|o| o.strip_prefix("http://").or_else(|| o.strip_prefix("https://")))
                .is_some_and(is_loopback_host);
            if !ok {
                return ApiError::new(StatusCode::FORBIDDEN, "cross-origin request refused: the Origin must be a loopback origin")
                    .into_response();
            }
        }
    }
    next.run(req).await
}

/// Constant-time equality of two tokens (of their SHA-256 digests, so lengths leak nothing).
pub fn token_matches(given: &str, expected: &str) -> bool {
    let a = Sha256::digest(given.as_bytes());
    let b = Sha256::digest(expected.as_bytes());
    a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /api/documents`: the bearer token is checked before the body is read.
pub async fn token_check(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if req.method() == Method::POST {
        let Some(token) = st.token.as_deref() else {
            return ApiError::new(StatusCode::FORBIDDEN, "ingest over HTTP is disabled: start the server with a token").into_response();
        };
        let given = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if !given.is_some_and(|g| token_matches(g, token)) {
            return ApiError::new(StatusCode::UNAUTHORIZED, "missing or wrong bearer token").into_response();
        }
    }
    next.run(req).await
}

/// Every error response as JSON; 500s without their detail.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json") || v.starts_with(crate::PROBLEM_JSON));
    if is_json && status != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let detail = match axum::body::to_bytes(res.into_body(), ERROR_BODY_LIMIT).await {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(_) => String::new(),
    };
    let message = if status.is_server_error() {
        eprintln!("demarche serve: {status}: {}", detail.trim());
        "internal error".to_string()
    } else if status == StatusCode::METHOD_NOT_ALLOWED {
        match allow.as_ref().and_then(|a| a.to_str().ok()) {
            Some(a) => format!("method not allowed here (allowed: {a})"),
            None => "method not allowed here".to_string(),
        }
    } else if detail.trim().is_empty() || detail.len() > 300 {
        status.canonical_reason().unwrap_or("error").to_ascii_lowercase()
    } else {
        detail.trim().to_string()
    };
    let mut out = ApiError::new(status, message).into_response();
    if let Some(a) = allow {
        out.headers_mut().insert(header::ALLOW, a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for h in ["localhost", "localhost:8080", "127.0.0.1", "127.0.0.1:80", "[::1]:8080", "[::1]", "app.localhost:1", "LOCALHOST."] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in ["evil.com", "evil.com:8080", "127.0.0.1.evil.com", "localhost.evil.com", "[::1]x", "10.0.0.1:80", "", "0.0.0.0"] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    fn state(token: Option<&str>, loopback_only: bool) -> Arc<AppState> {
        let dir = std::env::temp_dir().join("demarche-guard-tests-none");
        let mut st = AppState::new(demarche_events::Coder::builtin().expect("coder"), dir.join("none.db"), token.map(str::to_string));
        st.loopback_only = loopback_only;
        Arc::new(st)
    }

    async fn call(app: &Router, req: Request<Body>) -> (StatusCode, String, serde_json::Value) {
        let res = app.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let ct = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        (status, ct, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
    }

    #[tokio::test]
    async fn every_error_is_json() {
        let app = crate::app(state(None, false));
        for (method, path, status) in [
            ("GET", "/api/code", StatusCode::METHOD_NOT_ALLOWED),
            ("DELETE", "/healthz", StatusCode::METHOD_NOT_ALLOWED),
            ("GET", "/no/such/thing", StatusCode::NOT_FOUND),
            ("GET", "/api/relations/%FF%FE/x", StatusCode::BAD_REQUEST),
            ("GET", "/api/documents/%C0", StatusCode::BAD_REQUEST),
        ] {
            let req = Request::builder().method(method).uri(path).body(Body::empty()).expect("request");
            let (s, ct, v) = call(&app, req).await;
            assert_eq!(s, status, "{method} {path}");
            assert_eq!(ct, crate::PROBLEM_JSON, "{method} {path}");
            assert!(v["error"].is_string() && v["detail"] == v["error"], "{method} {path}: {v}");
            assert_eq!(
                (v["status"].as_u64(), v["type"].as_str()),
                (Some(u64::from(status.as_u16())), Some("about:blank")),
                "{method} {path}"
            );
        }
    }

    #[tokio::test]
    async fn loopback_server_checks_host_and_origin() {
        let app = crate::app(state(None, true));
        let req = |host: &str, origin: Option<&str>| {
            let mut b = Request::get("/healthz").header(header::HOST, host);
            if let Some(o) = origin {
                b = b.header(header::ORIGIN, o);
            }
            b.body(Body::empty()).expect("request")
        };
        assert_eq!(call(&app, req("127.0.0.1:8080", None)).await.0, StatusCode::OK);
        assert_eq!(call(&app, req("localhost:8080", Some("http://localhost:8080"))).await.0, StatusCode::OK);
        let (s, _, v) = call(&app, req("rebind.attacker.example:8080", None)).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        assert!(v["error"].as_str().is_some_and(|e| e.contains("Host")));
        assert_eq!(call(&app, req("127.0.0.1:8080", Some("http://attacker.example"))).await.0, StatusCode::FORBIDDEN);
        // Not bound to loopback (--public): no Host check.
        let public = crate::app(state(None, false));
        assert_eq!(call(&public, req("demarche.example.org", None)).await.0, StatusCode::OK);
    }

    #[tokio::test]
    async fn token_is_checked_before_the_body() {
        let app = crate::app(state(Some("s3cret"), false));
        let post = |auth: Option<&str>, body: &str| {
            let mut b = Request::post("/api/documents").header(header::CONTENT_TYPE, "application/json");
            if let Some(a) = auth {
                b = b.header(header::AUTHORIZATION, a);
            }
            b.body(Body::from(body.to_string())).expect("request")
        };
        // A malformed (or huge) body with a wrong token is refused for the token, unread.
        assert_eq!(call(&app, post(Some("Bearer wrong"), "{not json")).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(call(&app, post(None, &"x".repeat(3 * 1024 * 1024))).await.0, StatusCode::UNAUTHORIZED);
        // The right token reaches the body's validation.
        assert_eq!(call(&app, post(Some("Bearer s3cret"), "{not json")).await.0, StatusCode::BAD_REQUEST);
        let off = crate::app(state(None, false));
        assert_eq!(call(&off, post(Some("Bearer s3cret"), "{}")).await.0, StatusCode::FORBIDDEN);
    }

    #[tokio::test]
    async fn extreme_dates_are_400_not_500() {
        let app = crate::app(state(None, false));
        for date in ["262143-12-31", "+10000-01-01", "0000-01-01", "-0001-01-01"] {
            let body = serde_json::json!({"text": "Yesterday Russia and Armenia held talks.", "date": date}).to_string();
            let req = Request::post("/api/code").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).expect("request");
            let (s, _, v) = call(&app, req).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{date}: {v}");
        }
        for date in ["9999-12-31", "0001-01-01"] {
            let body =
                serde_json::json!({"text": "Yesterday Russia and Armenia held talks. Tomorrow they meet, next week too.", "date": date})
                    .to_string();
            let req = Request::post("/api/code").header(header::CONTENT_TYPE, "application/json").body(Body::from(body)).expect("request");
            assert_eq!(call(&app, req).await.0, StatusCode::OK, "{date}");
        }
    }

    /// Send one raw HTTP request over a socket (`Connection: close`) and read the whole answer:
    /// (status, JSON body). The timeout only keeps a broken server from hanging the test.
    async fn over_socket(addr: std::net::SocketAddr, head: &str, body: &[u8]) -> (u16, serde_json::Value) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut request = head.as_bytes().to_vec();
        request.extend_from_slice(body);
        let exchange = async move {
            let s = tokio::net::TcpStream::connect(addr).await.expect("connect");
            let (mut r, mut w) = s.into_split();
            // Written while the answer is read: the server may answer (413) before the whole
            // body is sent.
            let writer = tokio::spawn(async move {
                let _ = w.write_all(&request).await;
                w
            });
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf).await;
            let _ = writer.await;
            buf
        };
        let buf = tokio::time::timeout(Duration::from_secs(600), exchange).await.expect("the server answers");
        let text = String::from_utf8_lossy(&buf);
        let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
        let json = text.split_once("\r\n\r\n").and_then(|(_, b)| serde_json::from_str(b).ok()).unwrap_or(serde_json::Value::Null);
        (status, json)
    }

    /// A guarded server on 127.0.0.1 for `st`; send on the channel to stop it.
    async fn spawn_server(
        st: Arc<AppState>,
    ) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<std::io::Result<()>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve_guarded(listener, crate::app(st), async move {
            let _ = stop_rx.await;
        }));
        (addr, stop_tx, server)
    }

    fn post_code(len: usize) -> String {
        format!("POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")
    }

    /// A `POST /api/code` body of exactly `size` bytes: one sentence with no full stop, of
    /// actors joined by "and" and verbs (the shape that was slowest before issue 17).
    fn big_code_body(size: usize) -> Vec<u8> {
        let head = br#"{"date":"2025-01-22","text":"Lavrov met "#;
        let tail = br#"Armenia"}"#;
        let units: [&[u8]; 4] =
            [b"Russia and Armenia, ", b"France condemned Germany and ", b"China (Iran) praised Turkey; ", b"Georgia and "];
        let mut v = head.to_vec();
        let mut i = 0;
        while v.len() + tail.len() < size {
            let u = units[i % units.len()];
            let room = size - tail.len() - v.len();
            v.extend_from_slice(&u[..u.len().min(room)]);
            i += 1;
        }
        v.extend_from_slice(tail);
        v
    }

    /// `POST /api/code` with a 2 MiB body (the body limit) over a socket answers within the
    /// time limit: coded (200, the over-long sentence split into pieces) or, when the machine
    /// is too slow, the time-limit error (503) — never a hang or a 500; one byte more is a 413;
    /// with a tiny time limit the answer is the 503, and the server goes on answering.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_mib_code_request_answers_within_the_time_limit() {
        let body = big_code_body(crate::BODY_LIMIT);
        assert_eq!(body.len(), 2 * 1024 * 1024);
        assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
        let (addr, stop, server) = spawn_server(state(None, true)).await;
        let (status, v) = over_socket(addr, &post_code(body.len()), &body).await;
        match status {
            200 => {
                let sentences = v["sentences"].as_array().map_or(0, Vec::len);
                assert!(sentences > 1000, "a 2 MiB sentence is coded in pieces: {sentences}");
                assert!(v["mentions"].as_array().is_some_and(|m| m.len() > 10_000));
                assert!(v["events"].as_array().is_some_and(|e| !e.is_empty()));
            }
            503 => assert!(v["error"].as_str().is_some_and(|e| e.contains("time limit")), "{v}"),
            other => panic!("2 MiB /api/code: status {other}: {v}"),
        }
        // One byte over the limit: 413, as JSON.
        let over = big_code_body(crate::BODY_LIMIT + 1);
        let (status, v) = over_socket(addr, &post_code(over.len()), &over).await;
        assert_eq!(status, 413, "{v}");
        assert!(v["error"].is_string(), "{v}");
        let (status, v) = over_socket(addr, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", b"").await;
        assert_eq!((status, v["status"].as_str()), (200, Some("ok")));
        let _ = stop.send(());
        let _ = server.await;

        // A time limit far below what 2 MiB needs: the answer is the 503, at the limit.
        let mut st =
            AppState::new(demarche_events::Coder::builtin().expect("coder"), std::env::temp_dir().join("demarche-guard-none.db"), None);
        st.time_limit = Duration::from_millis(1);
        let (addr, stop, server) = spawn_server(Arc::new(st)).await;
        let (status, v) = over_socket(addr, &post_code(body.len()), &body).await;
        assert_eq!(status, 503, "{v}");
        assert!(v["error"].as_str().is_some_and(|e| e.contains("time limit")), "{v}");
        let (status, _) = over_socket(addr, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", b"").await;
        assert_eq!(status, 200);
        let _ = stop.send(());
        let _ = server.await;
    }

    /// 500 connections that never finish their headers do not stop `/healthz` from answering,
    /// again and again, nor a coding request.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn stalled_connections_do_not_starve_healthz() {
        use tokio::io::AsyncWriteExt;
        let (addr, stop, server) = spawn_server(state(None, true)).await;
        let mut stalled = Vec::new();
        for _ in 0..500 {
            let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").await.expect("write");
            stalled.push(s);
        }
        for _ in 0..5 {
            let (status, v) = over_socket(addr, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", b"").await;
            assert_eq!((status, v["status"].as_str()), (200, Some("ok")), "{v}");
        }
        let body = br#"{"text":"Russia praised Armenia.","date":"2025-01-22"}"#;
        let (status, v) = over_socket(addr, &post_code(body.len()), body).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["events"][0]["code"].as_str().map(|c| &c[..2]), Some("05"), "{v}");
        // The stalled ones are still open (they are closed by the header timeout, not refused).
        assert_eq!(stalled.len(), 500);
        let _ = stop.send(());
        let _ = server.await;
    }

    #[test]
    fn tokens() {
        assert!(token_matches("s3cret", "s3cret"));
        assert!(!token_matches("s3cre", "s3cret"));
        assert!(!token_matches("", "s3cret"));
    }
}
