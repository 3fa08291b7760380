import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const WEB = fileURLToPath(new URL("../..", import.meta.url));
const REPO = resolve(WEB, "..");

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`inergize serve exited with ${server.exitCode}`);
    try {
      const answer = await fetch(`${url}/health`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`inergize serve did not answer ${url}/health within ${seconds} s`);
}

/**
 * Starts one InErgize for the whole run: SQLite and the email outbox in a fresh temporary directory,
 * the web app from `web/out`, fast password hashing. Tests read E2E_BASE_URL and E2E_DATA_DIR.
 */
export default async function startServer(): Promise<() => Promise<void>> {
  const out = join(WEB, "out");
  if (!existsSync(join(out, "index.html"))) throw new Error("web/out is not built: run `make web-build`");
  // E2E_INERGIZE runs another checkout's server against this build (e.g. a branch not merged yet).
  const inergize = process.env.E2E_INERGIZE ?? join(REPO, ".venv", "bin", "inergize");
  if (!existsSync(inergize)) throw new Error("the Python environment is missing: run `make install`");
  const dataDir = mkdtempSync(join(tmpdir(), "inergize-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("INERGIZE_")) delete env[key];
  Object.assign(env, {
    INERGIZE_DATA_DIR: dataDir,
    INERGIZE_HTTP_PORT: String(port),
    INERGIZE_PUBLIC_URL: baseUrl,
    INERGIZE_WEB_DIR: out,
    INERGIZE_PASSWORD_HASH_PROFILE: "fast",
    INERGIZE_EMAIL_BACKEND: "file",
    INERGIZE_LOG_LEVEL: "WARNING",
    // A browser run signs in many times from one address in a few minutes.
    INERGIZE_LOGIN_ATTEMPTS_PER_ADDRESS: "10000",
    INERGIZE_API_RATE_ADDRESS_PER_MINUTE: "100000",
    // A post LinkedIn keeps failing reaches its verdict after five tries 2, 4, 8 and 16 s apart instead
    // of the production default's 30 s … 4 min (the operator setting), so the walk to it takes a minute.
    INERGIZE_SCHEDULER_RETRY_BASE_SECONDS: "2",
  });
  const server = spawn(inergize, ["serve", "--host", "127.0.0.1", "--port", String(port)], {
    cwd: dataDir,
    env,
    // The server's log goes to a file, shown only when it fails to start.
    stdio: ["ignore", "ignore", openSync(join(dataDir, "server.log"), "a")],
  });
  try {
    await waitUntilReady(baseUrl, server, 90);
  } catch (error) {
    server.kill("SIGKILL");
    console.error(readFileSync(join(dataDir, "server.log"), "utf8").slice(-4000));
    throw error;
  }
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATA_DIR = dataDir;
  process.env.E2E_INERGIZE = inergize;
  return async () => {
    server.kill("SIGTERM");
    await new Promise((done) => {
      const timer = setTimeout(() => {
        server.kill("SIGKILL");
        done(undefined);
      }, 10_000);
      server.once("exit", () => {
        clearTimeout(timer);
        done(undefined);
      });
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
