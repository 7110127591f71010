// Browser end-to-end test and bounded loopback load test of `demarche serve`.
//
// Usage: node e2e.mjs path/to/demarche [path/to/shared]
// Starts the server on 127.0.0.1 (a free port, stopping by itself), ingests example documents
// through the API, drives Debian's Chromium (playwright-core, no browser download) through the
// code page and the dyad page, saves screenshots under target/e2e/, then measures requests/s
// and p99 latency of /api/code and /api/relations with a bounded number of requests.
import { spawn } from "node:child_process";
import { readFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const bin = resolve(process.argv[2] || join(root, "target/release/demarche"));
const shared = process.argv[3] ? resolve(process.argv[3]) : null;
const shots = join(root, "target/e2e");
mkdirSync(shots, { recursive: true });
const token = "e2e-" + process.pid;
let passed = 0, failed = 0;
const check = (ok, what) => { if (ok) { passed++; console.log("ok   " + what); } else { failed++; console.log("FAIL " + what); } };

function startServer() {
  const db = join(shots, `e2e-${process.pid}.db`);
  const child = spawn(bin, ["serve", "--addr", "127.0.0.1:0", "--db", db, "--token", token, "--exit-after", "300"], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((ok, fail) => {
    let err = "";
    const timer = setTimeout(() => fail(new Error("server did not start: " + err)), 20000);
    child.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); ok({ child, base: m[1] }); }
    });
    child.on("exit", (code) => fail(new Error(`server exited with ${code}: ${err}`)));
  });
}

async function ingest(base, id, path, date) {
  const res = await fetch(`${base}/api/documents`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ id, text: readFileSync(path, "utf8"), date }),
  });
  return res.status;
}

async function load(name, n, concurrency, request) {
  const latencies = [];
  let errors = 0, next = 0;
  const started = performance.now();
  async function worker() {
    while (next < n) {
      next++;
      const t = performance.now();
      try {
        const res = await request();
        if (!res.ok) errors++;
        await res.arrayBuffer();
      } catch { errors++; }
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  console.log(`load ${name}: ${n} requests, concurrency ${concurrency}: ${(n / secs).toFixed(0)} req/s, p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms, ${errors} errors`);
  return errors;
}

const { child, base } = await startServer();
let browser;
try {
  check(await ingest(base, "press-conference", join(root, "examples/press-conference.txt"), "2025-01-22") === 201, "ingest the example press conference over the API");
  check(await ingest(base, "news-story", join(root, "examples/news-story.txt"), "2024-03-15") === 201, "ingest the example news story");
  const sample = shared && join(shared, "samples/lavrov-mirzoyan-2025.txt");
  const haveSample = sample && existsSync(sample);
  if (haveSample) check(await ingest(base, "lavrov-mirzoyan-2025", sample, "2025-01-22") === 201, "ingest the sample document");

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(base + "/");
  const text = readFileSync(haveSample ? sample : join(root, "examples/press-conference.txt"), "utf8");
  await page.fill("#text", text);
  await page.fill("#date", "2025-01-22");
  await page.click("#code-button");
  await page.waitForSelector(".event", { timeout: 20000 });
  const events = await page.locator(".event").count();
  check(events > 5, `the code page shows events beside sentences (${events})`);
  check(await page.locator('.sentence[data-section="question"]').count() > 0, "questions are coloured as questions");
  check(await page.locator(".speaker").count() > 0, "speakers are shown");
  check(await page.locator(".mention").count() > 10, "actor mentions are highlighted");
  check(await page.locator('.sentence[data-section="boilerplate"] .event, .sentence[data-section="comment"] .event').count() === 0, "no events on boilerplate or comments");
  await page.screenshot({ path: join(shots, "code.png"), fullPage: false });

  const [a, b] = haveSample ? ["RUS", "ARM"] : ["AZE", "KAZ"];
  await page.goto(`${base}/#/dyad/${a}/${b}`);
  await page.waitForSelector("#chart svg polyline", { timeout: 20000 });
  check(await page.locator("#chart polyline.official").count() === 1, `the ${a}-${b} chart has the official line`);
  check((await page.textContent("#gap")).length > 20, "the gap is stated");
  await page.locator("#chart circle.official").last().click();
  await page.waitForSelector("#point-events table tr:nth-child(2)", { timeout: 20000 });
  check(await page.locator("#point-events tr").count() > 1, "clicking a point lists its events");
  await page.screenshot({ path: join(shots, "dyad.png"), fullPage: true });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(`${base}/#/dyad/${a}/${b}`);
  await phone.waitForSelector("#chart svg polyline", { timeout: 20000 });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the dyad page fits a phone screen (overflow ${overflow}px)`);
  await phone.screenshot({ path: join(shots, "dyad-phone.png"), fullPage: true });

  const short = "Talks\nQuestion: And Armenia?\nSergey Lavrov: Yesterday Russia praised Armenia and we held talks with Ararat Mirzoyan.\n";
  const codeErrors = await load("/api/code", 2000, 8, () => fetch(`${base}/api/code`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: short, date: "2025-01-22" }) }));
  const relErrors = await load(`/api/relations/${a}/${b}`, 2000, 8, () => fetch(`${base}/api/relations/${a}/${b}?by=month`));
  check(codeErrors === 0 && relErrors === 0, "the load test had zero errors");
} catch (err) {
  failed++;
  console.log("FAIL " + err.stack);
} finally {
  if (browser) await browser.close();
  child.kill("SIGTERM");
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
