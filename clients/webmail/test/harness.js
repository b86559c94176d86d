// The browser tests' harness: a real `mailwright localserve` (the SDK tests' starter),
// Debian's Chromium driven by playwright-core, and a small SMTP client.
import { mkdirSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const ROOT = resolve(import.meta.dirname, "../../..");
export const OUTPUT = resolve(import.meta.dirname, "../test-output");
/** Where `WEBMAIL_DOCS_SCREENSHOTS=1 npm test` writes the screenshots docs/webmail.md shows. */
export const DOCS = join(ROOT, "docs");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export { startLocalserve } from "../../typescript/test/localserve.js";

/** A Chromium page that records console errors and uncaught exceptions. */
export async function openBrowser() {
  mkdirSync(OUTPUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Root in a container has no user namespaces for Chromium's sandbox.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  return browser;
}

export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    // Chromium logs every 4xx answer; asking for the current session answers 401 (or,
    // before the session API exists, 404) when nobody is logged in, which is expected.
    const where = msg.location().url || "";
    if (msg.text().startsWith("Failed to load resource") && where.endsWith("/v1/sessions/current")) return;
    errors.push(`${msg.text()} (${where})`);
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  return { context, page, errors };
}

/** Send one message over plain SMTP (the loopback listener needs no TLS or login). */
export async function sendSmtp(port, from, to, data) {
  const socket = connect(port, "127.0.0.1");
  socket.setEncoding("utf8");
  let buffer = "";
  const waiters = [];
  socket.on("data", (chunk) => {
    buffer += chunk;
    // A reply is complete at a line "NNN text" (a space after the code).
    const m = buffer.match(/(?:^|\r\n)(\d{3}) [^\r\n]*\r\n$/);
    if (m && waiters.length) {
      const reply = buffer;
      buffer = "";
      waiters.shift()(reply);
    }
  });
  const reply = () => new Promise((r) => waiters.push(r));
  const expect = async (code) => {
    const text = await reply();
    if (!text.match(new RegExp(`(?:^|\\r\\n)${code} `))) throw new Error(`SMTP: expected ${code}, got ${text}`);
  };
  const command = async (line, code) => {
    socket.write(`${line}\r\n`);
    await expect(code);
  };
  await expect(220);
  await command("EHLO test.example", 250);
  await command(`MAIL FROM:<${from}>`, 250);
  await command(`RCPT TO:<${to}>`, 250);
  await command("DATA", 354);
  const body = data.replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
  await command(`${body}\r\n.`, 250);
  await command("QUIT", 221);
  socket.end();
}
