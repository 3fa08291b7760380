import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { apiToken, connectSandbox, dragOnto, readyPost, scheduleAt, setTimeZone, wallClock } from "./support/schedule";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Far from the browser's own zone (Europe/Paris): the calendar must follow the profile, not the browser.
const ZONE = "Asia/Tokyo";
const DAY_MS = 24 * 3600 * 1000;

test("schedules a post, drags it to today on the calendar and sees it published", async ({ page, request }) => {
  test.setTimeout(240_000);
  const account = await createVerifiedAccount(request);
  const token = await apiToken(request, account);
  await connectSandbox(request, token);
  await setTimeZone(request, token, ZONE);
  await readyPost(request, token, "Launch notes", "Three lessons from shipping our calendar this week.");
  await signIn(page, account);

  await page.getByRole("link", { name: "Calendar" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page.getByText(`Your posts by week or month, in ${ZONE}.`)).toBeVisible();

  // Tomorrow, at a time a minute or two from now: dragged onto today, it is due almost at once.
  const soon = new Date(Math.ceil((Date.now() + 100_000) / 60_000) * 60_000);
  const today = wallClock(soon, ZONE);
  const tomorrow = wallClock(new Date(soon.getTime() + DAY_MS), ZONE);

  await page.getByRole("button", { name: "Schedule a post" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Schedule a post" });
  await dialog.getByRole("combobox", { name: "Content" }).click();
  await page.getByRole("option", { name: "Launch notes" }).click();
  await dialog.getByLabel("Date", { exact: true }).fill(tomorrow.date);
  await dialog.getByLabel("Time", { exact: true }).fill(tomorrow.time);
  await expectAccessible(page, "in the schedule dialog");
  await dialog.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText(/^Scheduled for /)).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Month" }).click();
  const post = page.locator(`.fc td[data-date="${tomorrow.date}"] .fc-event`, { hasText: "Three lessons" });
  await expect(post).toBeVisible();
  await dragOnto(page, post, page.locator(`.fc td[data-date="${today.date}"]`));
  await expect(page.getByText(/^Moved to /)).toBeVisible();
  await expect(page.locator(`.fc td[data-date="${today.date}"]`).getByText("Three lessons")).toBeVisible();

  // The embedded worker publishes to the LinkedIn sandbox when it is due; the page follows by itself.
  const row = page.getByRole("button", { name: /Three lessons/ }).filter({ hasText: /Published|Scheduled|publish/ });
  await expect(row.getByText("Published")).toBeVisible({ timeout: 180_000 });
  await row.click();
  const panel = page.getByRole("region", { name: "Post details" });
  await expect(panel.getByText(/^Published /)).toBeVisible();
  await expect(panel.getByText(/^urn:li:/)).toBeVisible();
  await expectAccessible(page, "on the calendar");
  await screenshots(page, "calendar");
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole("button", { name: /Three lessons/ })).toBeVisible();
  await expectAccessible(page, "on the calendar at 375 px");
});

test("reschedules with the keyboard dialog and cancels a post opened from a link", async ({ page, request }) => {
  test.setTimeout(120_000);
  const account = await createVerifiedAccount(request);
  const token = await apiToken(request, account);
  await setTimeZone(request, token, ZONE);
  const content = await readyPost(request, token, "Hiring post", "We are hiring two engineers in Lyon.");
  const due = new Date(Date.now() + 3 * DAY_MS);
  const id = await scheduleAt(request, token, content, due);
  await signIn(page, account);

  await page.goto(`/calendar/?publication=${id}`);
  const panel = page.getByRole("region", { name: "Post details" });
  await expect(panel.getByText("We are hiring two engineers in Lyon.")).toBeVisible();
  await expect(panel.getByText("Scheduled", { exact: true })).toBeVisible();

  const later = wallClock(new Date(due.getTime() + DAY_MS), ZONE);
  await panel.getByRole("button", { name: "Reschedule" }).click();
  const dialog = page.getByRole("dialog", { name: "Reschedule the post" });
  await expect(dialog.getByLabel("Date", { exact: true })).toBeFocused({ timeout: 2_000 }).catch(() => undefined);
  await dialog.getByLabel("Date", { exact: true }).fill(later.date);
  await dialog.getByLabel("Time", { exact: true }).fill("09:15");
  await expectAccessible(page, "in the reschedule dialog");
  await dialog.getByRole("button", { name: "Move post" }).click();
  await expect(page.getByText(/^Moved to /)).toBeVisible();
  await expect(panel.getByText(/9:15/).first()).toBeVisible();

  await panel.getByRole("button", { name: "Cancel post" }).click();
  await page.getByRole("dialog", { name: "Cancel this post?" }).getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(panel.getByText("Cancelled. It will not be published.")).toBeVisible();
  await expectAccessible(page, "with a cancelled post open");
  await screenshots(page, "calendar-details");
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(panel.getByText("Cancelled. It will not be published.")).toBeVisible();
  await expectAccessible(page, "with a post open at 375 px");
});
