import { readFile } from "node:fs/promises";

import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Lines 3, 4, 5 and 8 are wrong; the quoted post on lines 6–7 spans two lines of the file.
const CSV = [
  "text,time,media",
  "Our first imported post,2030-01-14 09:00,",
  ",2030-01-15 09:00,",
  "A post with a vague time,tomorrow at nine,",
  "A post with a picture from the web,2030-01-16 09:00,https://example.com/picture.png",
  '"A post written',
  'on two lines",2030-01-17 09:00,',
  ",2030-01-18 09:00,",
  "",
].join("\r\n");

test("imports a CSV with bad rows and sees their line numbers, then exports the schedule", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.getByRole("link", { name: "Imports" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();

  const template = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the template" }).click();
  const templateFile = await (await template).path();
  expect((await readFile(templateFile, "utf-8")).split("\r\n")[0]).toBe("text,time,media");

  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose a CSV file first." })).toBeVisible();

  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "posts.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("2 posts scheduled.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("4 rows were not imported; fix them and import those rows again.")).toBeVisible();

  const table = page.getByRole("table", { name: /Rows that were not imported/ });
  const lines = await table.getByRole("rowheader").allTextContents();
  expect(lines).toEqual(["3", "4", "5", "8"]);
  await expect(table.getByRole("row", { name: /^4 / })).toContainText("tomorrow at nine");
  await expect(table.getByRole("row", { name: /^5 / })).toContainText("not a URL");
  await expectAccessible(page, "with import errors");
  await screenshots(page, "imports");

  const exported = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csv = await readFile(await (await exported).path(), "utf-8");
  expect(csv).toContain("Our first imported post");
  expect(csv).toMatch(/A post written\r?\non two lines/);

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole("button", { name: "Import" })).toBeVisible();
  await expectAccessible(page, "on the imports page at 375 px");
});
