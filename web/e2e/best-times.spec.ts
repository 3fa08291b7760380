import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

test("shows the best times with their reasons and the week as a readable heat map", async ({ page, request }) => {
  const account = await createVerifiedAccount(request);
  await signIn(page, account);
  await page.getByRole("link", { name: "Best times" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Best times to post" })).toBeVisible();

  const top = page.getByRole("region", { name: "Best times this week" });
  await expect(top.getByRole("listitem")).toHaveCount(5);
  await expect(top.getByText(/Expected engagement \d/).first()).toBeVisible();
  await expect(top.getByText(/industry pattern|industry's/).first()).toBeVisible();

  const map = page.getByRole("table", { name: /Expected engagement rate for each day of the week/ });
  await expect(map.getByRole("rowheader")).toHaveCount(7);
  await expect(map.getByRole("columnheader")).toHaveCount(24);
  await expect(map.getByRole("cell")).toHaveCount(7 * 24 + 1);
  await expectAccessible(page, "on the best times page");
  await screenshots(page, "best-times");

  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(page.getByRole("table")).toBeVisible();
  await expectAccessible(page, "on the best times page at 375 px");
});
