import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Whole walks through several pages, on a machine shared with other runs.
test.describe.configure({ timeout: 90_000 });

test("changes the display name, time zone and working hours on the profile settings", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/settings/");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expectAccessible(page, "on the profile settings");
  await screenshots(page, "settings-profile");

  await page.getByLabel("Display name").fill("Grace Hopper");
  await page.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByLabel("Industry").fill("Marketing");
  await page.getByLabel("Tone of AI drafts").fill("warm and direct");
  await page.getByLabel("Saturday").check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue("Grace Hopper");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  await expect(page.getByLabel("Saturday")).toBeChecked();
  await expect(page.getByText("Signed in as Grace Hopper").first()).toBeAttached();
});

test("changes the password, and a wrong current password is told in words", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/settings/security/");
  const card = page.getByRole("region", { name: "Password" });
  await card.getByLabel("Current password").fill("certainly not it");
  await card.getByLabel("New password", { exact: true }).fill(`${account.password} next`);
  await card.getByLabel("Repeat new password").fill(`${account.password} next`);
  await card.getByRole("button", { name: "Change password" }).click();
  await expect(card.getByRole("alert")).not.toContainText(/\b4\d\d\b/);
  await expect(card.getByRole("alert")).toContainText(/\w/);

  await card.getByLabel("Current password").fill(account.password);
  await card.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await expectAccessible(page, "on the security settings");
  await screenshots(page, "settings-security");
});

test("lists sessions with this device marked, signs another out, then signs out everywhere", async ({ page, request, browser }) => {
  const account = await createVerifiedAccount(request);
  // A second device: another browser context signed in to the same account.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, account);

  await signIn(page, account);
  await page.goto("/settings/sessions/");
  const list = page.getByRole("region", { name: "Signed in" });
  await expect(list.getByText("This device", { exact: true })).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expectAccessible(page, "on the sessions page");
  await screenshots(page, "settings-sessions");

  await list.getByRole("button", { name: /^Sign out (?!of this device)/ }).click();
  await expect(page.getByText("That device is signed out.")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await expectAccessible(page, "with the sign-out-everywhere dialog");
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\//);
  await page.goto("/settings/sessions/");
  await expect(page).toHaveURL(/\/sign-in\/\?next=/);
  await other.close();
});

test("downloads a copy of my data", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/settings/data/");
  await expect(page.getByText("This cannot be undone.")).toBeVisible();
  await expectAccessible(page, "on the data settings");
  await screenshots(page, "settings-data");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^inergize-export-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await (await file.createReadStream()).toArray();
  const exported = JSON.parse(Buffer.concat(text).toString("utf8")) as Record<string, unknown>;
  expect(JSON.stringify(exported)).toContain(account.email);
});

test("deletes the account after the password and a clear warning", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/settings/data/");
  await page.getByRole("button", { name: "Delete my account" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account" });
  const confirm = dialog.getByRole("button", { name: "Delete my account for good" });
  await dialog.getByLabel("Password").fill(account.password);
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/I understand/).check();
  await expectAccessible(page, "with the delete dialog");
  await confirm.click();
  await expect(page).toHaveURL(/\/sign-in\//);
  const login = await request.post("/v1/auth/login", { data: { email: account.email, password: account.password } });
  expect(login.ok()).toBe(false);
});

test("chooses where each kind of notification is delivered", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/settings/notifications/");
  const failed = page.getByRole("group", { name: "A post was not published" });
  await failed.getByLabel("By email").uncheck();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "A post was not published" }).getByLabel("By email")).not.toBeChecked();
  await expect(page.getByRole("group", { name: "A post was not published" }).getByLabel("In the app")).toBeChecked();
  await expectAccessible(page, "on the notification settings");
  await screenshots(page, "settings-notifications");
});
