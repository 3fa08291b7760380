import { describe, expect, it } from "vitest";

import { safeNext } from "@/auth/RequireAuth";
import { currentEntry, isCurrent, type NavEntry } from "./nav";

describe("isCurrent", () => {
  it("marks home only on the home page", () => {
    expect(isCurrent({ href: "/", label: "home" }, "/")).toBe(true);
    expect(isCurrent({ href: "/", label: "home" }, "/calendar/")).toBe(false);
  });

  it("marks a section on its sub pages", () => {
    expect(isCurrent({ href: "/settings/", label: "settings" }, "/settings/security/")).toBe(true);
    expect(isCurrent({ href: "/settings/", label: "settings" }, "/settings")).toBe(true);
  });
});

describe("currentEntry", () => {
  const entries: NavEntry[] = [
    { href: "/", label: "home" },
    { href: "/automation/", label: "automation" },
    { href: "/automation/tasks/", label: "tasks" },
    { href: "/settings/", label: "settings" },
  ];
  it("marks the most specific entry only", () => {
    expect(currentEntry(entries, "/automation/tasks/")?.href).toBe("/automation/tasks/");
    expect(currentEntry(entries, "/automation/")?.href).toBe("/automation/");
    expect(currentEntry(entries, "/settings/sessions/")?.href).toBe("/settings/");
  });
});

describe("safeNext", () => {
  it("keeps paths of this app", () => {
    expect(safeNext("/compose/?id=1")).toBe("/compose/?id=1");
  });

  it("refuses other sites", () => {
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
