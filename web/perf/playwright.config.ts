import { defineConfig } from "@playwright/test";

import base from "../playwright.config";

/** `npm run perf`: page timings on the same kind of server as the browser tests, one page at a time. */
export default defineConfig({
  ...base,
  testDir: ".",
  globalSetup: "../e2e/support/server.ts",
  outputDir: "../test-results/perf",
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
});
