import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { apiToken, readyPost, wallClock } from "./support/schedule";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

test("sets the queue's time slots, pauses and resumes, and schedules a recurring series", async ({ page, request }) => {
  test.setTimeout(120_000);
  const account = await createVerifiedAccount(request);
  const token = await apiToken(request, account);
  await readyPost(request, token, "Tip one", "Monday tip: write the hook first.");
  await readyPost(request, token, "Tip two", "Monday tip: end with one question.");
  await signIn(page, account);
  await page.getByRole("link", { name: "Queue" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await expect(page.getByText("No time slots yet.")).toBeVisible();

  const slots = page.getByRole("region", { name: "Time slots" });
  await slots.getByRole("button", { name: "Add a time slot" }).click();
  await slots.getByRole("button", { name: "Add a time slot" }).click();
  const second = slots.getByRole("group", { name: "Time slot 2" });
  await second.getByLabel("Day", { exact: true }).selectOption({ label: "Thursday" });
  await second.getByLabel("Time", { exact: true }).fill("17:30");
  await slots.getByRole("button", { name: "Save time slots" }).click();
  await expect(page.getByText("Your time slots are saved.")).toBeVisible();
  await expect(slots.getByRole("button", { name: "Remove Thursday at 17:30" })).toBeVisible();

  // Another device changes the settings: this page's next save is refused and it says so.
  const settings = await request.get("/v1/schedule/settings", { headers: { Authorization: `Bearer ${token}` } });
  const changed = await request.put("/v1/schedule/settings", {
    headers: { Authorization: `Bearer ${token}`, "If-Match": settings.headers()["etag"] ?? "" },
    data: { minGapMinutes: 30 },
  });
  expect(changed.ok(), await changed.text()).toBe(true);
  await slots.getByRole("button", { name: "Remove Monday at 09:00" }).click();
  await slots.getByRole("button", { name: "Save time slots" }).click();
  await expect(slots.getByText(/Someone changed these settings meanwhile/)).toBeVisible();
  await expect(slots.getByLabel(/Minimum gap/)).toHaveValue("30");

  const pause = page.getByRole("region", { name: "Pause and vacation" });
  await pause.getByRole("button", { name: "Pause publishing" }).click();
  await expect(pause.getByText(/Publishing is paused\. Scheduled posts wait/)).toBeVisible();
  await pause.getByRole("button", { name: "Resume publishing" }).click();
  await expect(pause.getByText("Publishing is on. Posts go out at their times.")).toBeVisible();

  // Vacation with an end: back on a day two weeks ahead, in the queue's zone.
  const backOn = wallClock(new Date(Date.now() + 14 * 24 * 3600 * 1000), "UTC").date;
  await pause.getByRole("button", { name: "Pause until then" }).click();
  await expect(pause.getByText("Choose the day publishing starts again.")).toBeVisible();
  await pause.getByLabel("Back on").fill(backOn);
  await pause.getByRole("button", { name: "Pause until then" }).click();
  // The day as the page writes it (the browser's locale, the profile's zone: UTC here).
  const day = await page.evaluate(
    (iso) => new Intl.DateTimeFormat(navigator.language, { dateStyle: "full", timeZone: "UTC" }).format(new Date(iso)),
    `${backOn}T00:00:00Z`,
  );
  await expect(pause.getByRole("status")).toContainText(`On vacation until ${day}`);
  const stored = await request.get("/v1/schedule/settings", { headers: { Authorization: `Bearer ${token}` } });
  expect(((await stored.json()) as { pausedUntil: string | null }).pausedUntil).toMatch(new RegExp(`^${backOn}T00:00:00`));
  await expectAccessible(page, "with the queue on vacation");
  await screenshots(page, "queue-vacation");
  await pause.getByRole("button", { name: "Resume publishing" }).click();
  await expect(pause.getByText("Publishing is on. Posts go out at their times.")).toBeVisible();

  const series = page.getByRole("region", { name: "Recurring posts" });
  await series.getByRole("checkbox", { name: /Tip two/ }).check();
  await series.getByRole("checkbox", { name: /Tip one/ }).check();
  // each picked post shows its place in the series, in the order it was picked
  await expect(series.getByRole("checkbox", { name: /Tip two.*#1/ })).toBeChecked();
  await expect(series.getByRole("checkbox", { name: /Tip one.*#2/ })).toBeChecked();
  await screenshots(page, "queue-series-picked");
  await series.getByRole("button", { name: "Schedule the series" }).click();
  await expect(page.getByText("2 posts scheduled.")).toBeVisible();
  const upcoming = page.getByRole("region", { name: "Coming up" });
  await expect(upcoming.getByRole("link", { name: /end with one question/ })).toBeVisible();
  await expect(upcoming.getByRole("link", { name: /write the hook first/ })).toBeVisible();
  const made = page.getByRole("region", { name: "Your series" });
  await expect(made.getByRole("listitem")).toHaveCount(1);
  await expect(made.getByRole("listitem")).toContainText("2 posts: 2 to come, 0 published");
  await expect(made.getByRole("listitem")).toContainText(/Next .*: Monday tip: end with one question/);
  await expectAccessible(page, "on the queue page");
  await screenshots(page, "queue");

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole("region", { name: "Coming up" }).getByRole("link").first()).toBeVisible();
  await expectAccessible(page, "on the queue page at 375 px");

  // Another device cancels one post of the series: this page's stop, made from what it read, is refused
  // and the series is shown again as it is now.
  const hook = page.getByRole("region", { name: "Coming up" }).getByRole("link", { name: /write the hook first/ });
  const publication = new URL((await hook.getAttribute("href")) ?? "", "http://x").searchParams.get("publication");
  const cancelled = await request.delete(`/v1/schedule/${publication}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(cancelled.ok(), await cancelled.text()).toBe(true);
  await page.getByRole("region", { name: "Your series" }).getByRole("button", { name: "Stop series 1" }).click();
  const stop = page.getByRole("dialog", { name: "Stop this series?" });
  await expect(stop).toContainText("The 2 posts still to come are cancelled.");
  await stop.getByRole("button", { name: "Yes, stop it" }).click();
  await expect(page.getByRole("region", { name: "Your series" }).getByRole("alert")).toContainText("This series changed meanwhile");
  await expect(page.getByRole("region", { name: "Your series" }).getByRole("listitem")).toContainText("2 posts: 1 to come, 0 published");
  await screenshots(page, "queue-series-changed");

  // Stopping it again, as it is now, cancels the post still to come: nothing is coming up any more.
  await page.getByRole("region", { name: "Your series" }).getByRole("button", { name: "Stop series 1" }).click();
  await expect(stop).toContainText("The post still to come is cancelled.");
  await stop.getByRole("button", { name: "Yes, stop it" }).click();
  await expect(page.getByText("The series is stopped.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Your series" }).getByRole("listitem")).toContainText("2 posts: 0 to come, 0 published");
  await expect(page.getByRole("region", { name: "Your series" }).getByText(/^Nothing left to come/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Coming up" }).getByRole("link")).toHaveCount(0);
});
