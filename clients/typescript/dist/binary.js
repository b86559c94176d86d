import { getMessagePart as generatedGetMessagePart, getMessageRaw as generatedGetMessageRaw, } from "./generated/sdk.gen.js";
/** Download a decoded part of a message. `parseAs` picks the type of `data`: `"blob"`
 * (the default) a Blob, `"arrayBuffer"` an ArrayBuffer, `"text"` a string, `"stream"`
 * the body's ReadableStream. */
export function getMessagePart(options) {
    return generatedGetMessagePart({ parseAs: "blob", ...options });
}
/** Download a message as stored (message/rfc822); `parseAs` as for getMessagePart. */
export function getMessageRaw(options) {
    return generatedGetMessageRaw({ parseAs: "blob", ...options });
}
