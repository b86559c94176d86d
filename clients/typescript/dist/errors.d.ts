import type { FieldError, Problem } from "./generated/types.gen.js";
/** A problem detail (RFC 9457) from the API: `status`, a stable `code`, `detail`, and the
 * invalid fields in `errors`, the same list as the body's (`field` and `message` each). */
export declare class MailwrightError extends Error {
    readonly status: number;
    readonly code: string;
    readonly detail: string;
    readonly errors: FieldError[];
    readonly problem: Problem;
    constructor(problem: Problem);
}
/** The data of a generated call's result, or throw its problem as a MailwrightError. */
export declare function check<T>(call: Promise<{
    data?: T;
    error?: unknown;
    response?: Response;
}>): Promise<T>;
