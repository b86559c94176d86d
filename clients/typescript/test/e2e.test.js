// The SDK against a real localserve: send, signed webhook verified with the SDK, read back, errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import {
  MailwrightError,
  check,
  connect,
  connectSession,
  createMailbox,
  createSession,
  deleteSession,
  follow,
  getMessage,
  getMessagePart,
  getOutbound,
  getSession,
  listMailboxes,
  searchMessages,
  send,
  setWebhooks,
  updateMessage,
  verifyWebhook,
} from "@mailwright/client";

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

test("follow changes, read a message and its attachment, flag, move, search", async () => {
  const client = connect(server.url, { username: "dev@localhost", password: "mailwright" });
  const controller = new AbortController();
  const changes = follow(client, { signal: controller.signal });
  assert.equal((await changes.next()).value.type, "ready");
  await check(
    send({
      client,
      body: {
        to: [{ address: "dev@localhost" }],
        subject: "Statement",
        text: "The quarterly statement is attached.",
        attachments: [{ name: "statement.pdf", content_type: "application/pdf", data: "JVBERi0x" }],
      },
    }),
  );
  let change;
  do {
    change = (await changes.next()).value;
  } while (change.type !== "message.new");
  const message = await check(getMessage({ client, path: { message_id: change.message_id } }));
  assert.equal(message.subject, "Statement");
  assert.match(message.text, /quarterly statement/);
  const [attachment] = message.attachments;
  assert.equal(attachment.filename, "statement.pdf");
  const part = await getMessagePart({
    client,
    path: { message_id: message.id, part_path: attachment.path },
    parseAs: "arrayBuffer",
  });
  assert.equal(new TextDecoder().decode(part.data), "%PDF-1");

  const boxes = Object.fromEntries((await check(listMailboxes({ client }))).items.map((m) => [m.name, m]));
  const moved = await check(
    updateMessage({
      client,
      path: { message_id: message.id },
      body: { add_flags: ["seen"], mailbox_id: boxes.Archive.id },
    }),
  );
  assert.deepEqual(moved.flags, ["seen"]);
  do {
    change = (await changes.next()).value;
  } while (change.type !== "message.moved");
  assert.equal(change.prev_mailbox_id, boxes.Inbox.id);
  const found = await check(searchMessages({ client, query: { q: "quarterly statement" } }));
  assert.deepEqual(
    found.items.map((m) => [m.id, m.mailbox_id]),
    [[message.id, boxes.Archive.id]],
  );
  controller.abort();
  await changes.return(undefined);
});

test("a browser session: the cookie, the CSRF header set per client, logout", async () => {
  // Node's fetch keeps no cookies: this one does, as a browser would for the page's origin.
  const jar = new Map();
  const browserFetch = async (request) => {
    const withCookie = new Request(request);
    if (jar.size) withCookie.headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(withCookie);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, value] = pair.split("=");
      if (attrs.some((a) => a.trim().toLowerCase() === "max-age=0")) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const page = connectSession(server.url);
  page.setConfig({ fetch: browserFetch });
  assert.equal(page.getConfig().credentials, "same-origin");
  assert.equal((await getSession({ client: page })).response.status, 401);
  const session = await check(createSession({ client: page, body: { address: "dev@localhost", password: "mailwright" } }));
  assert.equal(session.account, "dev");
  assert.ok(jar.get("mw_session"));
  assert.ok((await check(listMailboxes({ client: page }))).items.length > 0);
  const refused = await createMailbox({ client: page, body: { name: "No token" } });
  assert.equal(refused.response.status, 403);
  assert.equal(refused.error.code, "csrf_failed");
  page.setConfig({ headers: { "X-CSRF-Token": session.csrf_token } });
  assert.equal((await check(createMailbox({ client: page, body: { name: "From the page" } }))).name, "From the page");
  const cookie = jar.get("mw_session");
  assert.equal((await deleteSession({ client: page })).response.status, 204);
  assert.equal(jar.size, 0);
  jar.set("mw_session", cookie); // a copy of the old cookie
  assert.equal((await listMailboxes({ client: page })).response.status, 401);
});
