import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

test("connects the sandbox LinkedIn, syncs the profile, refuses a broken export in words and disconnects", async ({ page, request }) => {
  test.setTimeout(120_000);
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.getByRole("link", { name: "LinkedIn" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "LinkedIn" })).toBeVisible();
  const connection = page.getByRole("region", { name: "Your connection" });
  await expect(connection.getByText("No LinkedIn account is connected.")).toBeVisible();
  await expect(connection.getByText(/simulated LinkedIn \(sandbox\)/)).toBeVisible();
  await expectAccessible(page, "before connecting");

  // Embedded mode: the sandbox's authorization page is the callback itself, which sends the browser back.
  await connection.getByRole("button", { name: "Connect LinkedIn" }).click();
  await expect(page).toHaveURL(/\/linkedin\/$/);
  await expect(connection.getByText("LinkedIn is connected.")).toBeVisible();
  await expect(connection.getByText("Working")).toBeVisible();
  await expect(connection.getByText(/^urn:li:person:/)).toBeVisible();

  await connection.getByRole("button", { name: "Sync my profile" }).click();
  await expect(page.getByText("Your profile is up to date with LinkedIn.")).toBeVisible();

  const uploads = page.getByRole("region", { name: "Bring in LinkedIn's own exports" });
  await uploads.getByLabel("LinkedIn data export (ZIP)").setInputFiles({
    name: "export.zip",
    mimeType: "application/zip",
    buffer: Buffer.from("this is not a zip archive"),
  });
  await uploads.getByRole("button", { name: "Upload" }).first().click();
  await expect(uploads.getByRole("alert")).toBeVisible();
  await expect(uploads.getByRole("alert")).not.toHaveText(/\b4\d\d\b/);
  await expectAccessible(page, "when connected");
  await screenshots(page, "linkedin");

  await connection.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("dialog", { name: "Disconnect LinkedIn?" }).getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(connection.getByText("No LinkedIn account is connected.")).toBeVisible();

  await page.goto("/linkedin/?error=linkedin_denied");
  await expect(page.getByRole("alert").filter({ hasText: "you did not allow InErgize on LinkedIn." })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole("button", { name: "Connect LinkedIn" })).toBeVisible();
  await expectAccessible(page, "on the LinkedIn page at 375 px");
});
