import { type Client } from "./generated/client/index.js";
export type Credentials = {
    apiKey: string;
} | {
    username: string;
    password: string;
};
/** A client for the generated functions (pass it as `client`): an API key (Bearer) or an
 * account's address and password (Basic). */
export declare function connect(baseUrl: string, credentials: Credentials): Client;
/** A client for a web page that logs in with `createSession`: the browser keeps the
 * session cookie (HttpOnly: scripts never see it) and sends it with each request to the
 * page's own origin. Give it the session's `csrf_token` (after logging in:
 * `client.setConfig({ headers: { "X-CSRF-Token": csrf_token } })`), which every POST,
 * PUT, PATCH and DELETE must carry. baseUrl: "" on a page Mailwright serves itself. */
export declare function connectSession(baseUrl?: string, csrfToken?: string): Client;
