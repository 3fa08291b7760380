"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";

import { useAuth } from "@/auth/AuthProvider";
import { Button, Dialog, cx } from "@/components/ui";
import { Logo } from "./Logo";
import { NAV, currentEntry, type NavEntry } from "./nav";
import { UnreadBadge } from "./UnreadBadge";

function NavList({ entries, onNavigate }: { entries: NavEntry[]; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname() ?? "/";
  const currentHref = currentEntry(entries, pathname)?.href;
  return (
    <ul className="flex flex-col gap-1">
      {entries.map((entry) => {
        const current = entry.href === currentHref;
        return (
          <li key={entry.href}>
            <Link
              href={entry.href}
              onClick={onNavigate}
              aria-current={current ? "page" : undefined}
              className={cx(
                "flex min-h-11 items-center rounded-control px-3 text-sm font-medium",
                current ? "bg-brand-soft text-brand-strong" : "text-ink hover:bg-canvas",
              )}
            >
              {t(entry.label)}
              {entry.label === "notifications" ? <UnreadBadge /> : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const t = useTranslations("shell");
  const { isAdmin } = useAuth();
  const main = NAV.filter((entry) => !entry.admin);
  const admin = NAV.filter((entry) => entry.admin);
  return (
    <>
      <nav aria-label={t("navigation")}>
        <NavList entries={main} onNavigate={onNavigate} />
      </nav>
      {isAdmin && admin.length > 0 ? (
        <nav aria-label={t("adminNavigation")} className="mt-6">
          <p className="mb-1 px-3 text-xs font-semibold tracking-wide text-ink-muted uppercase">
            {t("adminNavigation")}
          </p>
          <NavList entries={admin} onNavigate={onNavigate} />
        </nav>
      ) : null}
    </>
  );
}

function AccountBox() {
  const t = useTranslations("shell");
  const { user, signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const name = user?.displayName || user?.email || "";
  return (
    <div className="flex flex-col gap-2 border-t border-line pt-4">
      <p className="truncate px-3 text-sm text-ink-muted" title={name}>
        {t("signedInAs", { name })}
      </p>
      <Button
        variant="secondary"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          await signOut();
        }}
      >
        {busy ? t("signingOut") : t("signOut")}
      </Button>
    </div>
  );
}

function Brand() {
  const t = useTranslations("app");
  return (
    <Link href="/" className="flex items-center gap-2 rounded-control text-lg font-bold text-brand-strong">
      <Logo className="size-8" />
      {t("name")}
    </Link>
  );
}

/**
 * The signed-in frame: a sidebar from the `lg` breakpoint, a top bar with a menu (a sheet dialog) below
 * it, a skip link to the main content, and the page in `<main id="main">`.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const t = useTranslations("shell");
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="min-h-dvh lg:pl-shell">
      <a
        href="#main"
        className="sr-only z-50 rounded-control bg-surface px-4 py-2 font-semibold text-brand shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("skipToContent")}
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-line bg-surface px-gutter lg:hidden">
        <Brand />
        <Dialog
          open={menuOpen}
          onOpenChange={setMenuOpen}
          title={t("menu")}
          closeLabel={t("closeMenu")}
          variant="sheet"
          trigger={
            <Button variant="secondary" aria-label={t("menu")}>
              <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
                <path d="M3 5h14v2H3V5Zm0 4h14v2H3V9Zm0 4h14v2H3v-2Z" />
              </svg>
              {t("menu")}
            </Button>
          }
        >
          <div className="flex flex-1 flex-col justify-between gap-6">
            <Navigation onNavigate={() => setMenuOpen(false)} />
            <AccountBox />
          </div>
        </Dialog>
      </header>
      <aside className="fixed inset-y-0 left-0 hidden w-shell flex-col justify-between gap-6 overflow-y-auto border-r border-line bg-surface p-4 lg:flex">
        <div className="flex flex-col gap-6">
          <div className="px-1">
            <Brand />
          </div>
          <Navigation />
        </div>
        <AccountBox />
      </aside>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-gutter py-6 focus:outline-none sm:px-6 lg:py-10">
        {children}
      </main>
    </div>
  );
}
