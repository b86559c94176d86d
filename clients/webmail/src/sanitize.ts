/**
 * The second sanitizer layer: the server already cleaned the HTML with nh3 (ammonia) and
 * removed remote resources (`?remote=blocked`); DOMPurify cleans it again in the browser,
 * and the result is shown in an iframe with `sandbox=""` (no scripts, an opaque origin),
 * so a mistake in one layer is not enough for mail to run code or reach the page.
 */
import DOMPurify from "dompurify";

const FORBID_TAGS = ["script", "style", "iframe", "frame", "object", "embed", "form", "base", "meta", "link", "svg", "math"];

/** The document for the iframe's srcdoc: sanitized body, a policy that loads nothing remote. */
export function messageDocument(html: string): string {
  const clean = DOMPurify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR: ["style", "srcset", "action", "formaction", "background", "ping"],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|cid:|#)/i,
  });
  return (
    "<!doctype html><html><head><meta charset=\"utf-8\">" +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:\">" +
    `</head><body>${clean}</body></html>`
  );
}
