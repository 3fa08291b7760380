import {
  createAdminAccount,
  createVerifiedAccount,
  enableMfa,
  newAccount,
  signIn,
  signInQuickly,
  signInWithMfa,
  signUpAndVerify,
} from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { linkFromEmail } from "./support/outbox";
import { checkPage } from "./support/page-check";
import { screenshots } from "./support/screenshots";
import { freshTotpCode } from "./support/totp";
import { expect, test } from "./support/test";

test("a new member signs up, confirms the email, signs in and signs out", async ({ page }) => {
  const account = await signUpAndVerify(page);
  await signIn(page, account);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${account.name}`);
  await expect(page.getByRole("heading", { name: "Unread notifications" })).toBeVisible();
  await expectAccessible(page, "on the home page");
  await screenshots(page, "home");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\/$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\/$/);
});

test("stays signed in across a reload, with no token kept in storage", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${account.name}`);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);
});

test("signs in with the code from an authenticator app", async ({ page, request }) => {
  const account = await enableMfa(request, await createVerifiedAccount(request));
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  await expectAccessible(page, "on the two-step step");
  await screenshots(page, "sign-in-mfa");
  await page.goto("/sign-in/");
  await signInWithMfa(page, account);
});

test("signs in with a recovery code", async ({ page, request }) => {
  const account = await enableMfa(request, await createVerifiedAccount(request));
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(account.recoveryCodes[0] ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${account.name}`);
});

test("a wrong password is told in words", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("alert").filter({ hasText: /\w/ });
  await expect(alert).toContainText(/not correct|incorrect|wrong/i);
  await expect(alert).not.toContainText(/\b4\d\d\b/);
  await expectAccessible(page, "with a sign-in error");
  await screenshots(page, "sign-in-error");
});

test("an address not yet confirmed can ask for the link again", async ({ page }) => {
  const account = newAccount("unconfirmed");
  await page.goto("/sign-up/");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Confirm your email address first")).toBeVisible();
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByText("a new link is on its way")).toBeVisible();
});

test("resets a forgotten password from the emailed link and signs in with the new one", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await page.goto("/sign-in/");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: fill the reset page's, not the one still on screen.
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("a reset link is on its way")).toBeVisible();
  await page.goto(await linkFromEmail(account.email, "reset-password"));
  const newPassword = `${account.password} renewed`;
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password is changed")).toBeVisible();
  await signIn(page, { ...account, password: newPassword });
});

test("a signed-out visitor is sent to sign in and comes back after", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await page.goto("/?from=test");
  await expect(page).toHaveURL(/\/sign-in\/\?next=/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/\?from=test$/);
});

test("an administrator made by the operator signs in", async ({ page }) => {
  const admin = createAdminAccount();
  await signInQuickly(page, admin);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${admin.name}`);
});

test("a reset on an account with two-step verification asks for a code too", async ({ page, request }) => {
  const account = await enableMfa(request, await createVerifiedAccount(request));
  await request.post("/v1/auth/password/forgot", { data: { email: account.email } });
  await page.goto(await linkFromEmail(account.email, "reset-password"));
  const newPassword = `${account.password} renewed`;
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your account uses two-step verification")).toBeVisible();
  await page.getByLabel("Authentication code").fill(await freshTotpCode(account.secret));
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password is changed")).toBeVisible();
  await checkPage(page, "reset-password-done", async () => {
    await expect(page.getByText("Your password is changed")).toBeVisible();
  });
});

test("confirms a change of email address from the link sent to the new address", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  const login = await request.post("/v1/auth/login", { data: { email: account.email, password: account.password } });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const newEmail = newAccount("moved").email;
  const change = await request.post("/v1/me/email", {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: { password: account.password, newEmail },
  });
  expect(change.ok(), await change.text()).toBe(true);
  await page.goto(await linkFromEmail(newEmail, "confirm-email"));
  await expect(page.getByText("Your new email address is confirmed")).toBeVisible();
  await signIn(page, { ...account, email: newEmail });
});
