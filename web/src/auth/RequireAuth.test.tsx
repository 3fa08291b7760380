import { fireEvent, screen } from "@testing-library/react";
import { useEffect, useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { renderWithApp } from "@/test/render";
import type { AuthStatus } from "./AuthProvider";

const auth = vi.hoisted(() => ({ current: { status: "loading" as AuthStatus, hasSession: false } }));
vi.mock("./AuthProvider", () => ({ useAuth: () => auth.current }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: vi.fn() }), usePathname: () => "/" }));

const { RequireAuth } = await import("./RequireAuth");

let mounts = 0;
function Page() {
  useEffect(() => {
    mounts += 1;
  }, []);
  return <h1>Hello</h1>;
}

/** The page under RequireAuth, and a button standing for /v1/me answering. */
function Harness() {
  const [, answered] = useState(false);
  return (
    <>
      <button
        onClick={() => {
          auth.current = { status: "signed-in", hasSession: true };
          answered(true);
        }}
      >
        user loaded
      </button>
      <RequireAuth>
        <Page />
      </RequireAuth>
    </>
  );
}

describe("RequireAuth", () => {
  beforeEach(() => {
    mounts = 0;
  });

  it("mounts nothing before the session has a token", () => {
    auth.current = { status: "loading", hasSession: false };
    renderWithApp(<RequireAuth>{<Page />}</RequireAuth>);
    expect(mounts).toBe(0);
    expect(screen.getByRole("status")).toBeTruthy();
  });

  it("starts the page with the token, and shows the same page once the user is loaded", () => {
    auth.current = { status: "loading", hasSession: true };
    renderWithApp(<Harness />);
    expect(mounts).toBe(1);
    expect(screen.queryByRole("heading", { name: "Hello" })).toBeNull(); // mounted, not shown
    fireEvent.click(screen.getByRole("button", { name: "user loaded" }));
    expect(screen.getByRole("heading", { name: "Hello" })).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
    expect(mounts).toBe(1);
  });
});
