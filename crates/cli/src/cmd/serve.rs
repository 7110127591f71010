//! `demarche serve`: the HTTP API and dashboard on a tokio runtime.

use crate::args::ServeArgs;
use anyhow::{bail, Context};
use demarche_server::AppState;
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    if !args.addr.ip().is_loopback() && !args.public {
        bail!("{} is not a loopback address: pass --public to serve beyond this machine", args.addr);
    }
    let coder = super::load_coder(&args.coder, &args.petrarch)?;
    let db = demarche_store::db_path(args.db.db.as_deref());
    let token = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the token file {}", path.display()))?;
            let t = text.lines().next().unwrap_or("").trim().to_string();
            if t.is_empty() {
                bail!("the token file {} is empty", path.display());
            }
            Some(t)
        }
        None => args.token.clone().filter(|t| !t.is_empty()),
    };
    let mut state = AppState::new(coder, db.clone(), token);
    state.time_limit = std::time::Duration::from_secs_f64(args.time_limit.max(0.001));
    // A loopback server answers only to loopback Host names (no DNS rebinding).
    state.loopback_only = args.addr.ip().is_loopback();
    let state = Arc::new(state);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let exit_after = args.exit_after;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        eprintln!(
            "demarche serve: listening on http://{local}/ (database {}, ingest {})",
            db.display(),
            if state.token.is_some() { "enabled with a token" } else { "disabled" }
        );
        let shutdown = async move {
            match exit_after {
                Some(secs) => {
                    tokio::select! {
                        _ = tokio::time::sleep(std::time::Duration::from_secs(secs)) => {}
                        _ = tokio::signal::ctrl_c() => {}
                    }
                }
                None => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
            eprintln!("demarche serve: stopping");
        };
        demarche_server::serve(listener, state, shutdown).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
