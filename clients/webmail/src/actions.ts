/** What the user does, as functions that call the API and update the state. */
import * as api from "./api.js";
import { ApiError, createSession, deleteSession, getSession, type Session } from "./session.js";
import * as s from "./state.js";

function explain(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** A call whose failure is shown in the error bar; a 401 means the session ended. */
async function guarded(action: () => Promise<void>): Promise<void> {
  try {
    s.error.value = "";
    await action();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      loggedOut();
      return;
    }
    s.error.value = explain(e);
  }
}

function loggedIn(session: Session): void {
  api.useCsrfToken(session.csrf_token);
  s.session.value = session;
  void loadMailboxes();
}

function loggedOut(): void {
  api.useCsrfToken("");
  s.session.value = null;
  s.mailboxes.value = [];
  s.messages.value = [];
  s.selectedMailbox.value = null;
  s.selectedMessage.value = null;
  s.reading.value = null;
}

/** At start: resume the session of the cookie, if it is still valid. */
export async function resume(): Promise<void> {
  try {
    const session = await getSession();
    if (session) loggedIn(session);
  } catch {
    // no session API or no session: the login form
  } finally {
    s.ready.value = true;
  }
}

/** Log in; resolves to the message to show under the form ("" when it worked). */
export async function login(address: string, password: string): Promise<string> {
  try {
    loggedIn(await createSession(address, password));
    return "";
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return "This server has no session API (POST /v1/sessions).";
    return explain(e);
  }
}

export async function logout(): Promise<void> {
  const token = s.session.value?.csrf_token ?? "";
  try {
    await deleteSession(token);
  } finally {
    loggedOut();
  }
}

export async function loadMailboxes(): Promise<void> {
  await guarded(async () => {
    const boxes = await api.mailboxes();
    s.mailboxes.value = boxes;
    if (s.selectedMailbox.value === null) {
      const inbox = boxes.find((m) => m.role === "inbox") ?? boxes[0];
      if (inbox) await openMailbox(inbox.id);
    }
  });
}

export async function openMailbox(id: number): Promise<void> {
  s.selectedMailbox.value = id;
  s.selectedMessage.value = null;
  s.reading.value = null;
  s.pane.value = "list";
  await guarded(async () => {
    const page = await api.messages(id);
    if (s.selectedMailbox.value !== id) return;
    s.messages.value = page.items;
    s.nextCursor.value = page.next_cursor;
  });
}

export async function loadMore(): Promise<void> {
  const id = s.selectedMailbox.value;
  const cursor = s.nextCursor.value;
  if (id === null || !cursor) return;
  await guarded(async () => {
    const page = await api.messages(id, cursor);
    if (s.selectedMailbox.value !== id) return;
    s.messages.value = [...s.messages.value, ...page.items];
    s.nextCursor.value = page.next_cursor;
  });
}

export async function openMessage(id: number): Promise<void> {
  s.selectedMessage.value = id;
  s.pane.value = "reader";
  await guarded(async () => {
    const detail = await api.message(id);
    if (s.selectedMessage.value !== id) return;
    s.reading.value = detail;
  });
}
