/**
 * Mailwright's TypeScript SDK (Node 20+ and browsers, ESM).
 *
 * The API functions and types in ./generated are generated from Mailwright's OpenAPI
 * contract (do not edit; `make sdk` rewrites them). This hand-written layer adds
 * connecting, problem details raised as errors, webhook verification, and following the
 * live change stream.
 */
export * from "./generated/index.js";
export { connect, connectSession, type Credentials } from "./connect.js";
export { MailwrightError, check } from "./errors.js";
export { verifyWebhook, type WebhookEvent } from "./webhooks.js";
export { follow } from "./events.js";
export { getMessagePart, getMessageRaw, type Binary, type BinaryParse } from "./binary.js";
