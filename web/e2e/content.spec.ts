import type { APIRequestContext, Page } from "@playwright/test";

import { createVerifiedAccount, signInQuickly, type Account } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots, WIDTHS } from "./support/screenshots";
import { expect, test } from "./support/test";

/** A bearer token for setting up data through the API (the pages themselves use the browser session). */
async function token(request: APIRequestContext, account: Account): Promise<string> {
  const answer = await request.post("/v1/auth/login", { data: { email: account.email, password: account.password } });
  expect(answer.ok(), await answer.text()).toBe(true);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}

async function addContent(request: APIRequestContext, bearer: string, title: string, body: string, kind = "post") {
  const answer = await request.post("/v1/content", {
    headers: { Authorization: `Bearer ${bearer}` },
    data: { title, body, kind },
  });
  expect(answer.status(), await answer.text()).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

async function accessibleAtBothWidths(page: Page, what: string) {
  for (const width of Object.values(WIDTHS)) {
    await page.setViewportSize({ width, height: 800 });
    await expectAccessible(page, `${what} at ${width} px`);
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 800 });
}

// Each of these walks a whole page, with axe at two widths and screenshots: longer than the default.
test.describe.configure({ timeout: 120_000 });

const LONG_POST =
  "Three things I learned shipping (fast) releases with a small team, and why the boring parts matter most. " +
  "First: write the rollback before the feature. Second: a checklist beats memory at 6 pm on a Friday. " +
  "Third: thank the people who review your code, like @[Ada Lovelace](urn:li:person:ada123), in public. " +
  "What would you add? #devops #release_notes";

