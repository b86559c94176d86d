/** The views: the login form, and the three panes (mailboxes, message list, reader). */
import { useSignal } from "@preact/signals";
import type { EmailAddress, MailboxOut, MessageItem } from "@mailwright/client";

import * as act from "./actions.js";
import { messageDocument } from "./sanitize.js";
import * as s from "./state.js";

const ROLE_ORDER = ["inbox", "drafts", "sent", "archive", "junk", "trash"];
const ROLE_NAMES: Record<string, string> = {
  inbox: "Inbox",
  drafts: "Drafts",
  sent: "Sent",
  archive: "Archive",
  junk: "Junk",
  trash: "Trash",
};

function who(list: EmailAddress[]): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(", ");
}

function shortWho(list: EmailAddress[]): string {
  return list.map((a) => a.name || a.address).join(", ") || "(no sender)";
}

function when(iso: string | null, long = false): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  if (long) return d.toLocaleString();
  const today = new Date();
  return d.toDateString() === today.toDateString()
    ? d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleDateString();
}

export function Login() {
  const address = useSignal("");
  const password = useSignal("");
  const message = useSignal("");
  const busy = useSignal(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    message.value = await act.login(address.value, password.value);
    busy.value = false;
  };
  return (
    <main class="login">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Mailwright</h1>
        <label for="login-address">Address</label>
        <input
          id="login-address"
          name="address"
          type="email"
          autocomplete="username"
          required
          value={address}
          onInput={(e) => (address.value = e.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => (password.value = e.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          Log in
        </button>
        <p class="error" role="alert">
          {message}
        </p>
      </form>
    </main>
  );
}

function sortedMailboxes(list: MailboxOut[]): MailboxOut[] {
  const rank = (m: MailboxOut) => (m.role ? ROLE_ORDER.indexOf(m.role) : ROLE_ORDER.length);
  return [...list].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

function Mailboxes() {
  return (
    <nav class="pane mailboxes" aria-label="Mailboxes">
      <ul>
        {sortedMailboxes(s.mailboxes.value).map((m) => {
          const depth = m.role ? 0 : m.name.split("/").length - 1;
          const label = (m.role && ROLE_NAMES[m.role]) || m.name.split("/").pop() || m.name;
          return (
            <li key={m.id}>
              <button
                type="button"
                class={`mailbox depth-${Math.min(depth, 5)}`}
                aria-current={s.selectedMailbox.value === m.id ? "true" : undefined}
                onClick={() => void act.openMailbox(m.id)}
              >
                <span class="name">{label}</span>
                {m.unread > 0 && (
                  <span class="count" aria-label={`${m.unread} unread`}>
                    {m.unread}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Row({ m }: { m: MessageItem }) {
  const unread = !m.flags.includes("seen");
  return (
    <li>
      <button
        type="button"
        class={`message${unread ? " unread" : ""}`}
        aria-current={s.selectedMessage.value === m.id ? "true" : undefined}
        onClick={() => void act.openMessage(m.id)}
      >
        <span class="marker">{unread && <span class="sr-only">Unread</span>}</span>
        <span class="from">{shortWho(m.from)}</span>
        <span class="date">{when(m.date ?? m.received)}</span>
        <span class="subject">{m.subject || "(no subject)"}</span>
      </button>
    </li>
  );
}

function MessageList() {
  const box = s.currentMailbox.value;
  const title = box ? (box.role && ROLE_NAMES[box.role]) || box.name : "Messages";
  return (
    <section class="pane list" aria-label="Messages">
      <header>
        <button type="button" class="back" onClick={() => (s.pane.value = "mailboxes")}>
          Mailboxes
        </button>
        <h2>{title}</h2>
      </header>
      {s.messages.value.length === 0 ? (
        <p class="empty">No messages.</p>
      ) : (
        <ul>
          {s.messages.value.map((m) => (
            <Row key={m.id} m={m} />
          ))}
        </ul>
      )}
      {s.nextCursor.value && (
        <button type="button" class="more" onClick={() => void act.loadMore()}>
          Load more
        </button>
      )}
    </section>
  );
}

function Reader() {
  const m = s.reading.value;
  return (
    <article class="pane reader" aria-label="Message">
      <header>
        <button type="button" class="back" onClick={() => (s.pane.value = "list")}>
          Back to list
        </button>
      </header>
      {!m ? (
        <p class="empty">{s.selectedMessage.value === null ? "No message selected." : "Loading…"}</p>
      ) : (
        <>
          <h2 class="subject">{m.subject || "(no subject)"}</h2>
          <dl class="headers">
            <dt>From</dt>
            <dd>{who(m.from)}</dd>
            <dt>To</dt>
            <dd>{who(m.to)}</dd>
            {m.cc.length > 0 && (
              <>
                <dt>Cc</dt>
                <dd>{who(m.cc)}</dd>
              </>
            )}
            <dt>Date</dt>
            <dd>{when(m.date ?? m.received, true)}</dd>
          </dl>
          {m.remote_resources.length > 0 && (
            <p class="notice">
              {m.remote_resources.length} remote resource(s) blocked: loading them would tell the sender you read this.
            </p>
          )}
          {m.html !== null ? (
            <iframe class="body" title="Message body" sandbox="" srcdoc={messageDocument(m.html)} />
          ) : (
            <pre class="body text">{m.text}</pre>
          )}
          {m.truncated && <p class="notice">The body is cut short; the full message is in its raw source.</p>}
        </>
      )}
    </article>
  );
}

export function Mail() {
  return (
    <div class="mail" data-pane={s.pane.value}>
      <header class="top">
        <span class="brand">Mailwright</span>
        <span class="who">{s.session.value?.address}</span>
        <button type="button" onClick={() => void act.logout()}>
          Log out
        </button>
      </header>
      {s.error.value && (
        <p class="error bar" role="alert">
          {s.error.value}
        </p>
      )}
      <Mailboxes />
      <MessageList />
      <Reader />
    </div>
  );
}
