//! The HTTP face of demarche: a JSON API and a web page, served by one axum router.
//!
//! [`app`] builds the router from an [`AppState`] (the coder, the database path, the ingest
//! token), so tests drive it without a socket. Routes:
//!
//! | route | what |
//! |---|---|
//! | `GET /healthz` | liveness |
//! | `POST /api/code` | `{text, date?, title?}` → sentences, mentions and events, not stored |
//! | `GET /api/events` | the filters of `demarche events` (`dyad`, `actor`, `code`, `from`, `to`, `section`), paginated (`page`, `per_page` ≤ 1000; or `cursor` = the previous page's `next_cursor`); `total` is counted up to 100,000 (`total_capped`) |
//! | `GET /api/relations/{a}/{b}` | the `relations` series (`by`, `from`, `to`) with the gap |
//! | `GET /api/documents/{id}` | a stored document with sections, mentions and events as spans |
//! | `POST /api/documents` | ingest `{id?, text, date?, title?, source?, url?}`; needs `Authorization: Bearer TOKEN` |
//! | `GET /api/openapi.json` | the OpenAPI 3.1 description of these routes ([`openapi`]) |
//! | `GET /`, `/app.js`, `/app.css` | the dashboard, embedded in the binary |
//!
//! Errors are RFC 9457 problem details (`application/problem+json`: `type`, `title`, `status`,
//! `detail`), with `error` repeating `detail` for older clients; bodies over the limit get 413.
//!
//! Reads run on a pool of SQLite connections (WAL readers: a slow query never blocks another
//! request) within [`AppState::time_limit`]: past it the query is interrupted and the answer
//! is a 503 JSON error; `POST /api/code` stops coding at the same limit (503 too). Writes
//! (`POST /api/documents`) go through one writer connection.
//! The limits against hostile clients (timeouts, connection limit, Host check, token check
//! before the body, no internals in errors) are in [`guard`].

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use demarche_events::EventCoder;
use demarche_store::{EventFilter, Period, RelationsQuery, Store};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub mod guard;
pub mod openapi;

/// Largest request body accepted (413 above).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");
const MAP_JS: &str = include_str!("../assets/map.js");

/// Shared state of the server.
pub struct AppState {
    /// The event coder: built-in patterns, TABARI/PETRARCH dictionaries or both
    /// (`demarche_events::load`).
    pub coder: Box<dyn EventCoder>,
    /// The database, opened on first use (created by the first ingest).
    pub db: PathBuf,
    /// Bearer token that allows `POST /api/documents`; ingest is disabled without one.
    pub token: Option<String>,
    /// How long a read request may run before its query is interrupted (503).
    pub time_limit: Duration,
    /// Idle read connections (WAL readers: they never wait for the writer or for each other).
    readers: Mutex<Vec<Store>>,
    /// The one writer connection.
    writer: Mutex<Option<Store>>,
    /// Bound to a loopback address: requests must name a loopback `Host` (and `Origin`).
    pub loopback_only: bool,
}

/// The default per-request time limit.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);
/// Idle read connections kept open.
const IDLE_READERS: usize = 16;

impl AppState {
    /// State for a coder, a database path and an optional ingest token.
    pub fn new(coder: impl EventCoder + 'static, db: PathBuf, token: Option<String>) -> AppState {
        AppState {
            coder: Box::new(coder),
            db,
            token,
            time_limit: DEFAULT_TIME_LIMIT,
            loopback_only: false,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(None),
        }
    }

    fn take_reader(&self) -> Result<Store, ApiError> {
        if let Some(s) = self.readers.lock().map_err(|_| ApiError::internal("the reader pool lock is poisoned"))?.pop() {
            return Ok(s);
        }
        if !self.db.exists() {
            return Err(ApiError::new(StatusCode::NOT_FOUND, format!("no database at {} yet: ingest documents first", self.db.display())));
        }
        // Readers never write: a read-only connection (the writer below migrates and writes).
        Store::open_read_only(&self.db).map_err(|e| ApiError::internal(e.to_string()))
    }

    fn put_reader(&self, store: Store) {
        if let Ok(mut pool) = self.readers.lock() {
            if pool.len() < IDLE_READERS {
                pool.push(store);
            }
        }
    }

