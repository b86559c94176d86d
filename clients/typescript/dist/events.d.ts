import type { Client } from "./generated/client/index.js";
import type { ChangeOut } from "./generated/types.gen.js";
/** The account's mail changes as they happen (GET /v1/events, Server-Sent Events), starting
 * with a `ready` (or `reset`) event. Pass the last `modseq` as `since` to resume after a
 * disconnect; abort `signal` to stop. In a browser, `new EventSource("/v1/events")` works
 * too when the page's origin is the API's. */
export declare function follow(client: Client, options?: {
    since?: number;
    signal?: AbortSignal;
}): AsyncGenerator<ChangeOut>;
