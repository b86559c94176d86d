import { streamEvents } from "./generated/sdk.gen.js";
/** The account's mail changes as they happen (GET /v1/events, Server-Sent Events), starting
 * with a `ready` (or `reset`) event. Pass the last `modseq` as `since` to resume after a
 * disconnect; abort `signal` to stop. In a browser, `new EventSource("/v1/events")` works
 * too when the page's origin is the API's. */
export async function* follow(client, options = {}) {
    const { stream } = await streamEvents({
        client,
        query: options.since === undefined ? undefined : { since: options.since },
        signal: options.signal,
        sseMaxRetryAttempts: 0,
    });
    for await (const data of stream) {
        yield data;
    }
}
