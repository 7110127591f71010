//! The OpenAPI 3.1 description of the API, served at `GET /api/openapi.json`.
//!
//! The handlers answer with `serde_json` values built in place, so no macro can derive their
//! shapes; the document is data (`openapi.json` beside this file), held true by the tests below:
//! every route of the router is documented with its method and every documented operation is
//! routed; documented parameters are the fields the handlers read; and real answers of each
//! route (errors included) match their documented schemas.

use serde_json::Value;

const DOCUMENT: &str = include_str!("openapi.json");

/// The OpenAPI document, with this build's version.
pub fn document() -> Value {
    let mut doc: Value = match serde_json::from_str(DOCUMENT) {
        Ok(v) => v,
        // The tests parse it: an invalid document never ships.
        Err(e) => {
            serde_json::json!({"openapi": "3.1.0", "info": {"title": "demarche API", "version": env!("CARGO_PKG_VERSION"), "description": e.to_string()}, "paths": {}})
        }
    };
    doc["info"]["version"] = Value::from(env!("CARGO_PKG_VERSION"));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{app, AppState, Router};
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use demarche_events::Coder;
    use http_body_util::BodyExt;
    use std::collections::BTreeSet;
    use std::sync::Arc;
    use tower::ServiceExt;

    /// `(METHOD, path)` of every `.route(...)` in the router's source.
    fn routed() -> BTreeSet<(String, String)> {
        let src = include_str!("lib.rs");
        let mut out = BTreeSet::new();
        for piece in src.split(".route(\"").skip(1) {
            let Some((path, rest)) = piece.split_once('"') else { continue };
            let rest = rest.trim_start_matches(',').trim_start();
            for method in ["get", "post", "put", "delete", "patch"] {
                // `get(handler)`, `post(ingest).route_layer(...)`, `get(..).post(..)`.
                if rest.starts_with(&format!("{method}(")) || rest.contains(&format!(").{method}(")) {
                    out.insert((method.to_string(), path.to_string()));
                }
            }
        }
        out
    }

    fn documented(doc: &Value) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("path item").keys() {
                out.insert((method.clone(), path.clone()));
            }
        }
        out
    }

    #[test]
    fn every_route_is_documented_and_every_documented_route_exists() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
        let routes = routed();
        assert!(routes.len() >= 10, "the route scan found too few routes: {routes:?}");
        assert_eq!(routes, documented(&doc), "router (left) and openapi.json (right) differ");
    }

    #[test]
    fn every_reference_resolves_and_every_operation_answers() {
        let doc = document();
        let text = doc.to_string();
        for piece in text.split("\"$ref\":\"").skip(1) {
            let r = piece.split('"').next().expect("ref");
            let name = r.strip_prefix("#/components/schemas/").expect("local schema ref");
            assert!(doc["components"]["schemas"][name].is_object(), "unresolved {r}");
        }
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for (method, op) in item.as_object().expect("item") {
                assert!(op["operationId"].is_string() && op["summary"].is_string(), "{method} {path}");
                assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path} has no responses");
                // Path parameters are declared, and declared ones are in the path.
                let in_path: BTreeSet<&str> = path.split('{').skip(1).filter_map(|p| p.split('}').next()).collect();
                let declared: BTreeSet<&str> = op["parameters"]
                    .as_array()
                    .map(|ps| ps.iter().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect())
                    .unwrap_or_default();
                assert_eq!(in_path, declared, "{method} {path}");
            }
        }
    }

    /// The query parameters documented are the fields each handler reads (its query struct).
    #[test]
    fn query_parameters_are_the_handlers_fields() {
        let doc = document();
        let src = include_str!("lib.rs");
        for (path, strukt) in [("/api/events", "struct EventsQuery {"), ("/api/relations/{a}/{b}", "struct RelQuery {")] {
            let body = src.split(strukt).nth(1).and_then(|b| b.split('}').next()).expect("query struct");
            let fields: BTreeSet<&str> =
                body.lines().filter_map(|l| l.trim().split_once(':').map(|(n, _)| n.trim())).filter(|n| !n.is_empty()).collect();
            let params: BTreeSet<&str> = doc["paths"][path]["get"]["parameters"]
                .as_array()
                .expect("parameters")
                .iter()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str())
                .collect();
            assert_eq!(fields, params, "{path}");
        }
    }

    /// Does `v` match `schema`: types (with `null` unions), required properties, declared
    /// properties' schemas, array items, enums and consts. Enough of JSON Schema for these
    /// documents; returns the first mismatch.
    fn check(doc: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
        if let Some(r) = schema["$ref"].as_str() {
            let name = r.trim_start_matches("#/components/schemas/");
            return check(doc, &doc["components"]["schemas"][name], v, at);
        }
        let kinds: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let kind_ok = |k: &str| match k {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        };
        if !kinds.is_empty() && !kinds.iter().any(|k| kind_ok(k)) {
            return Err(format!("{at}: {v} is not {kinds:?}"));
        }
        if let Some(e) = schema["enum"].as_array() {
            if !v.is_null() && !e.contains(v) {
                return Err(format!("{at}: {v} not in {e:?}"));
            }
        }
        if !schema["const"].is_null() && schema["const"] != *v {
            return Err(format!("{at}: {v} is not {}", schema["const"]));
        }
        if let Some(obj) = v.as_object() {
            for r in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                if !obj.contains_key(r) {
                    return Err(format!("{at}: missing {r}"));
                }
            }
            if let Some(props) = schema["properties"].as_object() {
                for (k, s) in props {
                    if let Some(x) = obj.get(k) {
                        check(doc, s, x, &format!("{at}.{k}"))?;
                    }
                }
            }
        }
        if let (Some(items), Some(xs)) = (schema.get("items"), v.as_array()) {
            for (i, x) in xs.iter().enumerate() {
                check(doc, items, x, &format!("{at}[{i}]"))?;
            }
        }
        Ok(())
    }

    async fn call(app: &Router, req: Request<Body>) -> (StatusCode, String, Value) {
        let res = app.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let ct = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        (status, ct, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    /// The documented schema of a response, for its status and media type.
    fn response_schema<'a>(doc: &'a Value, method: &str, path: &str, status: StatusCode, ct: &str) -> &'a Value {
        let media = ct.split(';').next().unwrap_or("");
        let r = &doc["paths"][path][method]["responses"][status.as_str()];
        assert!(r.is_object(), "{method} {path}: status {status} is not documented");
        let s = &r["content"][media]["schema"];
        assert!(s.is_object(), "{method} {path} {status}: media type {media} is not documented");
        s
    }

    #[tokio::test]
    async fn answers_match_the_documented_schemas() {
        let dir = tempfile::tempdir().expect("dir");
        let state = Arc::new(AppState::new(Coder::builtin().expect("coder"), dir.path().join("api.db"), Some("tok".into())));
        let app = app(state);
        let doc = document();
        let json = |method: &str, uri: &str, body: Option<Value>, token: bool| {
            let mut b = Request::builder().method(method).uri(uri);
            if body.is_some() {
                b = b.header("content-type", "application/json");
            }
            if token {
                b = b.header("authorization", "Bearer tok");
            }
            b.body(body.map_or_else(Body::empty, |v| Body::from(v.to_string()))).expect("request")
        };
        let text = "Talks in Moscow\nSergey Lavrov: Russia praised Armenia. Iran condemned Israel in Tehran.\n";
        let cases: Vec<(&str, &str, Request<Body>, StatusCode)> = vec![
            ("get", "/api/events", json("GET", "/api/events", None, false), StatusCode::NOT_FOUND),
            (
                "post",
                "/api/documents",
                json("POST", "/api/documents", Some(serde_json::json!({"id": "d1", "text": text, "date": "2025-01-22"})), false),
                StatusCode::UNAUTHORIZED,
            ),
            (
                "post",
                "/api/documents",
                json(
                    "POST",
                    "/api/documents",
                    Some(serde_json::json!({"id": "d1", "text": text, "date": "2025-01-22", "title": "Talks"})),
                    true,
                ),
                StatusCode::CREATED,
            ),
            (
                "post",
                "/api/code",
                json("POST", "/api/code", Some(serde_json::json!({"text": text, "date": "2025-01-22"})), false),
                StatusCode::OK,
            ),
            (
                "post",
                "/api/code",
                json("POST", "/api/code", Some(serde_json::json!({"text": text, "date": "22/01/2025"})), false),
                StatusCode::BAD_REQUEST,
            ),
            ("get", "/api/events", json("GET", "/api/events?dyad=RUS-ARM&per_page=1", None, false), StatusCode::OK),
            ("get", "/api/events", json("GET", "/api/events?dyad=RUSARM", None, false), StatusCode::BAD_REQUEST),
            ("get", "/api/relations/{a}/{b}", json("GET", "/api/relations/RUS/ARM?by=month", None, false), StatusCode::OK),
            ("get", "/api/relations/{a}/{b}", json("GET", "/api/relations/RUS/ARM?by=decade", None, false), StatusCode::BAD_REQUEST),
            ("get", "/api/documents/{id}", json("GET", "/api/documents/d1", None, false), StatusCode::OK),
            ("get", "/api/documents/{id}", json("GET", "/api/documents/nope", None, false), StatusCode::NOT_FOUND),
            ("get", "/healthz", json("GET", "/healthz", None, false), StatusCode::OK),
            ("get", "/api/openapi.json", json("GET", "/api/openapi.json", None, false), StatusCode::OK),
        ];
        for (method, path, req, want) in cases {
            let (status, ct, v) = call(&app, req).await;
            assert_eq!(status, want, "{method} {path}: {v}");
            let schema = response_schema(&doc, method, path, status, &ct);
            if let Err(e) = check(&doc, schema, &v, &format!("{method} {path} {status}")) {
                panic!("{e}\n{v}");
            }
            if status.is_client_error() {
                assert_eq!(ct, crate::PROBLEM_JSON);
                assert_eq!((v["status"].as_u64(), &v["detail"]), (Some(u64::from(status.as_u16())), &v["error"]));
            }
        }
        // The answers carry data (the schemas were not checked against empty lists).
        let (_, _, v) = call(&app, json("GET", "/api/events?per_page=5", None, false)).await;
        assert!(v["events"].as_array().is_some_and(|e| !e.is_empty()), "{v}");
        // And the checker does reject a wrong shape.
        let bad = serde_json::json!({"page": 1, "per_page": "ten", "total": 0, "total_capped": false, "next_cursor": null, "events": []});
        assert!(check(&doc, &serde_json::json!({"$ref": "#/components/schemas/EventsPage"}), &bad, "bad").is_err());
    }
}