    fn with_writer<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let mut guard = self.writer.lock().map_err(|_| ApiError::internal("the writer lock is poisoned"))?;
        if guard.is_none() {
            *guard = Some(Store::open(&self.db).map_err(|e| ApiError::internal(e.to_string()))?);
        }
        match guard.as_mut() {
            Some(store) => f(store),
            None => Err(ApiError::internal("the store is not open")),
        }
    }
}

/// Run a read on a pooled connection, off the async threads, within the state's time limit:
/// past it, the SQLite query is interrupted and the client gets a 503 JSON error. Slow reads
/// never block other requests (each has its own connection).
async fn read<T: Send + 'static>(st: Arc<AppState>, f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    let slot: Arc<Mutex<Option<demarche_store::Interrupt>>> = Arc::new(Mutex::new(None));
    let (st2, slot2) = (st.clone(), slot.clone());
    let task = tokio::task::spawn_blocking(move || {
        let store = st2.take_reader()?;
        if let Ok(mut s) = slot2.lock() {
            *s = Some(store.interrupt_handle());
        }
        let out = f(&store);
        // Cleared before the connection goes back to the pool, so a late interrupt can never
        // reach another request's query.
        if let Ok(mut s) = slot2.lock() {
            *s = None;
        }
        st2.put_reader(store);
        out
    });
    match tokio::time::timeout(st.time_limit, task).await {
        Ok(joined) => joined.map_err(|e| ApiError::internal(e.to_string()))?,
        Err(_) => {
            if let Some(h) = slot.lock().ok().and_then(|mut s| s.take()) {
                h.interrupt();
            }
            Err(timed_out(st.time_limit))
        }
    }
}

fn timed_out(limit: Duration) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query ran over the time limit of {:.1}s and was cancelled: narrow the filter (dyad, dates) or page with cursor",
            limit.as_secs_f64()
        ),
    )
}

/// An API error: a status and a message, sent as JSON.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
    fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

/// The media type of error bodies (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

impl IntoResponse for ApiError {
    /// An RFC 9457 problem: `type` is `about:blank` (the status says what kind of problem it
    /// is), `title` the status's reason phrase, `detail` the message; `error` repeats the
    /// message (the body before problem details, kept for compatibility).
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "type": "about:blank",
            "title": self.status.canonical_reason().unwrap_or("Error"),
            "status": self.status.as_u16(),
            "detail": self.message,
            "error": self.message,
        });
        (self.status, [(header::CONTENT_TYPE, PROBLEM_JSON)], body.to_string()).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        ApiError::new(r.status(), r.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::new(r.status(), r.body_text())
    }
}

impl From<demarche_store::StoreError> for ApiError {
    fn from(e: demarche_store::StoreError) -> ApiError {
        match e {
            demarche_store::StoreError::Invalid(m) => ApiError::bad(m),
            e if e.is_interrupted() => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the query was cancelled (time limit)"),
            e => ApiError::internal(e.to_string()),
        }
    }
}

/// JSON body extractor whose rejections are JSON errors (413 for an oversized body).
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(v) = axum::Json::<T>::from_request(req, state).await?;
        Ok(Json(v))
    }
}

/// Query extractor whose rejections are JSON errors.
pub struct Q<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(v) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(Q(v))
    }
}

/// The router.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(|| async { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX_HTML) }))
        .route("/app.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], APP_JS) }))
        .route("/app.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS) }))
        .route("/map.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], MAP_JS) }))
        .route("/healthz", get(|| async { axum::Json(serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})) }))
        .route("/api/openapi.json", get(|| async { axum::Json(openapi::document()) }))
        .route("/api/code", post(code))
        .route("/api/events", get(events))
        .route("/api/relations/{a}/{b}", get(relations))
        .route("/api/documents/{id}", get(document))
        .route("/api/documents", post(ingest).route_layer(axum::middleware::from_fn_with_state(state.clone(), guard::token_check)))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such route") })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::host_check))
        .layer(axum::middleware::from_fn(guard::json_errors))
        .with_state(state)
}

#[derive(Deserialize)]
struct CodeRequest {
    text: String,
    date: Option<String>,
    title: Option<String>,
}

