// The SDK against a real localserve: send, signed webhook verified with the SDK, read back, errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { MailwrightError, check, connect, getOutbound, send, setWebhooks, verifyWebhook } from "@mailwright/client";

import { startLocalserve, startReceiver, waitFor } from "./localserve.js";

let server;
let receiver;
before(async () => {
  server = await startLocalserve();
  receiver = await startReceiver();
});
after(async () => {
  await server?.stop();
  await receiver?.stop();
});

test("send, webhook, read, errors", async () => {
  const client = connect(server.url, { username: "dev@localhost", password: "mailwright" });
  const settings = await check(setWebhooks({ client, body: { outgoing_url: receiver.url("/hook") } }));
  assert.match(settings.signing_secret, /^whsec_/);

  const answer = await check(
    send({ client, body: { to: [{ address: "x@example.org" }], subject: "from TypeScript", text: "hi", metadata: { order: "7" } } }),
  );
  const [sub] = answer.submissions;
  await waitFor(() => receiver.calls.length === 1);
  const call = receiver.calls[0];
  const event = verifyWebhook(call.body, call.headers, settings.signing_secret);
  assert.equal(event.event, "delivered");
  assert.equal(event.outbound_id, sub.outbound_id);
  assert.deepEqual(event.metadata, { order: "7" });
  assert.throws(() => verifyWebhook(call.body, call.headers, "whsec_" + "A".repeat(32)));

  const detail = await check(getOutbound({ client, path: { outbound_id: sub.outbound_id } }));
  assert.equal(detail.state, "delivered");
  assert.equal(detail.subject, "from TypeScript");

  await assert.rejects(check(send({ client, body: { to: [], subject: "x", text: "y" } })), (e) => {
    assert.ok(e instanceof MailwrightError);
    assert.equal(e.status, 400);
    return true;
  });
  await assert.rejects(check(getOutbound({ client, path: { outbound_id: 999999 } })), (e) => {
    assert.ok(e instanceof MailwrightError);
    assert.equal(e.status, 404);
    assert.equal(e.code, "not_found");
    return true;
  });
});
