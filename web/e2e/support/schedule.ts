import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

import type { Account } from "./accounts";

/** A bearer token for setting up a test's data through the API (the page itself uses its cookie session). */
export async function apiToken(request: APIRequestContext, account: Account): Promise<string> {
  const answer = await request.post("/v1/auth/login", { data: { email: account.email, password: account.password } });
  expect(answer.ok(), await answer.text()).toBe(true);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

const auth = (token: string, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, ...extra });

/** Connects the member's simulated LinkedIn account (embedded mode): the sandbox's authorization URL is
 * the callback itself, carrying a code. */
export async function connectSandbox(request: APIRequestContext, token: string): Promise<void> {
  const start = await request.post("/v1/linkedin/connect", { headers: auth(token) });
  expect(start.ok(), await start.text()).toBe(true);
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const back = await request.get(authorizationUrl, { maxRedirects: 0 });
  expect(back.status(), await back.text()).toBeLessThan(400);
}

/** Sets the profile's time zone (the calendar shows that zone, whatever the browser's). */
export async function setTimeZone(request: APIRequestContext, token: string, timezone: string): Promise<void> {
  const me = await request.get("/v1/me", { headers: auth(token) });
  const etag = me.headers()["etag"] ?? `"v${((await me.json()) as { version: number }).version}"`;
  const patched = await request.patch("/v1/me", { headers: auth(token, { "If-Match": etag }), data: { timezone } });
  expect(patched.ok(), await patched.text()).toBe(true);
}

/** A post in the library, moderated and ready to schedule; its id. */
export async function readyPost(request: APIRequestContext, token: string, title: string, body: string): Promise<string> {
  const created = await request.post("/v1/content", { headers: auth(token), data: { title, body, kind: "post" } });
  expect(created.status(), await created.text()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  const ready = await request.post(`/v1/content/${id}/ready`, { headers: auth(token, { "If-Match": `"v${version}"` }) });
  expect(ready.ok(), await ready.text()).toBe(true);
  return id;
}

/** Schedules content at an instant through the API; the publication's id. */
export async function scheduleAt(request: APIRequestContext, token: string, contentId: string, at: Date): Promise<string> {
  const answer = await request.post("/v1/schedule", { headers: auth(token), data: { contentId, at: at.toISOString() } });
  expect(answer.status(), await answer.text()).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

/** `YYYY-MM-DD` and `HH:MM` of an instant on the clocks of `zone`. */
export function wallClock(instant: Date, zone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

/** Drags a calendar entry onto a cell with the mouse, as a person does (FullCalendar needs real moves). */
export async function dragOnto(page: Page, entry: Locator, target: Locator): Promise<void> {
  const from = await entry.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("the entry or the target cell is not on screen");
  // Grab the entry by its start (a long title overflows its cell).
  const grab = { x: from.x + Math.min(12, from.width / 2), y: from.y + from.height / 2 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  await page.mouse.move(grab.x + 8, grab.y + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** The LinkedIn sandbox's own controls (embedded mode): the member's simulated account answers 500s
 * (`fail`: the next n calls), 429s (`rateLimit`) or refuses writes (`restricted`); `{}` behaves again. */
export async function sandboxMisbehaves(
  request: APIRequestContext,
  token: string,
  settings: { fail?: number; rateLimit?: number; retryAfter?: number; restricted?: boolean },
): Promise<void> {
  const answer = await request.post("/v1/linkedin/sandbox/misbehave", { headers: auth(token), data: settings });
  expect(answer.status(), await answer.text()).toBe(204);
}

/** Publishes ready content at once from the calendar's dialog; the post's panel opens. */
export async function publishNowFromCalendar(page: Page, title: string): Promise<void> {
  await page.getByRole("button", { name: "Schedule a post" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Schedule a post" });
  await dialog.getByRole("combobox", { name: "Content" }).click();
  await page.getByRole("option", { name: title }).click();
  await dialog.getByRole("radio", { name: "Publish now" }).check();
  await dialog.getByRole("button", { name: "Publish now" }).click();
  await expect(dialog).toBeHidden();
}
