import { describe, expect, it } from "vitest";

import messages from "../../messages/en.json";
import { ApiProblem, problemMessage } from "./problem";

const t = (key: keyof typeof messages.errors) => messages.errors[key];

function problemResponse(status: number, body: object, type = "application/problem+json") {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

describe("problemMessage", () => {
  it("shows the problem's detail in words", async () => {
    const problem = await ApiProblem.fromResponse(
      problemResponse(401, {
        type: "https://inergize.app/problems/invalid_credentials",
        title: "Unauthorized",
        status: 401,
        detail: "The email or password is not correct.",
      }),
    );
    expect(problem.code).toBe("invalid_credentials");
    expect(problemMessage(problem, t)).toBe("The email or password is not correct.");
  });

  it("keeps the field a validation problem names", async () => {
    const problem = await ApiProblem.fromResponse(
      problemResponse(422, { code: "password_too_short", detail: "Too short.", field: "password" }),
    );
    expect(problem.field).toBe("password");
    expect(problem.code).toBe("password_too_short");
  });

  it("never shows a raw status when the answer is not a problem", async () => {
    const problem = await ApiProblem.fromResponse(new Response("<h1>Bad gateway</h1>", { status: 502 }));
    expect(problem.kind).toBe("unexpected");
    const message = problemMessage(problem, t);
    expect(message).toBe(messages.errors.server);
    expect(message).not.toMatch(/\d{3}/);
  });

  it("says the network failed when nothing answered", () => {
    expect(problemMessage(ApiProblem.network(new TypeError("Failed to fetch")), t)).toBe(messages.errors.network);
  });

  it("words a throttled request without a detail", async () => {
    const problem = await ApiProblem.fromResponse(new Response("", { status: 429 }));
    expect(problemMessage(problem, t)).toBe(messages.errors.rateLimited);
  });

  it("falls back to a generic sentence for errors that are not API problems", () => {
    expect(problemMessage(new Error("boom"), t)).toBe(messages.errors.unexpected);
  });
});
