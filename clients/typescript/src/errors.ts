import type { FieldError, Problem } from "./generated/types.gen.js";

/** A problem detail (RFC 9457) from the API: `status`, a stable `code`, `detail`, and the
 * invalid fields in `errors`, the same list as the body's (`field` and `message` each). */
export class MailwrightError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? ""}`);
    this.name = "MailwrightError";
    this.problem = problem;
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail ?? "";
    this.errors = problem.errors ?? [];
  }
}

/** The data of a generated call's result, or throw its problem as a MailwrightError. */
export async function check<T>(
  call: Promise<{ data?: T; error?: unknown; response?: Response }>,
): Promise<T> {
  const result = await call;
  if (result.error !== undefined || result.data === undefined) {
    const e = result.error as Partial<Problem> | undefined;
    throw new MailwrightError({
      type: e?.type ?? "about:blank",
      title: e?.title ?? "Unexpected response",
      status: e?.status ?? result.response?.status ?? 0,
      code: e?.code ?? "unexpected",
      detail: e?.detail ?? "",
      errors: e?.errors ?? [],
    });
  }
  return result.data;
}
