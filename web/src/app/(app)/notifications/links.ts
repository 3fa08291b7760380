/**
 * The page a notification is about. Notifications store a path; older ones name API-era paths
 * (`/schedule/<id>`, `/settings/linkedin`, `/content/<id>`), which map to the pages that show those things.
 * Anything that is not a path of this app gives null (never a link to another site).
 */
export function notificationHref(link: string | null | undefined): string | null {
  if (!link || !link.startsWith("/") || link.startsWith("//") || link.startsWith("/\\")) return null;
  const [path = "", query] = link.split("?", 2);
  const trimmed = path.replace(/\/+$/, "");
  const publication = /^\/schedule\/([0-9a-f-]{36})$/i.exec(trimmed);
  if (publication) return `/calendar/?publication=${publication[1]}`;
  const content = /^\/content\/([0-9a-f-]{36}|\d+)$/i.exec(trimmed);
  if (content) return `/compose/?id=${content[1]}`;
  if (trimmed === "/settings/linkedin") return "/linkedin/";
  return `${trimmed || ""}/${query ? `?${query}` : ""}`;
}
