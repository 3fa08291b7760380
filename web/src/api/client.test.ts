import { describe, expect, it } from "vitest";

import { createSession } from "@/auth/session";
import { createApiClient } from "./client";
import { ApiProblem } from "./problem";

type Call = { url: string; method: string; auth: string | null; headers: Headers; body: string };

/** A fake API: `/v1/me` needs the current token; refresh hands out the next one after `delay` ms. */
function fakeServer({ refreshOk = true, delay = 5 } = {}) {
  const calls: Call[] = [];
  let issued = 0;
  let valid = "not-issued-yet";
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    calls.push({
      url: url.pathname,
      method: request.method,
      auth: request.headers.get("Authorization"),
      headers: request.headers,
      body: await request.clone().text(),
    });
    if (url.pathname === "/v1/auth/refresh") {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (!refreshOk) {
        return new Response(JSON.stringify({ code: "invalid_refresh_token", detail: "Sign in again." }), {
          status: 401,
          headers: { "Content-Type": "application/problem+json" },
        });
      }
      valid = `token-${++issued}`;
      return Response.json({ accessToken: valid, expiresIn: 900, refreshToken: null });
    }
    if (url.pathname === "/v1/auth/login") {
      return new Response(JSON.stringify({ code: "invalid_credentials", detail: "Wrong password." }), {
        status: 401,
        headers: { "Content-Type": "application/problem+json" },
      });
    }
    if (request.headers.get("Authorization") !== `Bearer ${valid}`) {
      return new Response(JSON.stringify({ code: "unauthorized", detail: "Sign in first." }), {
        status: 401,
        headers: { "Content-Type": "application/problem+json" },
      });
    }
    return Response.json({ id: "u1", email: "ada@example.com", echo: await request.text() });
  };
  return { fetch, calls, refreshes: () => calls.filter((c) => c.url === "/v1/auth/refresh").length };
}

function setup(options?: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(options);
  const session = createSession({ baseUrl: "http://app.test", fetch: server.fetch, readCookie: () => "csrf-1" });
  session.accept({ accessToken: "expired", expiresIn: 900 });
  const api = createApiClient({ session, baseUrl: "http://app.test", fetch: server.fetch });
  return { server, session, api };
}

describe("the API client", () => {
  it("sends the in-memory access token", async () => {
    const { server, session, api } = setup();
    session.accept({ accessToken: "expired", expiresIn: 900 });
    await api.GET("/v1/me").catch(() => undefined);
    expect(server.calls[0]?.auth).toBe("Bearer expired");
  });

  it("refreshes once on a 401 and retries the call with the new token", async () => {
    const { server, api, session } = setup();
    const { data } = await api.GET("/v1/me");
    expect(data).toMatchObject({ email: "ada@example.com" });
    expect(server.refreshes()).toBe(1);
    expect(session.token()).toBe("token-1");
    expect(server.calls.at(-1)?.auth).toBe("Bearer token-1");
  });

  it("shares one refresh between calls that fail together", async () => {
    const { server, api } = setup({ delay: 20 });
    const answers = await Promise.all([api.GET("/v1/me"), api.GET("/v1/me"), api.GET("/v1/notifications")]);
    expect(answers.every((answer) => answer.data)).toBe(true);
    expect(server.refreshes()).toBe(1);
  });

  it("retries a call with its body intact", async () => {
    const { server, api } = setup();
    await api.PATCH("/v1/me", { params: { header: { "If-Match": '"v1"' } }, body: { displayName: "Ada" } });
    const retried = server.calls.at(-1);
    expect(retried?.method).toBe("PATCH");
    expect(JSON.parse(retried?.body ?? "{}")).toEqual({ displayName: "Ada" });
  });

  it("refreshes in cookie mode with the CSRF header and no token in the body", async () => {
    const { server, api } = setup();
    await api.GET("/v1/me");
    const refresh = server.calls.find((c) => c.url === "/v1/auth/refresh");
    expect(refresh?.headers.get("X-Session-Mode")).toBe("cookie");
    expect(refresh?.headers.get("X-CSRF-Token")).toBe("csrf-1");
    expect(JSON.parse(refresh?.body ?? "")).toEqual({});
  });

  it("throws the problem when the session cannot be refreshed, and forgets the token", async () => {
    const { server, api, session } = setup({ refreshOk: false });
    const error = await api.GET("/v1/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).detail).toBe("Sign in first.");
    expect(session.token()).toBeNull();
    expect(server.refreshes()).toBe(1);
  });

  it("does not refresh when signing in fails", async () => {
    const { server, api } = setup();
    const error = await api
      .POST("/v1/auth/login", { body: { email: "ada@example.com", password: "wrong" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(server.refreshes()).toBe(0);
  });

  it("turns a failed network into a network problem", async () => {
    const session = createSession({ readCookie: () => null });
    const api = createApiClient({
      session,
      baseUrl: "http://app.test",
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const error = await api.GET("/v1/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).kind).toBe("network");
  });
});

describe("the session", () => {
  it("does not ask the server when the browser has no session cookie", async () => {
    let asked = 0;
    const session = createSession({
      readCookie: () => null,
      fetch: async () => {
        asked++;
        return Response.json({});
      },
    });
    expect(await session.refresh()).toBeNull();
    expect(asked).toBe(0);
  });

  it("tells subscribers when the token changes", async () => {
    const seen: Array<string | null> = [];
    const session = createSession({ readCookie: () => null });
    session.subscribe((token) => seen.push(token));
    session.accept({ accessToken: "a", expiresIn: 60 });
    session.clear();
    expect(seen).toEqual(["a", null]);
  });
});
