import { createClient, createConfig } from "./generated/client/index.js";
/** A client for the generated functions (pass it as `client`): an API key (Bearer) or an
 * account's address and password (Basic). */
export function connect(baseUrl, credentials) {
    const authorization = "apiKey" in credentials
        ? `Bearer ${credentials.apiKey}`
        : `Basic ${btoa(`${credentials.username}:${credentials.password}`)}`;
    return createClient(createConfig({ baseUrl, headers: { Authorization: authorization } }));
}
/** A client for a web page that logs in with `createSession`: the browser keeps the
 * session cookie (HttpOnly: scripts never see it) and sends it with each request to the
 * page's own origin. Give it the session's `csrf_token` (after logging in:
 * `client.setConfig({ headers: { "X-CSRF-Token": csrf_token } })`), which every POST,
 * PUT, PATCH and DELETE must carry. baseUrl: "" on a page Mailwright serves itself. */
export function connectSession(baseUrl = "", csrfToken) {
    const headers = csrfToken ? { "X-CSRF-Token": csrfToken } : {};
    return createClient(createConfig({ baseUrl, credentials: "same-origin", headers }));
}
