import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Whole walks through several pages, on a machine shared with other runs.
test.describe.configure({ timeout: 90_000 });

test("shows budgets and health, pauses automation, and resumes only with the risk acknowledged", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Compliance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
  await expect(page.getByText("Automation is running.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Invitations" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Health score" })).toBeVisible();
  await expectAccessible(page, "on the compliance page");
  await screenshots(page, "compliance");

  await page.getByRole("button", { name: "Pause automation" }).click();
  const pause = page.getByRole("dialog", { name: "Pause automation" });
  await pause.getByLabel("Note (optional)").fill("On holiday");
  await pause.getByRole("button", { name: "Pause now" }).click();
  await expect(page.getByText("Automation is paused", { exact: true })).toBeVisible();
  await expect(page.getByText("You paused automation.").first()).toBeVisible();

  await page.getByRole("button", { name: "Resume automation…" }).click();
  const resume = page.getByRole("dialog", { name: "Resume automation" });
  const confirm = resume.getByRole("button", { name: "Resume automation" });
  await resume.getByLabel("Why is it safe to resume?").fill("Back from holiday");
  await expect(confirm).toBeDisabled();
  await resume.getByLabel(/I understand that resuming/).check();
  await expectAccessible(page, "with the resume dialog");
  await confirm.click();
  await expect(page.getByText("Automation is running.")).toBeVisible();
  const history = page.getByRole("region", { name: "Pause history" });
  await expect(history.getByText("Resumed")).toBeVisible();
  await expect(history.getByText("Paused", { exact: true })).toBeVisible();
});

test("saves quiet hours, days off, the daily pace and a block list", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.goto("/compliance/");
  await page.getByLabel("Actions per day").fill("9");
  await page.getByRole("button", { name: "Add quiet hours" }).click();
  await page.getByLabel("Quiet period 1 from").fill("12:30");
  await page.getByLabel("Quiet period 1 until").fill("13:30");
  await page.getByLabel("Day off").fill("2030-12-24");
  await page.getByRole("button", { name: "Add day off" }).click();
  await page.getByLabel("Never contact people at these companies").fill("Acme\nGlobex");
  await page.getByRole("button", { name: "Save automation settings" }).click();
  await expect(page.getByText("Automation settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Actions per day")).toHaveValue("9");
  await expect(page.getByLabel("Quiet period 1 from")).toHaveValue("12:30");
  await expect(page.getByRole("button", { name: "Remove day off 2030-12-24" })).toBeVisible();
  await expect(page.getByLabel("Never contact people at these companies")).toHaveValue("Acme\nGlobex");
  await expectAccessible(page, "with automation settings");
});
