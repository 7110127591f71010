#![allow(missing_docs)]
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat").ok().and_then(|s| s.split_whitespace().next()?.parse().ok()).unwrap_or(0)
}
fn main() {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..10 {
        let c = cpu_ns();
        let t = std::time::Instant::now();
        let kb = demarche_actors::KnowledgeBase::builtin().expect("kb");
        wall.push(t.elapsed().as_secs_f64() * 1000.0);
        cpu.push((cpu_ns() - c) as f64 / 1e6);
        std::hint::black_box(kb.len());
    }
    println!("load wall ms: {wall:.1?}\nload cpu ms: {cpu:.1?}");
    let c = cpu_ns();
    let kb = demarche_actors::KnowledgeBase::builtin_from_tsv().expect("kb");
    println!("tsv parse cpu ms: {:.1}  entities {}", (cpu_ns() - c) as f64 / 1e6, kb.len());
}
