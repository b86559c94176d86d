// Start a real `mailwright localserve` (from the repository's .venv) in a temporary directory;
// the webmail's browser tests use it too.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const MAILWRIGHT = resolve(import.meta.dirname, "../../../.venv/bin/mailwright");

export async function startLocalserve() {
  // A random ports base can meet a port in use (the range overlaps the system's
  // ephemeral ports): try another base then.
  for (let attempt = 0; ; attempt++) {
    try {
      return await startOnce(20000 + 1000 * Math.floor(Math.random() * 40));
    } catch (e) {
      if (attempt >= 5 || !String(e.message).includes("in use")) throw e;
    }
  }
}

async function startOnce(base) {
  const dir = mkdtempSync(join(tmpdir(), "mailwright-ts-"));
  const proc = spawn(MAILWRIGHT, ["localserve", "--dir", join(dir, "data"), "--ports-base", String(base)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${base + 80}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null || i >= 300) {
      proc.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`localserve did not start: ${stderr}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    smtpPort: base + 25,
    async stop() {
      proc.kill("SIGINT");
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A webhook receiver: records raw bodies and headers.
import { createServer } from "node:http";

export async function startReceiver() {
  const calls = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      calls.push({ path: req.url, headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    calls,
    url: (path) => `http://127.0.0.1:${server.address().port}${path}`,
    stop: () => new Promise((r) => server.close(r)),
  };
}

export async function waitFor(predicate, ms = 10000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
