import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";

import { linkFromEmail } from "./outbox";
import { freshTotpCode } from "./totp";

export type Account = { email: string; password: string; name: string };
export type MfaAccount = Account & { secret: string; recoveryCodes: string[] };

let counter = 0;

/** A new, unique account (not yet registered). Passwords pass the server's strength rules. */
export function newAccount(label = "member"): Account {
  counter += 1;
  const unique = `${Date.now().toString(36)}${process.pid}${counter}`;
  return {
    email: `${label}-${unique}@example.com`,
    password: `violet harbour lantern ${unique}`,
    name: `Ada ${label}`,
  };
}

/** Signs up through the page, then opens the verification link from the outbox, as a person would. */
export async function signUpAndVerify(page: Page, account: Account = newAccount()): Promise<Account> {
  await page.goto("/sign-up/");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await linkFromEmail(account.email, "verify-email"));
  await expect(page.getByText("Your email address is confirmed")).toBeVisible();
  return account;
}

/** Registers and verifies through the API (for tests about something else): fast, no page. */
export async function createVerifiedAccount(request: APIRequestContext, account: Account = newAccount()): Promise<Account> {
  const answer = await request.post("/v1/auth/register", {
    data: { email: account.email, password: account.password, displayName: account.name },
  });
  expect(answer.status(), await answer.text()).toBe(202);
  const link = await linkFromEmail(account.email, "verify-email");
  const token = new URL(link, "http://x").searchParams.get("token");
  const verified = await request.post("/v1/auth/verify-email", { data: { token } });
  expect(verified.status(), await verified.text()).toBe(204);
  return account;
}

/** Fills the sign-in form and waits for the signed-in home page. */
export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: /sign out/i }).or(page.getByRole("button", { name: "Menu" })).first()).toBeVisible();
}

async function bearer(request: APIRequestContext, account: Account): Promise<string> {
  const answer = await request.post("/v1/auth/login", { data: { email: account.email, password: account.password } });
  expect(answer.ok(), await answer.text()).toBe(true);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

/** Turns two-step verification on through the API (its page comes later); gives the secret and codes. */
export async function enableMfa(request: APIRequestContext, account: Account): Promise<MfaAccount> {
  const headers = { Authorization: `Bearer ${await bearer(request, account)}` };
  const enrol = await request.post("/v1/me/mfa/totp", { headers });
  expect(enrol.status(), await enrol.text()).toBe(201);
  const { secret } = (await enrol.json()) as { secret: string };
  const confirm = await request.post("/v1/me/mfa/totp/confirm", {
    headers,
    data: { code: await freshTotpCode(secret) },
  });
  expect(confirm.ok(), await confirm.text()).toBe(true);
  const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
  return { ...account, secret, recoveryCodes };
}

/** Email and password, then the authenticator code: the signed-in home page. */
export async function signInWithMfa(page: Page, account: MfaAccount): Promise<void> {
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(await freshTotpCode(account.secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /hello/i })).toBeVisible();
}

/**
 * Signs the page in without the form (for tests about other pages): a cookie-mode login through the
 * page's own request context, so the browser holds the refresh cookie, then opens `path`.
 */
export async function signInQuickly(page: Page, account: Account, path = "/"): Promise<void> {
  const answer = await page.request.post("/v1/auth/login", {
    headers: { "X-Session-Mode": "cookie" },
    data: { email: account.email, password: account.password },
  });
  expect(answer.ok(), await answer.text()).toBe(true);
  await page.goto(path);
}

/** An administrator, made the way an operator makes one: `inergize users create --admin`. */
export function createAdminAccount(account: Account = newAccount("admin")): Account {
  const made = spawnSync(
    process.env.E2E_INERGIZE ?? "inergize",
    ["users", "create", account.email, "--admin", "--name", account.name, "--password-stdin"],
    {
      input: `${account.password}\n`,
      encoding: "utf8",
      cwd: process.env.E2E_DATA_DIR,
      env: { ...process.env, INERGIZE_DATA_DIR: process.env.E2E_DATA_DIR, INERGIZE_PASSWORD_HASH_PROFILE: "fast" },
    },
  );
  expect(made.status, made.stderr).toBe(0);
  return account;
}
