import { createVerifiedAccount, signIn } from "./support/accounts";
import { dueInvitationTask, openAllHours } from "./support/automation";
import { expectAccessible } from "./support/axe";
import { apiToken, connectSandbox } from "./support/schedule";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Whole walks through several pages, on a machine shared with other runs.
test.describe.configure({ timeout: 90_000 });

const CSV = [
  "First Name,Last Name,URL,Company,Position",
  "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace-e2e,Analytical Engines,Mathematician",
  "Alan,Turing,https://www.linkedin.com/in/alan-turing-e2e,Bletchley Park,Cryptanalyst",
].join("\n");

test("starts an assisted campaign from a CSV and completes its first task", async ({ page, request, context }) => {
  test.setTimeout(120_000);
  const account = await createVerifiedAccount(request);
  await openAllHours(request, await apiToken(request, account));
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, account);

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Automation" }).click();
  await expect(page.getByText("No campaigns yet")).toBeVisible();
  await expectAccessible(page, "with no campaigns");
  await page.getByRole("link", { name: "New campaign" }).first().click();

  await page.getByLabel("Name", { exact: true }).fill("Analytical friends");
  await page.getByLabel("I'll do each action myself (assisted mode)").check();
  const note = page.getByLabel("Invitation note");
  await note.fill("x".repeat(301));
  await expect(page.getByText("1 character over the limit of 300.")).toBeVisible();
  await note.fill("Hi ");
  await page.getByRole("button", { name: /Insert \{first_name\}/ }).click();
  await note.press("End");
  await note.pressSequentially(", I admire the work at ");
  await page.getByRole("button", { name: /Insert \{company\}/ }).click();
  await expect(note).toHaveValue("Hi {first_name}, I admire the work at {company}");
  await expect(page.getByText("47 / 300").first()).toBeVisible();

  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "targets.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await expect(page.getByText("2 people in targets.csv.")).toBeVisible();
  // The preview fills the note with the first person of the file.
  await expect(page.getByText("Hi Ada, I admire the work at Analytical Engines")).toBeVisible();
  await expectAccessible(page, "on the new campaign form");
  await screenshots(page, "automation-new");
  await page.getByRole("button", { name: "Create campaign" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Analytical friends" })).toBeVisible();
  await expect(page).toHaveURL(/\/automation\/\?id=/);
  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page.getByText("Campaign started: its actions are planned.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Actions" }).getByText("Invitation").first()).toBeVisible();
  await expect(page.getByText("Hi {first_name}, I admire the work at {company}")).toBeVisible();
  await expectAccessible(page, "on the campaign page");
  await screenshots(page, "automation-campaign");

  // The first invitation falls due at once; the worker's tick hands it to the task list.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Tasks" }).click();
  const task = await dueInvitationTask(page);
  await expectAccessible(page, "on the task list");
  await screenshots(page, "automation-tasks");

  const open = task.getByRole("link", { name: /Open profile/ });
  await expect(open).toHaveAttribute("target", "_blank");
  expect(await open.getAttribute("href")).toMatch(/^https:\/\/www\.linkedin\.com\/in\/(ada-lovelace|alan-turing)-e2e\/?$/);
  await task.getByRole("button", { name: "Copy note" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Hi (Ada|Alan), I admire the work at /);
  await task.getByRole("button", { name: "Mark done" }).click();
  await expect(page.getByText("Task done.", { exact: true })).toBeVisible();

  await page.goto("/automation/");
  await page.getByRole("link", { name: "Analytical friends" }).click();
  await expect(page.getByRole("region", { name: "Progress" }).getByText("Done")).toBeVisible();
});

test("cancels a draft campaign after asking", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/automation/?new=1");
  await page.getByLabel("Name", { exact: true }).fill("Short lived");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "one.csv", mimeType: "text/csv", buffer: Buffer.from("URL\nhttps://www.linkedin.com/in/someone-e2e") });
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Short lived" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel campaign" }).click();
  await page.getByRole("dialog", { name: "Cancel this campaign?" }).getByRole("button", { name: "Cancel campaign" }).click();
  await expect(page.getByText("Cancelled").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Start campaign" })).toHaveCount(0);
});

test("a CSV without a URL column is told in words", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/automation/?new=1");
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "names.csv", mimeType: "text/csv", buffer: Buffer.from("name\nAda") });
  await expect(page.getByText("names.csv has no URL column")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create campaign" })).toBeDisabled();
});

test("creates a campaign from people suggested by the LinkedIn network and starts it", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await connectSandbox(request, await apiToken(request, account));
  await signIn(page, account);
  await page.goto("/automation/?new=1");
  await page.getByLabel("Name", { exact: true }).fill("From my network");
  await page.getByRole("radio", { name: "My LinkedIn network" }).check();
  await page.getByLabel("How many people").fill("5");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "From my network" })).toBeVisible();
  await page.getByRole("button", { name: "Start campaign" }).click();
  await expect(page.getByText("Campaign started: its actions are planned.")).toBeVisible();
  const progress = page.getByRole("region", { name: "Progress" });
  await expect(progress.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Actions" }).getByText("Invitation").first()).toBeVisible();
});
