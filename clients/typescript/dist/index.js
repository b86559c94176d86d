/**
 * Mailwright's TypeScript SDK (Node 20+ and browsers, ESM).
 *
 * The API functions and types in ./generated are generated from Mailwright's OpenAPI
 * contract (do not edit; `make sdk` rewrites them). This hand-written layer adds
 * connecting, problem details raised as errors, webhook verification, and following the
 * live change stream.
 */
export * from "./generated/index.js";
export { connect, connectSession } from "./connect.js";
export { MailwrightError, check } from "./errors.js";
export { verifyWebhook } from "./webhooks.js";
export { follow } from "./events.js";
// Typed by how the body is read (the generated ones say Blob whatever parseAs is).
export { getMessagePart, getMessageRaw } from "./binary.js";
