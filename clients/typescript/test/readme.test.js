// The README's examples, joined in order into one module and run against localserve.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Webhook } from "standardwebhooks";

import { startLocalserve } from "./localserve.js";

let server;
before(async () => (server = await startLocalserve()));
after(async () => server?.stop());

test("README examples", async () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length >= 6);
  const imports = [];
  const code = [];
  for (const block of blocks) {
    for (const line of block.replaceAll("http://127.0.0.1:1080", server.url).split("\n")) {
      (line.startsWith("import ") ? imports : code).push(line);
    }
  }
  code.push("export { handleMailHook, seen, SECRET };");
  const file = join(import.meta.dirname, "readme.generated.mjs");
  writeFileSync(file, [...imports, ...code].join("\n"));
  try {
    const mod = await import(file);
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
    rmSync(file, { force: true });
  }
});
