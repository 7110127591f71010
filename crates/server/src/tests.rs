//! API tests: the router driven without a socket.

use super::*;
use axum::body::Body;
use axum::http::Request;
use demarche_events::Coder;
use http_body_util::BodyExt;
use tower::ServiceExt;

fn state(dir: &std::path::Path, token: Option<&str>) -> Arc<AppState> {
    Arc::new(AppState::new(Coder::builtin().expect("coder"), dir.join("api.db"), token.map(str::to_string)))
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, serde_json::Value) {
    let res = app.clone().oneshot(req).await.expect("response");
    let status = res.status();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, v)
}

fn post(path: &str, body: serde_json::Value, token: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path).header("content-type", "application/json");
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(Body::from(body.to_string())).expect("request")
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

#[tokio::test]
async fn health_page_and_assets() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(state(dir.path(), None));
    let (s, v) = call(&app, get("/healthz")).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (s, v) = call(&app, get("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_str().is_some_and(|h| h.contains("<script src=\"/app.js\">")));
    let (s, _) = call(&app, get("/app.js")).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = call(&app, get("/map.js")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v.as_str().is_some_and(|js| js.contains("WORLD_PATH") && js.contains("drawDyadMap")));
    let (s, v) = call(&app, get("/nope")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].is_string());
}

#[tokio::test]
async fn code_returns_sections_mentions_and_events() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(state(dir.path(), None));
    let text = "Talks in Moscow\nQuestion: Will you visit?\nSergey Lavrov: I will pay a visit to Yerevan. Russia praised Armenia.\n";
    let (s, v) = call(&app, post("/api/code", serde_json::json!({"text": text, "date": "2025-01-22"}), None)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["sentences"][1]["section"], "question");
    assert_eq!(v["sentences"][2]["speaker"], "Sergey Lavrov");
    assert!(v["mentions"].as_array().is_some_and(|m| m.iter().any(|m| m["code"] == "ARMGOV")));
    let events = v["events"].as_array().expect("events");
    // a visit announced in the plain future is coded as the visit (as the gold codes it)
    assert!(events.iter().any(|e| e["code"] == "042" && e["source"] == "RUSGOV"), "{v}");
    // Nothing was stored.
    assert!(!dir.path().join("api.db").exists());
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    let dir = tempfile::tempdir().expect("dir");
    let app = app(state(dir.path(), None));
    let (s, v) = call(&app, post("/api/code", serde_json::json!({"text": "x", "date": "yesterday"}), None)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().is_some_and(|e| e.contains("YYYY-MM-DD")));
    let req = Request::post("/api/code").header("content-type", "application/json").body(Body::from("{not json")).expect("req");
    let (s, v) = call(&app, req).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].is_string());
    let big = "a".repeat(BODY_LIMIT + 10);
    let (s, v) = call(&app, post("/api/code", serde_json::json!({"text": big}), None)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{v}");
    assert!(v["error"].is_string());
    let (s, _) = call(&app, get("/api/relations/RUS/ARM")).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "no database yet");
}

#[tokio::test]
async fn ingest_needs_the_token_then_everything_is_queryable() {
    let dir = tempfile::tempdir().expect("dir");
    let closed = app(state(dir.path(), None));
    let doc = serde_json::json!({"id": "d1", "date": "2025-01-22", "text": "Russia praised Armenia yesterday. Armenia thanked Russia."});
    let (s, _) = call(&closed, post("/api/documents", doc.clone(), Some("x"))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let app = app(state(dir.path(), Some("s3cret")));
    let (s, _) = call(&app, post("/api/documents", doc.clone(), None)).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = call(&app, post("/api/documents", doc.clone(), Some("wrong"))).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, v) = call(&app, post("/api/documents", doc.clone(), Some("s3cret"))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!((v["written"].as_str(), v["events"].as_u64()), (Some("new"), Some(2)));
    let (_, v) = call(&app, post("/api/documents", doc, Some("s3cret"))).await;
    assert_eq!(v["written"], "unchanged");

    let (s, v) = call(&app, get("/api/relations/RUS/ARM?by=month")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["rows"][0]["period"], "2025-01");
    assert_eq!(v["total"]["both"]["all"]["events"], 2);
    assert!(v["gap"]["statement"].is_string());
    let (s, _) = call(&app, get("/api/relations/RUS/ARM?by=fortnight")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    let (s, v) = call(&app, get("/api/events?dyad=RUS-ARM&per_page=1&page=2")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((v["total"].as_u64(), v["events"].as_array().map(Vec::len)), (Some(2), Some(1)));
    // Keyset pagination: the first page's next_cursor gives the second page.
    let (_, first) = call(&app, get("/api/events?dyad=RUS-ARM&per_page=1")).await;
    let cursor = first["next_cursor"].as_str().expect("next_cursor").to_string();
    assert_eq!(first["total_capped"], false);
    let (s, second) = call(&app, get(&format!("/api/events?dyad=RUS-ARM&per_page=1&cursor={cursor}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(second["events"][0], v["events"][0]);
    let (s, _) = call(&app, get("/api/events?cursor=nonsense")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, v) = call(&app, get("/api/events?page=1000000&per_page=1000")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().is_some_and(|e| e.contains("next_cursor")));
    let (s, _) = call(&app, get("/api/events?code=abc")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    let (s, v) = call(&app, get("/api/documents/d1")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["sentences"].as_array().map(Vec::len), Some(2));
    assert!(v["mentions"].as_array().is_some_and(|m| m.len() >= 4));
    assert_eq!(v["events"].as_array().map(Vec::len), Some(2));
    let (s, _) = call(&app, get("/api/documents/none")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// A read over the time limit gets a 503 JSON error at the limit (the query itself is
/// interrupted: `demarche-store`'s `interrupt_cancels_a_running_query`), and the server goes
/// on answering.
#[tokio::test]
async fn time_limit_gives_503() {
    let dir = tempfile::tempdir().expect("dir");
    let st = state(dir.path(), Some("t"));
    let app = app(st.clone());
    let (s, _) = call(
        &app,
        post("/api/documents", serde_json::json!({"id": "d1", "text": "Russia praised Armenia.", "date": "2025-01-22"}), Some("t")),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let mut slow = AppState::new(Coder::builtin().expect("coder"), dir.path().join("api.db"), None);
    slow.time_limit = Duration::from_millis(50);
    let slow = Arc::new(slow);
    // The read cannot finish until the test releases it, so the 503 must come from the time
    // limit, while the work is still running (no clock in the assertion).
    let (release, wait) = std::sync::mpsc::channel::<()>();
    let r = read(slow.clone(), move |s| {
        let _ = wait.recv_timeout(Duration::from_secs(60));
        Ok(s.counts()?)
    })
    .await;
    let e = r.expect_err("over the limit");
    assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(e.message.contains("time limit"), "{}", e.message);
    let _ = release.send(());
    let (s, v) = call(&app, get("/api/events?dyad=RUS-ARM")).await;
    assert_eq!((s, v["events"].as_array().map(Vec::len)), (StatusCode::OK, Some(1)));
    // A quick read on the slow state's pool works too.
    assert!(read(slow, |s| Ok(s.counts()?)).await.is_ok());
}
