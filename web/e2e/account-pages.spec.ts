import { createAdminAccount, createVerifiedAccount, signInQuickly } from "./support/accounts";
import { checkPage, expectNoSidewaysScroll } from "./support/page-check";
import { expect, test } from "./support/test";

// Each page of the account area, as a new member first sees it, at 1280 px and 375 px.
const MEMBER_PAGES: Array<{ path: string; name: string; heading: string; ready: string }> = [
  { path: "/automation/", name: "automation-empty", heading: "Automation", ready: "No campaigns yet" },
  { path: "/automation/?new=1", name: "automation-new-empty", heading: "New campaign", ready: "Where the people come from" },
  { path: "/automation/tasks/", name: "tasks-empty", heading: "Tasks", ready: "Nothing to do right now" },
  { path: "/compliance/", name: "compliance-fresh", heading: "Compliance", ready: "Account health" },
  { path: "/notifications/", name: "notifications-empty", heading: "Notifications", ready: "No notifications yet" },
  { path: "/settings/", name: "settings-fresh", heading: "Settings", ready: "Working days" },
  { path: "/settings/security/", name: "security-fresh", heading: "Security", ready: "Set up two-step verification" },
  { path: "/settings/sessions/", name: "sessions-fresh", heading: "Sessions", ready: "This device" },
  { path: "/settings/notifications/", name: "notification-settings", heading: "Notification settings", ready: "Security alerts" },
  { path: "/settings/data/", name: "data-fresh", heading: "Your data", ready: "This cannot be undone." },
];

test.describe.configure({ timeout: 90_000 });

for (const entry of MEMBER_PAGES) {
  test(`${entry.path} renders, passes axe and fits at 1280 px and 375 px`, async ({ page, request }) => {
    const account = await createVerifiedAccount(request);
    await signInQuickly(page, account, entry.path);
    await checkPage(page, entry.name, async () => {
      await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
      await expect(page.getByText(entry.ready, { exact: true }).first()).toBeVisible();
      await expectNoSidewaysScroll(page, entry.path);
    });
  });
}

// One test per admin page: three pages at two widths with axe outrun one test's limit on a busy machine.
test("the admin users page renders, passes axe and fits at 1280 px and 375 px", async ({ page }) => {
  const admin = createAdminAccount();
  await signInQuickly(page, admin, "/admin/users/");
  await checkPage(page, "admin-users-page", async () => {
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByText(admin.email).first()).toBeVisible();
  });
});

test("the admin audit log renders, passes axe and fits at 1280 px and 375 px", async ({ page }) => {
  const admin = createAdminAccount();
  await signInQuickly(page, admin, "/admin/audit/");
  await checkPage(page, "admin-audit-page", async () => {
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByText(/login|session|user\./).first()).toBeVisible();
  });
});

test("the admin home renders, passes axe and fits at 1280 px and 375 px", async ({ page }) => {
  const admin = createAdminAccount();
  await signInQuickly(page, admin, "/admin/");
  await checkPage(page, "admin-home", async () => {
    await expect(page.getByRole("link", { name: "Open the audit log" })).toBeVisible();
  });
});
