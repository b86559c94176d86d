import {
  getMessagePart as generatedGetMessagePart,
  getMessageRaw as generatedGetMessageRaw,
  type Options,
} from "./generated/sdk.gen.js";
import type {
  GetMessagePartData,
  GetMessagePartErrors,
  GetMessageRawData,
  GetMessageRawErrors,
} from "./generated/types.gen.js";
import type { RequestResult } from "./generated/client/index.js";

/** How a binary answer is read: the Fetch API body method of the same name. */
export type BinaryParse = "arrayBuffer" | "blob" | "text" | "stream";

/** What each way of reading a binary answer gives. */
export type Binary<P extends BinaryParse> = P extends "arrayBuffer"
  ? ArrayBuffer
  : P extends "text"
    ? string
    : P extends "stream"
      ? ReadableStream<Uint8Array> | null
      : Blob;

type BinaryOptions<TData extends GetMessagePartData | GetMessageRawData, P extends BinaryParse, T extends boolean> = Omit<
  Options<TData, T>,
  "parseAs"
> & { parseAs?: P };

/** Download a decoded part of a message. `parseAs` picks the type of `data`: `"blob"`
 * (the default) a Blob, `"arrayBuffer"` an ArrayBuffer, `"text"` a string, `"stream"`
 * the body's ReadableStream. */
export function getMessagePart<P extends BinaryParse = "blob", ThrowOnError extends boolean = false>(
  options: BinaryOptions<GetMessagePartData, P, ThrowOnError>,
): RequestResult<{ 200: Binary<P> }, GetMessagePartErrors, ThrowOnError> {
  return generatedGetMessagePart({ parseAs: "blob", ...options } as Options<GetMessagePartData, ThrowOnError>) as never;
}

/** Download a message as stored (message/rfc822); `parseAs` as for getMessagePart. */
export function getMessageRaw<P extends BinaryParse = "blob", ThrowOnError extends boolean = false>(
  options: BinaryOptions<GetMessageRawData, P, ThrowOnError>,
): RequestResult<{ 200: Binary<P> }, GetMessageRawErrors, ThrowOnError> {
  return generatedGetMessageRaw({ parseAs: "blob", ...options } as Options<GetMessageRawData, ThrowOnError>) as never;
}
