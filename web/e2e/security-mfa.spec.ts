import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Whole walks through several pages, on a machine shared with other runs.
test.describe.configure({ timeout: 90_000 });
import { freshTotpCode } from "./support/totp";

test("turns on two-step verification from the QR page, then signs in with a code and with a recovery code", async ({ page, request, context }) => {
  // Five authenticator codes: each 30-second step is accepted once, so the last ones wait for a new step.
  test.setTimeout(150_000);
  const account = await createVerifiedAccount(request);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, account);
  await page.goto("/settings/security/");
  const card = page.getByRole("region", { name: "Two-step verification" });
  await card.getByRole("button", { name: "Set up two-step verification" }).click();

  // The QR code is an authenticated image, fetched with the token and shown from a blob.
  const qr = card.getByRole("img", { name: /QR code/ });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^blob:/);
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const secret = (await card.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await expectAccessible(page, "while setting up two-step verification");
  await screenshots(page, "settings-mfa-setup");

  await card.getByLabel("Authenticator code").fill(await freshTotpCode(secret));
  await card.getByRole("button", { name: "Turn on" }).click();
  const codes = card.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem");
  await expect(codes.first()).toBeVisible();
  const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
  await card.getByRole("button", { name: "Copy codes" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(recoveryCodes[0]);
  const download = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download codes" }).click();
  expect((await download).suggestedFilename()).toBe("inergize-recovery-codes.txt");
  await expectAccessible(page, "with the recovery codes");
  await screenshots(page, "settings-mfa-codes");
  await card.getByRole("button", { name: "I have saved them" }).click();
  await expect(card.getByText("Two-step verification is on.")).toBeVisible();
  await expect(card.getByText(/recovery codes left/)).toBeVisible();

  // Sign out, then back in with a code from the app.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\//);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(await freshTotpCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  // Signing in again returns to the page the session ended on.
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();

  // And once more with one of the recovery codes.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\//);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0] ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();

  // One recovery code fewer; new codes replace the old; then two-step verification is turned off.
  await expect(card.getByText(`${recoveryCodes.length - 1} recovery codes left.`)).toBeVisible();
  await card.getByRole("button", { name: "Make new recovery codes" }).click();
  const regenerate = page.getByRole("dialog", { name: "Make new recovery codes" });
  await regenerate.getByLabel("Password").fill(account.password);
  await regenerate.getByLabel("Authenticator code").fill(await freshTotpCode(secret));
  await regenerate.getByRole("button", { name: "Make new codes" }).click();
  await expect(card.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").first()).toBeVisible();
  await card.getByRole("button", { name: "I have saved them" }).click();

  await card.getByRole("button", { name: "Turn off" }).click();
  const disable = page.getByRole("dialog", { name: "Turn off two-step verification" });
  await disable.getByLabel("Password").fill(account.password);
  await disable.getByLabel("Authenticator code").fill("000000");
  await disable.getByRole("button", { name: "Turn off two-step verification" }).click();
  await expect(disable.getByRole("alert")).toContainText(/\w/);
  await expect(disable.getByRole("alert")).not.toContainText(/\b4\d\d\b/);
  await disable.getByLabel("Authenticator code").fill(await freshTotpCode(secret));
  await disable.getByRole("button", { name: "Turn off two-step verification" }).click();
  await expect(card.getByRole("button", { name: "Set up two-step verification" })).toBeVisible();
});
