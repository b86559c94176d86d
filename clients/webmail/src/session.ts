/**
 * The browser session: log in with an address and password, learn who is logged in,
 * log out. The server answers with an HttpOnly cookie (`mw_session`, which this code
 * never sees) and a CSRF token that every state-changing request echoes in the
 * `X-CSRF-Token` header.
 *
 * These three calls use a small typed `fetch` until the SDK is regenerated with the
 * session operations; then they move to the SDK's createSession, getSession and
 * deleteSession like every other call of the webmail.
 */
import type { Problem } from "@mailwright/client";

/** The logged-in session, as POST /v1/sessions and GET /v1/sessions/current answer. */
export interface Session {
  account: string;
  address: string;
  csrf_token: string;
  expires: string;
  idle_timeout_seconds: number;
}

/** An answer other than the expected one, with its problem detail (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = "ApiError";
  }
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object" && "title" in body) problem = body as Problem;
  } catch {
    // not JSON: the status alone says it
  }
  return new ApiError(response.status, problem);
}

function isSession(body: unknown): body is Session {
  if (!body || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  return typeof b.address === "string" && typeof b.csrf_token === "string" && typeof b.account === "string";
}

async function sessionOf(response: Response): Promise<Session> {
  const body: unknown = await response.json();
  if (!isSession(body)) throw new ApiError(response.status, null);
  return body;
}

/** POST /v1/sessions: log in. Throws ApiError with the problem (401 wrong password, 429 throttled). */
export async function createSession(address: string, password: string): Promise<Session> {
  const response = await fetch("/v1/sessions", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ address, password }),
  });
  if (response.status !== 201) throw await problemOf(response);
  return sessionOf(response);
}

/** GET /v1/sessions/current: the session of the cookie, or null when there is none. */
export async function getSession(): Promise<Session | null> {
  const response = await fetch("/v1/sessions/current", {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (response.status === 401 || response.status === 404) return null;
  if (!response.ok) throw await problemOf(response);
  return sessionOf(response);
}

/** DELETE /v1/sessions/current: log out (the server forgets the session). */
export async function deleteSession(csrfToken: string): Promise<void> {
  const response = await fetch("/v1/sessions/current", {
    method: "DELETE",
    credentials: "same-origin",
    headers: { "X-CSRF-Token": csrfToken, Accept: "application/json" },
  });
  if (response.status !== 204 && response.status !== 401) throw await problemOf(response);
}
