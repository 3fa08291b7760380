/** What the API's problem+json body may carry (RFC 9457 plus our `code` and `field`). */
type ProblemBody = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  field?: string;
  errors?: unknown;
  [extension: string]: unknown;
};

export type ApiProblemKind = "problem" | "network" | "unexpected";

/**
 * Every failed API call becomes one of these: a problem+json answer (`kind: "problem"`), no answer at all
 * (`"network"`), or an answer that is not a problem (`"unexpected"`). Components never see a raw status:
 * they call {@link problemMessage}.
 */
export class ApiProblem extends Error {
  readonly kind: ApiProblemKind;
  readonly status: number;
  /** The stable last segment of the problem `type` (e.g. `invalid_credentials`), or "" when none. */
  readonly code: string;
  readonly detail: string;
  readonly field: string | null;
  readonly body: ProblemBody;

  constructor(kind: ApiProblemKind, status: number, body: ProblemBody = {}) {
    super(body.detail ?? body.title ?? kind);
    this.name = "ApiProblem";
    this.kind = kind;
    this.status = status;
    this.body = body;
    this.code = body.code ?? (typeof body.type === "string" ? (body.type.split("/").pop() ?? "") : "");
    this.detail = typeof body.detail === "string" ? body.detail : "";
    this.field = typeof body.field === "string" ? body.field : null;
  }

  static async fromResponse(response: Response): Promise<ApiProblem> {
    const type = response.headers.get("Content-Type") ?? "";
    if (type.includes("json")) {
      try {
        const body = (await response.clone().json()) as ProblemBody;
        if (body && typeof body === "object") return new ApiProblem("problem", response.status, body);
      } catch {
        // a body that is not JSON falls through to "unexpected"
      }
    }
    return new ApiProblem("unexpected", response.status);
  }

  static network(cause: unknown): ApiProblem {
    const problem = new ApiProblem("network", 0);
    (problem as { cause?: unknown }).cause = cause;
    return problem;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

export function isProblemCode(error: unknown, code: string): boolean {
  return isApiProblem(error) && error.code === code;
}

/** The subset of next-intl's translator this module needs (keys under `errors`). */
export type ErrorTranslator = (key: "network" | "unexpected" | "server" | "rateLimited" | "signedOut") => string;

/**
 * The one place that turns a failure into words for a person: the problem's `detail` when it has one,
 * otherwise a sentence chosen by what went wrong. Never a status number.
 */
export function problemMessage(error: unknown, t: ErrorTranslator): string {
  if (!isApiProblem(error)) return t("unexpected");
  if (error.kind === "network") return t("network");
  if (error.kind === "problem" && error.detail) return error.detail;
  if (error.status === 401) return t("signedOut");
  if (error.status === 429) return t("rateLimited");
  if (error.status >= 500) return t("server");
  return t("unexpected");
}
