import { Webhook } from "standardwebhooks";

import type { IncomingEvent, OutgoingEvent, TestEvent } from "./generated/types.gen.js";

export type WebhookEvent = OutgoingEvent | IncomingEvent | TestEvent;

/** Check a call's Standard Webhooks signature and age (with the `standardwebhooks`
 * package) and return its event; throws when it was not signed with `secret`.
 * `body` must be the raw request body, before any JSON parsing. */
export function verifyWebhook(
  body: string,
  headers: Record<string, string | string[] | undefined> | Headers,
  secret: string,
): WebhookEvent {
  const plain: Record<string, string> = {};
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    headers.forEach((value, key) => (plain[key.toLowerCase()] = value));
  } else {
    for (const [key, value] of Object.entries(headers)) {
      if (value !== undefined) plain[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return new Webhook(secret).verify(body, plain) as WebhookEvent;
}
