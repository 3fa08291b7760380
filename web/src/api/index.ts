/**
 * The app's API: one session (the in-memory access token), one typed client over our OpenAPI, and the
 * TanStack Query hooks over it. Pages use `useApiQuery` / `useApiMutation`; nothing writes request or
 * response types by hand: they come from `schema.d.ts` (`make web-api`).
 */
import { createSession } from "@/auth/session";
import { createApiClient, createApiHooks } from "./client";

export const session = createSession();
export const api = createApiClient({ session });
export const $api = createApiHooks(api);

/** `useApiQuery("get", "/v1/me")`: typed data, errors are ApiProblem. Key: ["get", path, init]. */
export const useApiQuery = $api.useQuery;
/** `useApiMutation("post", "/v1/auth/login")`, then `mutate({ body })`. */
export const useApiMutation = $api.useMutation;

export type { components, paths } from "./schema";
export { ApiProblem, isApiProblem, isProblemCode, problemMessage } from "./problem";
