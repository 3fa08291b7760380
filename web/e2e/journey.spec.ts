import { readFile } from "node:fs/promises";

import { newAccount, signUpAndVerify } from "./support/accounts";
import { dueInvitationTask, openAllHours } from "./support/automation";
import { apiToken, dragOnto, wallClock } from "./support/schedule";
import { screenshot } from "./support/screenshots";
import { freshTotpCode } from "./support/totp";
import { expect, test } from "./support/test";

const DAY_MS = 24 * 3600 * 1000;

// Line 3 has no text and line 4 a time nobody can read: the import says so by line number.
const POSTS_CSV = ["text,time,media", "A post from my spreadsheet,2030-01-14 09:00,", ",2030-01-15 09:00,", "A vague one,tomorrow at nine,", ""].join("\r\n");

const PEOPLE_CSV = [
  "First Name,Last Name,URL,Company,Position",
  "Grace,Hopper,https://www.linkedin.com/in/grace-hopper-journey,Navy Labs,Rear Admiral",
].join("\n");

/**
 * One person's first afternoon with InErgize, in one browser against the real server: every step
 * starts from what the previous one left (the account, the session, the connection, the post).
 */
test("a new member goes from sign-up to a published post, an import, an assisted task and an export", async ({ page, request, context }) => {
  // About three minutes on a quiet machine, most of it waiting for the post to fall due; a busy 2-core one needs more.
  test.setTimeout(600_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  let step = 0;
  const shot = (name: string) => screenshot(page, `journey-${String(++step).padStart(2, "0")}-${name}`);

  // Sign up, then the link from the email in the outbox.
  const account = await signUpAndVerify(page, newAccount("journey"));
  await shot("email-confirmed");
  // Before the walk, the one thing no page sets: working hours round the clock and no random pauses in
  // the pacing, so the campaign's first task is due at once (the profile's zone becomes UTC).
  await openAllHours(request, await apiToken(request, account));

  // Sign in, turn on two-step verification from the security settings, sign out, sign in with a code.
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${account.name}`);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Security" }).click();
  const mfa = page.getByRole("region", { name: "Two-step verification" });
  await mfa.getByRole("button", { name: "Set up two-step verification" }).click();
  const secret = (await mfa.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await mfa.getByLabel("Authenticator code").fill(await freshTotpCode(secret));
  await mfa.getByRole("button", { name: "Turn on" }).click();
  await expect(mfa.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").first()).toBeVisible();
  await shot("recovery-codes");
  await mfa.getByRole("button", { name: "I have saved them" }).click();
  await expect(mfa.getByText("Two-step verification is on.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\//);
  await page.goto("/sign-in/");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(await freshTotpCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${account.name}`);
  await shot("home");

  // Connect the LinkedIn sandbox: its authorization page is the callback, which brings the browser back.
  await page.getByRole("link", { name: "LinkedIn" }).first().click();
  const connection = page.getByRole("region", { name: "Your connection" });
  await connection.getByRole("button", { name: "Connect LinkedIn" }).click();
  await expect(connection.getByText("LinkedIn is connected.")).toBeVisible();
  await shot("linkedin-connected");

  // Generate a post, edit it, and mark it ready.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Compose" }).click();
  await page.getByLabel("Topic").fill("what a first week of mentoring taught me");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit post" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Post text")).not.toHaveValue("");
  await page.getByLabel("Title").fill("Mentoring week");
  await page.getByLabel("Post text").fill("A first week of mentoring: listen twice as long as you talk. What did yours teach you? #mentoring");
  await expect(page.getByRole("figure", { name: "Preview of the post as LinkedIn shows it" })).toContainText("listen twice as long");
  await page.getByRole("button", { name: "Save and mark ready" }).click();
  await expect(page.getByRole("status").filter({ hasText: "State:" })).toContainText("Ready");
  await shot("compose");

  // Schedule it for tomorrow at a time a minute and a half from now, then drag it onto today: due almost at once.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Calendar" }).click();
  const zoneText = await page.getByText(/^Your posts by week or month, in /).textContent();
  const zone = /, in ([^.]+)\./.exec(zoneText ?? "")?.[1] ?? "UTC";
  const soon = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000);
  const today = wallClock(soon, zone);
  const tomorrow = wallClock(new Date(soon.getTime() + DAY_MS), zone);
  await page.getByRole("button", { name: "Schedule a post" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Schedule a post" });
  await dialog.getByRole("combobox", { name: "Content" }).click();
  await page.getByRole("option", { name: "Mentoring week" }).click();
  await dialog.getByLabel("Date", { exact: true }).fill(tomorrow.date);
  await dialog.getByLabel("Time", { exact: true }).fill(tomorrow.time);
  await dialog.getByRole("button", { name: "Schedule" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Month" }).click();
  const entry = page.locator(`.fc td[data-date="${tomorrow.date}"] .fc-event`, { hasText: "A first week" });
  const cell = page.locator(`.fc td[data-date="${today.date}"]`);
  await dragOnto(page, entry, cell);
  await expect(page.getByText(/^Moved to /)).toBeVisible();
  await expect(cell.getByText("A first week")).toBeVisible();
  await shot("calendar-moved");

  // The embedded worker publishes it to the sandbox when it is due; the calendar follows by itself.
  const row = page.getByRole("button", { name: /A first week/ }).filter({ hasText: /Published|Scheduled|publish/ });
  await expect(row.getByText("Published")).toBeVisible({ timeout: 240_000 });
  await row.click();
  const details = page.getByRole("region", { name: "Post details" });
  await expect(details.getByText(/^urn:li:/)).toBeVisible();
  await shot("calendar-published");

  // Import a CSV with bad rows: the good row is scheduled, the others are listed by their line.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Imports" }).click();
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "posts.csv", mimeType: "text/csv", buffer: Buffer.from(POSTS_CSV) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("1 post scheduled.")).toBeVisible({ timeout: 30_000 });
  const refused = page.getByRole("table", { name: /Rows that were not imported/ });
  expect(await refused.getByRole("rowheader").allTextContents()).toEqual(["3", "4"]);
  await expect(refused.getByRole("row", { name: /^4 / })).toContainText("tomorrow at nine");
  await shot("import-errors");

  // Start an assisted campaign and do its first task by hand.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Automation" }).click();
  await page.getByRole("link", { name: "New campaign" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Pioneers");
  await page.getByLabel("I'll do each action myself (assisted mode)").check();
  await page.getByLabel("Invitation note").fill("Hi {first_name}, your work at {company} inspired my talk.");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(PEOPLE_CSV) });
  await expect(page.getByText("Hi Grace, your work at Navy Labs inspired my talk.")).toBeVisible();
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pioneers" })).toBeVisible();
  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page.getByText("Campaign started: its actions are planned.")).toBeVisible();
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Tasks" }).click();
  const task = await dueInvitationTask(page, 120);
  await task.getByRole("button", { name: "Copy note" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("Hi Grace, your work at Navy Labs inspired my talk.");
  await shot("assisted-task");
  await task.getByRole("button", { name: "Mark done" }).click();
  await expect(page.getByText("Task done.", { exact: true })).toBeVisible();

  // Export my data: a JSON file with the account, the post and the campaign in it.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Your data" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^inergize-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = await readFile(await file.path(), "utf-8");
  expect(exported).toContain(account.email);
  expect(exported).toContain("listen twice as long");
  expect(exported).toContain("Pioneers");
  await shot("data-export");

  // Sign out: the session is over, the app's pages send the visitor to sign in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\//);
  await page.goto("/calendar/");
  await expect(page).toHaveURL(/\/sign-in\/\?next=/);
  await shot("signed-out");
});