test("generates a post, edits it, sees the fold in the preview, and marks it ready", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signInQuickly(page, account, "/compose/");
  await expect(page.getByRole("heading", { level: 1, name: "Compose a post" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Compose" })).toHaveAttribute("aria-current", "page");
  // The templates are in (the button is enabled): axe reads its colours, not those of its fade from grey.
  await expect(page.getByRole("button", { name: "Generate", exact: true })).toBeEnabled();
  await accessibleAtBothWidths(page, "on the empty compose page");

  await page.getByLabel("Topic").fill("code review habits");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page).toHaveURL(/\/compose\/\?id=[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Edit post" })).toBeVisible();
  const text = page.getByLabel("Post text");
  await expect(text).not.toHaveValue("");
  await expect(page.getByRole("status").filter({ hasText: "State:" })).toContainText("Ready");

  await text.fill(LONG_POST);
  const preview = page.getByRole("figure", { name: "Preview of the post as LinkedIn shows it" });
  const shown = preview.getByTestId("preview-text");
  await expect(shown).toContainText("shipping (fast) releases");
  await expect(shown).not.toContainText("What would you add?");
  await expect(preview.getByRole("button", { name: "see more" })).toBeVisible();
  await expect(preview).toContainText(`${[...LONG_POST].length} / 3,000 characters`);
  await preview.getByRole("button", { name: "see more" }).click();
  await expect(shown).toContainText("like Ada Lovelace, in public");
  await expect(shown).not.toContainText("urn:li:person");
  await expect(shown.getByText("#devops")).toBeVisible();
  await expect(shown).toContainText("#release_notes");
  await expect(page.getByRole("status").filter({ hasText: "State:" })).toContainText("Unsaved changes");

  await page.getByRole("button", { name: "Save and mark ready" }).click();
  await expect(page.getByRole("status").filter({ hasText: "State:" })).toContainText("Ready");
  await expect(page.getByRole("button", { name: "Ready to publish" })).toBeDisabled();
  await expect(page.getByRole("listitem").filter({ hasText: "Version 2" })).toContainText("current");

  await page.getByRole("button", { name: "View version 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Version 1" });
  await expect(dialog.getByRole("button", { name: "Restore version 1" })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  await accessibleAtBothWidths(page, "on the compose page with a post");
  await screenshots(page, "compose");

  await page.getByLabel("Date and time").fill("2030-03-04T09:30");
  await page.getByRole("button", { name: "Schedule post" }).click();
  await expect(page.getByText(/Scheduled for/)).toBeVisible();
  await expect(page.getByRole("link", { name: "See it in the calendar" })).toHaveAttribute("href", /\/calendar\/\?publication=/);
});

test("a post over LinkedIn's limit is counted and cannot be marked ready; moderation says why", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  const bearer = await token(request, account);
  const id = await addContent(request, bearer, "Contact me", "Write to me at ada@example.com today.");
  await signInQuickly(page, account, `/compose/?id=${id}`);
  await page.getByRole("button", { name: "Mark ready" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Moderation held this version back" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Moderation findings" })).toContainText("email address");
  await page.getByLabel("Post text").fill("👍".repeat(3001));
  await expect(page.getByRole("figure")).toContainText("3,001 / 3,000 characters");
  await expect(page.getByRole("figure")).toContainText("1 over LinkedIn's limit");
  await expect(page.getByRole("button", { name: "Save and mark ready" })).toBeDisabled();
});

test("the library searches, filters, pages on, opens and deletes with confirmation", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  const bearer = await token(request, account);
  await signInQuickly(page, account, "/library/");
  await expect(page.getByText("Your library is empty")).toBeVisible();
  for (let i = 0; i < 21; i += 1) await addContent(request, bearer, `Weekly note ${i}`, "Notes on hiring.");
  await addContent(request, bearer, "Quarterly plan", "Budget and roadmap for the quarter.");
  await page.reload();
  const list = page.getByRole("list", { name: "Content" });
  await expect(list.getByRole("listitem")).toHaveCount(20);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(22);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  await page.getByLabel("Search", { exact: true }).fill("roadmap");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText("Quarterly plan");
  await page.getByRole("combobox", { name: "Kind" }).click();
  await page.getByRole("option", { name: "Carousel" }).click();
  await expect(page.getByText("Nothing matches")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(22); // the pages already loaded stay

  await accessibleAtBothWidths(page, "on the library");
  await screenshots(page, "library");

  await page.getByLabel("Search", { exact: true }).fill("Quarterly");
  await page.getByRole("button", { name: "Delete Quarterly plan" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this item?" });
  await expect(confirm).toContainText("“Quarterly plan” and all its versions will be deleted");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Nothing matches")).toBeVisible();

  await page.getByLabel("Search", { exact: true }).fill("note 3");
  await page.getByRole("link", { name: "Open Weekly note 3" }).click();
  await expect(page).toHaveURL(/\/compose\/\?id=/);
  await expect(page.getByLabel("Title")).toHaveValue("Weekly note 3");
});

test("the profile page shows the score, the roadmap and suggestions within LinkedIn's limits", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const account = await createVerifiedAccount(request);
  await signInQuickly(page, account, "/profile/");
  await expect(page.getByRole("heading", { level: 1, name: "Your LinkedIn profile" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Completeness" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Next best fixes" })).toBeVisible();
  await expect(page.getByText(/LinkedIn allows 220 characters/)).toBeVisible();

  await page.getByRole("button", { name: "Suggest headline, About and skills" }).click();
  const headline = page.getByRole("region", { name: "Headline" });
  await expect(headline).toContainText("/ 220 characters");
  await expect(page.getByRole("region", { name: "About" })).toContainText("/ 2,600 characters");
  await expect(page.getByRole("region", { name: "Skills" })).toContainText("of at most 15 skills");
  await headline.getByRole("button", { name: "Copy the headline" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await expect(headline).toContainText(copied);

  await accessibleAtBothWidths(page, "on the profile page");
  await screenshots(page, "profile");
});

test("generates a banner and shows it at 1584×396, its ratio kept on a phone", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signInQuickly(page, account, "/banner/");
  await accessibleAtBothWidths(page, "on the empty banner page");
  await page.getByLabel("Headline").fill("Helping teams ship calmly");
  await page.getByLabel("Second line").fill("Engineering manager · Speaker");
  await page.getByRole("button", { name: "Generate banner" }).click();
  await expect(page).toHaveURL(/\/banner\/\?id=/);
  const image = page.getByRole("img", { name: /^Profile banner:/ });
  await expect(image).toBeVisible();
  for (const width of Object.values(WIDTHS)) {
    await page.setViewportSize({ width, height: 800 });
    const box = await image.boundingBox();
    expect(box && Math.abs(box.width / box.height - 1584 / 396)).toBeLessThan(0.02);
  }
  await page.setViewportSize({ width: WIDTHS.desktop, height: 800 });
  const natural = await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(natural).toEqual([1584, 396]);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PNG" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);
  await accessibleAtBothWidths(page, "on the banner page");
  await screenshots(page, "banner");
});

test("builds a carousel: slides edited, added, removed and reordered, pages previewed, PDF downloaded", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signInQuickly(page, account, "/carousel/");
  await page.getByLabel("Topic").fill("onboarding new engineers");
  await page.getByRole("combobox", { name: "Content slides" }).click();
  await page.getByRole("option", { name: "3 slides" }).click();
  await page.getByRole("button", { name: "Generate carousel" }).click();
  await expect(page).toHaveURL(/\/carousel\/\?id=/, { timeout: 30_000 });
  await expect(page.getByRole("img", { name: "Page 1 of 5" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("img", { name: "Page 5 of 5" })).toBeVisible();

  await page.getByLabel("Slide 1 title").fill("Start with why");
  await page.getByRole("button", { name: "Move slide 2 up" }).click();
  await expect(page.getByLabel("Slide 2 title")).toHaveValue("Start with why");
  await expect(page.getByRole("status").filter({ hasText: "is now slide" })).toHaveText("Slide 2 is now slide 1 of 3.");
  // From the keyboard: Alt+↓ inside a slide moves it down and keeps the focus in it.
  await page.getByLabel("Slide 2 title").focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(page.getByLabel("Slide 3 title")).toHaveValue("Start with why");
  await expect(page.getByLabel("Slide 3 title")).toBeFocused();
  await page.getByRole("button", { name: "Add slide" }).click();
  await expect(page.getByLabel("Slide 4 title")).toBeFocused();
  await page.keyboard.type("Say thank you");
  await page.getByLabel("Slide 4 text").fill("A first week ends with a thank-you note.");
  await page.getByRole("button", { name: "Remove slide 1" }).click();
  await expect(page.getByLabel("Slide 3 title")).toHaveValue("Say thank you");

  await page.getByRole("button", { name: "Save and render" }).click();
  await expect(page.getByRole("img", { name: "Page 5 of 5" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("5 pages, version 2")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download PDF" }).click();
  expect((await download).suggestedFilename()).toMatch(/-v2\.pdf$/);

  await page.getByRole("button", { name: "Mark ready" }).click();
  await expect(page.getByRole("status").filter({ hasText: "State:" })).toContainText("Ready");
  await accessibleAtBothWidths(page, "on the carousel builder");
  await screenshots(page, "carousel");
});
