// The README's examples: its ```ts blocks joined in order into one module, compiled with
// `tsc --strict` in a temporary project that installs this package as users do (its
// built dist/ and types), then run against localserve.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { Webhook } from "standardwebhooks";

import { startLocalserve } from "./localserve.js";

const PACKAGE = resolve(import.meta.dirname, "..");
const URL_IN_README = "http://127.0.0.1:1080";

/** A project in a temporary directory with the README's code as readme.ts, the SDK
 * installed (linked) as @mailwright/client, compiled with tsc --strict. */
function compileReadme(url) {
  const readme = readFileSync(join(PACKAGE, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 6);
  const imports = [];
  const code = [];
  for (const block of blocks) {
    for (const line of block.replaceAll(URL_IN_README, url).split("\n")) {
      (line.startsWith("import ") ? imports : code).push(line);
    }
  }
  code.push("export { handleMailHook, seen, SECRET };");
  const dir = mkdtempSync(join(tmpdir(), "mailwright-readme-"));
  mkdirSync(join(dir, "node_modules", "@mailwright"), { recursive: true });
  symlinkSync(PACKAGE, join(dir, "node_modules", "@mailwright", "client"), "dir");
  symlinkSync(join(PACKAGE, "node_modules", "@types"), join(dir, "node_modules", "@types"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: ["node"],
        outDir: "out",
      },
      files: ["readme.ts"],
    }),
  );
  writeFileSync(join(dir, "readme.ts"), [...imports, ...code].join("\n"));
  try {
    execFileSync(process.execPath, [join(PACKAGE, "node_modules", "typescript", "bin", "tsc"), "-p", dir], {
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    assert.fail(`the README's TypeScript does not compile with tsc --strict:\n${e.stdout}${e.stderr}`);
  }
  return dir;
}

test("README examples compile with tsc --strict", () => {
  rmSync(compileReadme(URL_IN_README), { recursive: true, force: true });
});

let server;
before(async () => (server = await startLocalserve()));
after(async () => server?.stop());

test("README examples run", async () => {
  const dir = compileReadme(server.url);
  try {
    const mod = await import(join(dir, "out", "readme.js"));
    const body = JSON.stringify({ version: 1, event: "delivered", outbound_id: 1, sequence: 3 });
    const ts = new Date();
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(ts.getTime() / 1000)),
      "webhook-signature": new Webhook(mod.SECRET).sign("msg_1", ts, body),
    };
    assert.equal(mod.handleMailHook(body, headers), true);
    assert.equal(mod.handleMailHook(body, { ...headers, "webhook-signature": "v1," + "A".repeat(44) }), false);
    assert.deepEqual(mod.seen, [["delivered", 1, 3]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
