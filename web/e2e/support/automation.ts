import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/**
 * Opens every hour of every day (in UTC) and takes the random pauses out of the pacing, so a started
 * campaign's first action is due at once and `serve`'s tick hands it to the task list within seconds.
 * The pacing's jitter has no field on the compliance page, hence the API.
 */
export async function openAllHours(request: APIRequestContext, token: string): Promise<void> {
  const headers = { Authorization: `Bearer ${token}` };
  const me = await request.get("/v1/me", { headers });
  const profile = await request.patch("/v1/me", {
    headers: { ...headers, "If-Match": me.headers()["etag"] ?? "" },
    data: { timezone: "UTC", workingHours: { start: "00:00", end: "23:59", days: [1, 2, 3, 4, 5, 6, 7] } },
  });
  expect(profile.ok(), await profile.text()).toBe(true);
  const settings = await request.get("/v1/compliance/settings", { headers });
  const pacing = {
    ...((await settings.json()) as { pacing: Record<string, unknown> }).pacing,
    jitter_seconds: 0,
    long_break_probability: 0,
    min_gap_seconds: 30,
  };
  const saved = await request.patch("/v1/compliance/settings", {
    headers: { ...headers, "If-Match": settings.headers()["etag"] ?? "" },
    data: { pacing },
  });
  expect(saved.ok(), await saved.text()).toBe(true);
}

/** The first "Send an invitation" task of the open task list, reloading until the worker's tick has handed it over. */
export async function dueInvitationTask(page: Page, seconds = 75): Promise<Locator> {
  // The task list must be open first: a reload before the navigation lands would reload the page before it.
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  const task = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Send an invitation/ }) }).first();
  await expect(async () => {
    await page.reload();
    await expect(task).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: seconds * 1000, intervals: [3_000] });
  return task;
}
