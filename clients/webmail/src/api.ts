/**
 * Everything but the session goes through the generated SDK (@mailwright/client), with
 * the session cookie (same origin) and the CSRF token on every request.
 */
import {
  getMessage,
  listMailboxes,
  listMessages,
  type MailboxOut,
  type MessageDetail,
  type MessagePage,
  type Problem,
} from "@mailwright/client";

import { ApiError } from "./session.js";

let csrfToken = "";

/** Set (or clear, with "") the token sent as X-CSRF-Token. */
export function useCsrfToken(token: string): void {
  csrfToken = token;
}

function options() {
  return {
    baseUrl: window.location.origin,
    credentials: "same-origin" as const,
    headers: { "X-CSRF-Token": csrfToken },
  };
}

interface Result<T> {
  data?: T;
  error?: Problem | unknown;
  response?: Response;
}

function unwrap<T>(result: Result<T>): T {
  if (result.data !== undefined && result.response?.ok) return result.data;
  const e = result.error;
  const problem = e && typeof e === "object" && "title" in e ? (e as Problem) : null;
  // No response at all: the network failed (status 0).
  throw new ApiError(result.response?.status ?? 0, problem);
}

export async function mailboxes(): Promise<MailboxOut[]> {
  return unwrap(await listMailboxes(options())).items;
}

export async function messages(mailboxId: number, cursor?: string): Promise<MessagePage> {
  const query = cursor ? { limit: 100, cursor } : { limit: 100 };
  return unwrap(await listMessages({ ...options(), path: { mailbox_id: mailboxId }, query }));
}

/** A message with its HTML sanitized by the server and nothing remote loaded. */
export async function message(messageId: number): Promise<MessageDetail> {
  return unwrap(await getMessage({ ...options(), path: { message_id: messageId }, query: { remote: "blocked" } }));
}
