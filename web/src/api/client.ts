import createFetchClient, { type Middleware } from "openapi-fetch";
import createQueryClient from "openapi-react-query";

import type { Session } from "@/auth/session";
import { ApiProblem } from "./problem";
import type { paths } from "./schema";

// Calls that carry their own credentials: a 401 from them is an answer, not an expired access token.
const NO_REFRESH = /^\/v1\/auth\/(login|login\/mfa|refresh|register|verify-email|password|email)/;

/**
 * Adds the in-memory access token; on a 401 refreshes the session once (shared by concurrent calls) and
 * retries; turns every failed answer into an {@link ApiProblem}, so a call either gives data or throws one.
 */
export function authMiddleware(session: Session): Middleware {
  const pending = new Map<string, Request>();
  const withToken = (request: Request, token: string | null) => {
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  };
  return {
    onRequest({ request, id }) {
      withToken(request, session.token());
      pending.set(id, request.clone());
      return request;
    },
    async onResponse({ response, id, schemaPath, options }) {
      const original = pending.get(id);
      pending.delete(id);
      let answer = response;
      if (answer.status === 401 && original && !NO_REFRESH.test(schemaPath)) {
        const token = await session.refresh();
        if (token) {
          try {
            answer = await options.fetch(withToken(original, token));
          } catch (error) {
            throw ApiProblem.network(error);
          }
        }
      }
      if (!answer.ok) throw await ApiProblem.fromResponse(answer);
      return answer;
    },
    onError({ error, id }) {
      pending.delete(id);
      return error instanceof ApiProblem ? error : ApiProblem.network(error);
    },
  };
}

export interface ApiClientOptions {
  session: Session;
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
}

export function createApiClient({ session, baseUrl = "", fetch }: ApiClientOptions) {
  const client = createFetchClient<paths>({
    baseUrl,
    credentials: "same-origin",
    ...(fetch ? { fetch } : {}),
  });
  client.use(authMiddleware(session));
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiHooks(client: ApiClient) {
  return createQueryClient(client);
}