fn parse_date(d: Option<&str>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    match d.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) => demarche_core::dates::parse_date(d)
            .map(Some)
            .ok_or_else(|| ApiError::bad(format!("date {d:?} is not YYYY-MM-DD between 0001-01-01 and 9999-12-31"))),
    }
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    index: usize,
    line: usize,
    start: usize,
    end: usize,
    section: &'static str,
    speaker: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    sentence: usize,
    start: usize,
    end: usize,
    text: &'a str,
    code: &'a str,
    kind: demarche_actors::MentionKind,
    resolved_from: Option<&'a str>,
}

async fn code(State(st): State<Arc<AppState>>, Json(req): Json<CodeRequest>) -> Result<Response, ApiError> {
    if req.text.trim().is_empty() {
        return Err(ApiError::bad("\"text\" is empty"));
    }
    let date = parse_date(req.date.as_deref())?;
    let st2 = st.clone();
    // Coding stops at the time limit (the thread is not kept busy for a client already
    // answered); the answer is then a 503, never a partial result.
    let deadline = std::time::Instant::now() + st.time_limit;
    let task = tokio::task::spawn_blocking(move || {
        let ctx = demarche_segment::Context { title: req.title.as_deref(), ..Default::default() };
        let coded = st2.coder.code_within("request", &req.text, &ctx, date, Some(deadline));
        if std::time::Instant::now() >= deadline {
            return None;
        }
        let text = &req.text;
        let sentences: Vec<SentenceOut> = coded
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceOut {
                index: i,
                line: s.line,
                start: s.span.start,
                end: s.span.end,
                section: s.section.as_str(),
                speaker: s.speaker.as_deref(),
                text: s.span.slice(text),
            })
            .collect();
        let mentions: Vec<MentionOut> = coded
            .actors
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                a.mentions.iter().map(move |m| MentionOut {
                    sentence: i,
                    start: m.span.start,
                    end: m.span.end,
                    text: m.span.slice(text),
                    code: &m.code,
                    kind: m.kind,
                    resolved_from: m.resolved_from.as_deref(),
                })
            })
            .collect();
        Some(serde_json::json!({"date": date.map(|d| d.to_string()), "sentences": sentences, "mentions": mentions, "events": coded.events}))
    });
    let over = || {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("coding ran over the time limit of {:.1}s: send a shorter text", st.time_limit.as_secs_f64()),
        )
    };
    match tokio::time::timeout(st.time_limit, task).await {
        Ok(Ok(Some(result))) => Ok(axum::Json(result).into_response()),
        Ok(Ok(None)) | Err(_) => Err(over()),
        Ok(Err(e)) => Err(ApiError::internal(e.to_string())),
    }
}

#[derive(Deserialize, Default)]
struct EventsQuery {
    dyad: Option<String>,
    actor: Option<String>,
    code: Option<String>,
    from: Option<String>,
    to: Option<String>,
    section: Option<String>,
    page: Option<usize>,
    per_page: Option<usize>,
    cursor: Option<String>,
}

/// Most rows a page may have (`per_page` is clamped to it).
pub const MAX_PER_PAGE: usize = 1000;
/// Deepest offset `page` may reach; deeper pages use `cursor` (keyset pagination).
pub const MAX_OFFSET: usize = 100_000;
/// `total` is counted up to this many events (then `total_capped` is true).
pub const TOTAL_CAP: u64 = 100_000;

