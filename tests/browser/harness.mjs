// Shared set-up for the browser tests: serves the built site from PORTOLAN_SITE on a free
// local port and drives Debian's Chromium (/usr/bin/chromium) through playwright-core.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const site = process.env.PORTOLAN_SITE;
if (!site) throw new Error("set PORTOLAN_SITE to a built site (run tests/browser/run.sh)");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8", ".txt": "text/plain",
};

// Mirrors a static host: directories serve index.html; unknown paths get 404.html.
// The site's own Content-Security-Policy is sent too, so tests run under it.
async function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
  let file = join(site, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(await readFile(join(site, "404.html")).catch(() => "not found"));
  }
}

export const state = {};

before(async () => {
  state.server = createServer((req, res) => handle(req, res).catch(() => res.end()));
  await new Promise((resolve) => state.server.listen(0, "127.0.0.1", resolve));
  state.base = `http://127.0.0.1:${state.server.address().port}/`;
  state.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await state.browser?.close();
  await new Promise((resolve) => state.server?.close(resolve));
});

/** Opens `path` (site-relative) in a fresh page; fails the test on any page error or CSP report. */
export async function open(path, { javaScript = true } = {}) {
  const context = await state.browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  await page.goto(new URL(path, state.base).href, { waitUntil: "load" });
  page.problems = problems;
  page.closeAll = () => context.close();
  return page;
}
