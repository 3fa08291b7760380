import { QueryClient } from "@tanstack/react-query";

import { isApiProblem } from "./problem";

/**
 * The app's query client. Answers are fresh for 30 s, except the compliance dashboard's: the server
 * pauses automation on its own (LinkedIn signals a restriction while a post publishes), so every view
 * of the safety status asks again when it opens instead of showing "running" from a minute ago.
 */
export function makeQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retry only when the network failed; an API problem will answer the same again.
        retry: (failures, error) => failures < 2 && isApiProblem(error) && error.kind === "network",
      },
      mutations: { retry: false },
    },
  });
  client.setQueryDefaults(["get", "/v1/compliance"], { staleTime: 0 });
  return client;
}
