import type { IncomingEvent, OutgoingEvent, TestEvent } from "./generated/types.gen.js";
export type WebhookEvent = OutgoingEvent | IncomingEvent | TestEvent;
/** Check a call's Standard Webhooks signature and age (with the `standardwebhooks`
 * package) and return its event; throws when it was not signed with `secret`.
 * `body` must be the raw request body, before any JSON parsing. */
export declare function verifyWebhook(body: string, headers: Record<string, string | string[] | undefined> | Headers, secret: string): WebhookEvent;