async fn events(State(st): State<Arc<AppState>>, Q(q): Q<EventsQuery>) -> Result<Response, ApiError> {
    let dyad = match q.dyad.as_deref() {
        None | Some("") => None,
        Some(d) => match d.split_once('-') {
            Some((a, b)) => Some((a.to_string(), b.to_string())),
            None => return Err(ApiError::bad(format!("dyad expects A-B such as RUS-ARM, found {d:?}"))),
        },
    };
    for d in [&q.from, &q.to] {
        parse_date(d.as_deref())?;
    }
    let per_page = q.per_page.unwrap_or(50).clamp(1, MAX_PER_PAGE);
    let page = q.page.unwrap_or(1).max(1);
    let cursor = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(demarche_store::Cursor::parse(c)?),
        None => None,
    };
    let offset = if cursor.is_some() { 0 } else { (page - 1).saturating_mul(per_page) };
    if offset > MAX_OFFSET {
        return Err(ApiError::bad(format!(
            "page {page} is too deep for page numbers (offset {offset} > {MAX_OFFSET}): follow next_cursor with ?cursor= instead"
        )));
    }
    let f = EventFilter {
        dyad,
        actor: q.actor.filter(|s| !s.is_empty()),
        code: q.code.filter(|s| !s.is_empty()),
        from: q.from.filter(|s| !s.is_empty()),
        to: q.to.filter(|s| !s.is_empty()),
        section: q.section.filter(|s| !s.is_empty()),
        limit: per_page,
        offset,
        document: None,
        cursor,
        place: Default::default(),
    };
    let out = read(st, move |s| {
        {
            let (total, capped) = s.count_events_capped(&f, TOTAL_CAP)?;
            let rows = s.events(&f)?;
            let next = (rows.len() == per_page).then(|| rows.last().map(|e| demarche_store::Cursor::after(e).to_string())).flatten();
            Ok(serde_json::json!({"page": page, "per_page": per_page, "total": total, "total_capped": capped, "next_cursor": next, "events": rows}))
        }
    })
    .await?;
    Ok(axum::Json(out).into_response())
}

#[derive(Deserialize, Default)]
struct RelQuery {
    by: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

async fn relations(State(st): State<Arc<AppState>>, Path((a, b)): Path<(String, String)>, Q(q): Q<RelQuery>) -> Result<Response, ApiError> {
    let by = match q.by.as_deref() {
        None | Some("") => Period::Month,
        Some(p) => Period::parse(p).ok_or_else(|| ApiError::bad(format!("by must be day, week, month or year, found {p:?}")))?,
    };
    parse_date(q.from.as_deref())?;
    parse_date(q.to.as_deref())?;
    let rq =
        RelationsQuery { from: q.from.filter(|s| !s.is_empty()), to: q.to.filter(|s| !s.is_empty()), ..RelationsQuery::new(&a, &b, by) };
    let out = read(st, move |s| Ok(s.relations(&rq)?)).await?;
    Ok(axum::Json(out).into_response())
}

async fn document(State(st): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let key = id.clone();
    let out = read(st, move |s| Ok(s.document(&key)?)).await?;
    match out {
        Some(d) => Ok(axum::Json(d).into_response()),
        None => Err(ApiError::new(StatusCode::NOT_FOUND, format!("no document {id:?}"))),
    }
}

#[derive(Deserialize)]
struct IngestRequest {
    id: Option<String>,
    text: String,
    date: Option<String>,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

async fn ingest(State(st): State<Arc<AppState>>, headers: HeaderMap, Json(req): Json<IngestRequest>) -> Result<Response, ApiError> {
    let Some(token) = st.token.as_deref() else {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "ingest over HTTP is disabled: start the server with --token"));
    };
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| guard::token_matches(g, token)) {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "missing or wrong bearer token"));
    }
    if req.text.trim().is_empty() {
        return Err(ApiError::bad("\"text\" is empty"));
    }
    let date = parse_date(req.date.as_deref())?;
    let out = tokio::task::spawn_blocking(move || {
        let id = req.id.clone().unwrap_or_else(|| format!("api-{}", short_hash(&req.text)));
        let mut doc = demarche_documents::Document::from_text(id.clone(), req.text, date);
        doc.origin = "api".into();
        doc.title = req.title;
        doc.source = req.source;
        doc.url = req.url;
        let coded = st.coder.code(&doc.id, &doc.text, doc.title.as_deref(), doc.date);
        st.with_writer(|s| {
            let w = s.write_batch(&[(&doc, &coded)])?;
            let written = match w.first() {
                Some(demarche_store::Written::New) => "new",
                Some(demarche_store::Written::Replaced) => "replaced",
                _ => "unchanged",
            };
            Ok(serde_json::json!({"id": id, "written": written, "sentences": coded.sentences.len(), "events": coded.events.len()}))
        })
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))??;
    Ok((StatusCode::CREATED, axum::Json(out)).into_response())
}

fn short_hash(text: &str) -> String {
    // FNV-1a: a stable id for a pasted text.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.as_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// Serve until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    guard::serve_guarded(listener, app(state), shutdown).await
}

#[cfg(test)]
mod tests;
