import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { createSession } from "@/auth/session";
import { createApiClient, createApiHooks } from "./client";
import { makeQueryClient } from "./queryClient";

/** A fake API whose account pauses between two visits, as the server's own auto-pause does. */
function fakeServer() {
  const state = { paused: false, asked: [] as string[] };
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    state.asked.push(path);
    if (path === "/v1/compliance") return Response.json({ paused: state.paused });
    return Response.json({ id: "u1", email: "ada@example.com", displayName: `Ada ${state.asked.length}` });
  };
  return { state, fetch };
}

describe("the app's query client", () => {
  it("asks for the compliance status again when a view opens, while other answers stay fresh for a while", async () => {
    const server = fakeServer();
    const session = createSession({ baseUrl: "http://app.test", fetch: server.fetch, readCookie: () => null });
    session.accept({ accessToken: "token", expiresIn: 900 });
    const hooks = createApiHooks(createApiClient({ session, baseUrl: "http://app.test", fetch: server.fetch }));
    function Views() {
      const status = hooks.useQuery("get", "/v1/compliance");
      const me = hooks.useQuery("get", "/v1/me");
      if (!status.data || !me.data) return null;
      return <p>{`${status.data.paused ? "Paused" : "Running"} for ${me.data.displayName}`}</p>;
    }
    const queryClient = makeQueryClient();
    const app = () => (
      <QueryClientProvider client={queryClient}>
        <Views />
      </QueryClientProvider>
    );
    const first = render(app());
    expect(await screen.findByText(/^Running for Ada/)).toBeTruthy();
    first.unmount();

    server.state.paused = true; // a publish job met LinkedIn's restriction meanwhile
    render(app());
    expect(await screen.findByText(/^Paused for Ada/)).toBeTruthy();
    expect(server.state.asked.filter((path) => path === "/v1/compliance")).toHaveLength(2);
    expect(server.state.asked.filter((path) => path === "/v1/me")).toHaveLength(1);
  });
});
