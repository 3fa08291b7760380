import type { components } from "@/api/schema";

type TokenAnswer = components["schemas"]["LoginOut"];

const CSRF_COOKIE = "inergize_csrf";
const REFRESH_LOCK = "inergize-refresh";

export type SessionListener = (token: string | null) => void;

export interface Session {
  /** The access token, held in memory only (never in storage): a reload asks {@link refresh} again. */
  token(): string | null;
  /** When the access token stops working (ms since epoch), or null. */
  expiresAt(): number | null;
  accept(answer: Pick<TokenAnswer, "accessToken" | "expiresIn">): string | null;
  clear(): void;
  /**
   * A new access token from the refresh cookie, or null when there is no session. Concurrent callers
   * share one request: the server rotates the refresh token and treats a reused one as theft.
   */
  refresh(): Promise<string | null>;
  subscribe(listener: SessionListener): () => void;
}

export interface SessionOptions {
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
  readCookie?: (name: string) => string | null;
  now?: () => number;
}

export function readDocumentCookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** Runs `work` holding a lock shared by every tab of this origin, so two tabs never rotate at once. */
async function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!locks) return work();
  return locks.request(REFRESH_LOCK, work);
}

export function createSession(options: SessionOptions = {}): Session {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  const readCookie = options.readCookie ?? readDocumentCookie;
  const now = options.now ?? Date.now;
  const listeners = new Set<SessionListener>();
  let token: string | null = null;
  let expiry: number | null = null;
  let inFlight: Promise<string | null> | null = null;

  const emit = () => listeners.forEach((listener) => listener(token));

  const session: Session = {
    token: () => token,
    expiresAt: () => expiry,
    accept(answer) {
      token = answer.accessToken ?? null;
      expiry = token && answer.expiresIn ? now() + answer.expiresIn * 1000 : null;
      emit();
      return token;
    },
    clear() {
      if (token === null && expiry === null) return;
      token = null;
      expiry = null;
      emit();
    },
    refresh() {
      if (inFlight) return inFlight;
      inFlight = acrossTabs(async () => {
        // Without the CSRF cookie there is no browser session to refresh: don't ask (and log a 401).
        const csrf = readCookie(CSRF_COOKIE);
        if (!csrf) {
          session.clear();
          return null;
        }
        let response: Response;
        try {
          response = await doFetch(
            new Request(`${baseUrl}/v1/auth/refresh`, {
              method: "POST",
              credentials: "same-origin",
              headers: {
                "Content-Type": "application/json",
                "X-Session-Mode": "cookie",
                "X-CSRF-Token": csrf,
              },
              body: "{}",
            }),
          );
        } catch {
          // Offline: keep what we have; the caller shows the network problem of its own request.
          return token;
        }
        if (!response.ok) {
          session.clear();
          return null;
        }
        return session.accept((await response.json()) as TokenAnswer);
      }).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return session;
}
