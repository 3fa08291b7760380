import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";

import pkg from "../../package.json";

// package.json declares the app's modules free of side effects except those listed, so a page that
// imports one component from a barrel does not carry the others. A module imported only for its
// effect (`import "./x";`) must therefore be listed, or the build drops it without a word.
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("modules imported for their side effects", () => {
  it("are listed in package.json's sideEffects", () => {
    const listed = pkg.sideEffects.map((pattern) => pattern.replace(/^\*\*\//, ""));
    const bare = sources("src").flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^import\s+["']([^"']+)["'];?$/gm)].map((m) => m[1] ?? ""),
    );
    const missing = bare
      .filter((spec) => !spec.endsWith(".css"))
      .map((spec) => `${basename(spec)}.ts`)
      .filter((name) => !listed.includes(name));
    expect(missing).toEqual([]);
  });
});
