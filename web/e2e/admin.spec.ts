import { createAdminAccount, createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Whole walks through several pages, on a machine shared with other runs.
test.describe.configure({ timeout: 90_000 });

test("a member sees no admin entries, and an admin page opened directly says it is for admins", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await expect(page.getByRole("navigation", { name: "Administration" })).toHaveCount(0);
  for (const path of ["/admin/users/", "/admin/audit/", "/admin/"]) {
    await page.goto(path);
    await expect(page.getByText("This page is for administrators of InErgize.")).toBeVisible();
  }
  await expectAccessible(page, "on the admins-only message");
  await screenshots(page, "admin-members");
});

test("an admin finds a member, disables and enables them, changes their tier, and reads the audit log", async ({ page, request }) => {
  const member = await createVerifiedAccount(request);
  const admin = createAdminAccount();
  await signIn(page, admin);
  const adminNav = page.getByRole("navigation", { name: "Administration" });
  await adminNav.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  // The server searches every account, not only the pages loaded so far.
  await page.getByLabel("Search by email or name").fill("nobody-has-this-address");
  await expect(page.getByText("No account matches “nobody-has-this-address”.")).toBeVisible();
  await page.getByLabel("Search by email or name").fill(member.email);
  const row = page.getByRole("listitem").filter({ hasText: member.email });
  await expect(row).toHaveCount(1);
  await expectAccessible(page, "on the users page");
  await screenshots(page, "admin-users");

  await row.getByRole("button", { name: `Disable ${member.email}` }).click();
  await expect(row.getByText("Disabled")).toBeVisible();
  const refused = await request.post("/v1/auth/login", { data: { email: member.email, password: member.password } });
  expect(refused.ok()).toBe(false);
  await row.getByRole("button", { name: `Enable ${member.email}` }).click();
  await expect(row.getByText("Active")).toBeVisible();

  await row.getByRole("button", { name: `Tier ${member.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Tier of ${member.email}` });
  await expect(dialog.getByText("Posts a month")).toBeVisible();
  await dialog.getByLabel("Tier", { exact: true }).selectOption("pro");
  await expectAccessible(page, "with the tier dialog");
  await dialog.getByRole("button", { name: "Change tier" }).click();
  await expect(row.getByText("Tier: pro")).toBeVisible();

  await adminNav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByText(/admin\.|user\.|tier/).first()).toBeVisible();
  await expectAccessible(page, "on the audit log");
  await screenshots(page, "admin-audit");
});
