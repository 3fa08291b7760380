import type { APIRequestContext } from "@playwright/test";

import { createVerifiedAccount, signInQuickly, type Account } from "./support/accounts";
import { checkPage } from "./support/page-check";
import { expect, test } from "./support/test";

async function bearer(request: APIRequestContext, account: Account) {
  const login = await request.post("/v1/auth/login", { data: { email: account.email, password: account.password } });
  expect(login.ok(), await login.text()).toBe(true);
  return { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
}

test("the home page shows what goes out next and the unread notifications", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  const headers = await bearer(request, account);
  const created = await request.post("/v1/content", {
    headers,
    data: { kind: "post", title: "Launch", body: "Three lessons from shipping our first product\n\nMore below." },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const { id } = (await created.json()) as { id: string };
  const etag = created.headers()["etag"] ?? "";
  const ready = await request.post(`/v1/content/${id}/ready`, { headers: { ...headers, "If-Match": etag } });
  expect(ready.ok(), await ready.text()).toBe(true);
  const at = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
  const scheduled = await request.post("/v1/schedule", { headers, data: { contentId: id, at } });
  expect(scheduled.ok(), await scheduled.text()).toBe(true);
  // A security notice is the quickest unread notification: changing the password sends one.
  const renewed = { ...account, password: `${account.password} renewed` };
  const changed = await request.post("/v1/me/password", {
    headers,
    data: { currentPassword: account.password, newPassword: renewed.password },
  });
  expect(changed.status(), await changed.text()).toBe(204);

  await signInQuickly(page, renewed);
  const upcoming = page.getByRole("region", { name: "Scheduled next" });
  await expect(upcoming.getByText("Three lessons from shipping our first product")).toBeVisible();
  await expect(upcoming.getByText(/^Goes out /)).toBeVisible();
  const notifications = page.getByRole("region", { name: "Unread notifications" });
  await expect(notifications.getByText("1 unread notification")).toBeVisible();
  const profile = page.getByRole("region", { name: "Profile completeness" });
  await expect(profile.getByRole("progressbar", { name: "Profile completeness score" })).toBeVisible();
  await expect(profile.getByRole("heading", { name: "Next fixes, biggest gain first" })).toBeVisible();
  await checkPage(page, "home-with-items", async () => {
    await expect(notifications.getByText("1 unread notification")).toBeVisible();
  });

  await notifications.getByRole("button", { name: "Mark all as read" }).click();
  await expect(notifications.getByText("You're all caught up.")).toBeVisible();
  await expect(page.getByText("Notifications marked as read.")).toBeVisible();
});
