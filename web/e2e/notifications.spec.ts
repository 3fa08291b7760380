import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Whole walks through several pages, on a machine shared with other runs.
test.describe.configure({ timeout: 90_000 });

test("shows unread notifications first, opens one, and marks all read", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/notifications/");
  await expect(page.getByText("No notifications yet")).toBeVisible();
  await expectAccessible(page, "with no notifications");

  // Changing the password from the settings page leaves a security notice.
  await page.goto("/settings/security/");
  const password = page.getByRole("region", { name: "Password" });
  const next = `${account.password} again`;
  await password.getByLabel("Current password").fill(account.password);
  await password.getByLabel("New password", { exact: true }).fill(next);
  await password.getByLabel("Repeat new password").fill(next);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  await page.goto("/notifications/");
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: /Notifications.*unread notification/ })).toBeVisible();
  const unread = page.getByRole("region", { name: /Unread/ });
  await expect(unread.getByRole("listitem").first()).toBeVisible();
  await expectAccessible(page, "with unread notifications");
  await screenshots(page, "notifications");

  await unread.getByRole("link", { name: /^Open/ }).first().click();
  await expect(page).toHaveURL(/\/settings\/security\/$/);
  await page.goto("/notifications/");
  await expect(page.getByRole("region", { name: "Earlier" })).toBeVisible();

  const markAll = page.getByRole("button", { name: "Mark all as read" });
  if (await markAll.isVisible()) {
    await markAll.click();
    await expect(page.getByText("All notifications marked as read.")).toBeVisible();
  }
  await expect(page.getByText("You're all caught up.")).toBeVisible();
  await expect(nav.getByRole("link", { name: /unread notification/ })).toHaveCount(0);
});
