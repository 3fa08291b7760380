import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The embedded email backend writes each email as an `.eml` file in `<data dir>/outbox` (what
 * `inergize email list` reads). These helpers read them the same way: newest first, text part decoded.
 */
export type Email = { id: string; to: string; subject: string; text: string };

function outboxDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: the server of e2e/support/server.ts is not running");
  return join(dir, "outbox");
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = cut < 0 ? raw : raw.slice(0, cut);
  const body = cut < 0 ? "" : raw.slice(cut).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decode(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8");
    case "quoted-printable": {
      const bytes = body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    }
    default:
      return body;
  }
}

/** The first text/plain part of a MIME entity (multipart/alternative included). */
function plainText(raw: string): string {
  const { headers, body } = splitHeaders(raw);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith("multipart/") && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith("--")) break;
      const text = plainText(part.replace(/^\r?\n/, ""));
      if (text) return text;
    }
    return "";
  }
  if (!type.toLowerCase().startsWith("text/plain")) return "";
  return decode(body, headers.get("content-transfer-encoding") ?? "7bit");
}

function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : decode(text.replace(/_/g, " "), "quoted-printable"),
  );
}

export function listEmails(): Email[] {
  let files: string[];
  try {
    files = readdirSync(outboxDir()).filter((name) => name.endsWith(".eml"));
  } catch {
    return [];
  }
  return files
    .sort()
    .reverse()
    .map((name) => {
      const raw = readFileSync(join(outboxDir(), name), "utf8");
      const { headers } = splitHeaders(raw);
      return {
        id: name.replace(/\.eml$/, ""),
        to: decodeHeader(headers.get("to") ?? ""),
        subject: decodeHeader(headers.get("subject") ?? ""),
        text: plainText(raw),
      };
    });
}

/** Waits (the email is sent by a background job) for the newest email to `to` whose text matches. */
export async function waitForEmail(to: string, matching: RegExp, seconds = 20): Promise<Email> {
  const deadline = Date.now() + seconds * 1000;
  const address = to.toLowerCase();
  while (Date.now() < deadline) {
    const found = listEmails().find((mail) => mail.to.toLowerCase().includes(address) && matching.test(mail.text));
    if (found) return found;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`no email to ${to} matching ${matching} within ${seconds} s`);
}

/** The path and query of the web-app link in an email (`/verify-email/?token=…`), for `page.goto`. */
export async function linkFromEmail(to: string, page: "verify-email" | "reset-password" | "confirm-email"): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s/]+(/${page}/?\\?token=[^\\s"'<>]+)`);
  const mail = await waitForEmail(to, pattern);
  const path = pattern.exec(mail.text)?.[1] ?? "";
  // Older links lack the trailing slash; the static export's page is the folder.
  return path.replace(`/${page}?`, `/${page}/?`);
}
