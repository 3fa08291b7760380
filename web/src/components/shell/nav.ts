/**
 * The navigation: one entry per page that exists. The contract's page paths (links in emails point at
 * them) are `/`, `/linkedin/`, `/profile/`, `/compose/`, `/carousel/`, `/banner/`, `/library/`,
 * `/calendar/`, `/queue/`, `/imports/`, `/best-times/`, `/automation/`, `/automation/tasks/`,
 * `/compliance/`, `/notifications/`, `/settings/` (and its sub pages), `/admin/`, `/admin/users/`,
 * `/admin/audit/`. Adding a page: create `src/app/(app)/<path>/page.tsx`, add its label under `nav` in
 * `messages/en.json`, and add an entry here (with `admin: true` for admin-only pages).
 */
export type NavKey =
  | "home"
  | "linkedin"
  | "profile"
  | "compose"
  | "carousel"
  | "banner"
  | "library"
  | "calendar"
  | "queue"
  | "imports"
  | "bestTimes"
  | "automation"
  | "tasks"
  | "compliance"
  | "notifications"
  | "settings"
  | "admin"
  | "adminUsers"
  | "adminAudit";

export type NavEntry = {
  href: `/${string}`;
  /** The label's key under `nav` in the message catalogue. */
  label: NavKey;
  /** Shown only to administrators (the API refuses the rest anyway). */
  admin?: boolean;
};

export const NAV: NavEntry[] = [
  { href: "/", label: "home" },
  { href: "/profile/", label: "profile" },
  { href: "/compose/", label: "compose" },
  { href: "/carousel/", label: "carousel" },
  { href: "/banner/", label: "banner" },
  { href: "/library/", label: "library" },
  { href: "/linkedin/", label: "linkedin" },
  { href: "/calendar/", label: "calendar" },
  { href: "/queue/", label: "queue" },
  { href: "/imports/", label: "imports" },
  { href: "/best-times/", label: "bestTimes" },
  { href: "/automation/", label: "automation" },
  { href: "/automation/tasks/", label: "tasks" },
  { href: "/compliance/", label: "compliance" },
  { href: "/notifications/", label: "notifications" },
  { href: "/settings/", label: "settings" },
  { href: "/admin/users/", label: "adminUsers", admin: true },
  { href: "/admin/audit/", label: "adminAudit", admin: true },
];

/** Whether `pathname` is the entry's page or one under it (`/` matches only itself). */
export function isCurrent(entry: NavEntry, pathname: string): boolean {
  const path = pathname.endsWith("/") ? pathname : `${pathname}/`;
  return entry.href === "/" ? path === "/" : path.startsWith(entry.href);
}

/** The entry to mark for `pathname`: the most specific one (`/automation/tasks/` over `/automation/`). */
export function currentEntry(entries: NavEntry[], pathname: string): NavEntry | undefined {
  return entries
    .filter((entry) => isCurrent(entry, pathname))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
