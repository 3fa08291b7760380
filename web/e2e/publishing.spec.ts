import { createVerifiedAccount, signIn } from "./support/accounts";
import { expectAccessible } from "./support/axe";
import { apiToken, connectSandbox, publishNowFromCalendar, readyPost, sandboxMisbehaves } from "./support/schedule";
import { screenshots } from "./support/screenshots";
import { expect, test } from "./support/test";

// Five tries before a post LinkedIn may have received asks for the member's check: the walk waits for
// them on the serve's own tick, with the retry wait the test server is configured with (2 s doubling).
const FIVE_TRIES_MS = 3 * 60_000;

test("a refused post is retried once LinkedIn allows it; one LinkedIn may have received waits for the member's check", async ({
  page,
  request,
}) => {
  test.setTimeout(FIVE_TRIES_MS + 3 * 60_000);
  const account = await createVerifiedAccount(request);
  const token = await apiToken(request, account);
  await connectSandbox(request, token);
  await readyPost(request, token, "Launch recap", "Our launch in three numbers, and the one we did not expect.");
  await readyPost(request, token, "Outage notes", "What we learned the day our status page went down.");
  await signIn(page, account);
  await page.getByRole("link", { name: "Calendar" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  const panel = page.getByRole("region", { name: "Post details" });

  // LinkedIn restricts the account: the post is refused, and InErgize pauses the account's automation.
  await sandboxMisbehaves(request, token, { restricted: true });
  await publishNowFromCalendar(page, "Launch recap");
  await expect(panel.getByText("Failed", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText(/^It could not be published: /)).toBeVisible();

  // The member sorts it out on LinkedIn, resumes automation, and retries the post.
  await sandboxMisbehaves(request, token, {});
  const calendar = page.url();
  await page.getByRole("link", { name: "Compliance" }).first().click();
  await page.getByRole("button", { name: "Resume automation…" }).click();
  const resume = page.getByRole("dialog", { name: "Resume automation" });
  await resume.getByLabel("Why is it safe to resume?").fill("LinkedIn lifted the restriction after my appeal.");
  await resume.getByRole("checkbox", { name: /I understand that resuming/ }).check();
  await resume.getByRole("button", { name: "Resume automation" }).click();
  await expect(page.getByText("Automation resumed.")).toBeVisible();
  await page.goto(calendar);
  await panel.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByText("Publishing again now.")).toBeVisible();
  await expect(panel.getByText(/^Published /)).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText(/^urn:li:/)).toBeVisible();

  // LinkedIn answers 500s: the post may have reached it, so InErgize never reposts it on its own. After
  // five tries it asks the member to look.
  await sandboxMisbehaves(request, token, { fail: 100 });
  await publishNowFromCalendar(page, "Outage notes");
  await expect(panel.getByText("Needs your check", { exact: true })).toBeVisible({ timeout: FIVE_TRIES_MS });
  await expect(panel.getByText(/We could not tell whether LinkedIn published this post/)).toBeVisible();
  await expect(panel.getByText("5 tries")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Retry now" })).toHaveCount(0);
  await expectAccessible(page, "with a post that needs the member's check");
  await screenshots(page, "calendar-needs-check");

  // LinkedIn is back, and the post is not on the member's feed: confirming the repost publishes it.
  await sandboxMisbehaves(request, token, {});
  await panel.getByRole("button", { name: "I checked LinkedIn: it was not published" }).click();
  await expect(page.getByText("Publishing it again now.")).toBeVisible();
  await expect(panel.getByText(/^Published /)).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText(/^urn:li:/)).toBeVisible();
});
