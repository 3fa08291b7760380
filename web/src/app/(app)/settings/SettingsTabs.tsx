"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

import { cx } from "@/components/ui";

const TABS = [
  { href: "/settings/", label: "profile" },
  { href: "/settings/security/", label: "security" },
  { href: "/settings/sessions/", label: "sessions" },
  { href: "/settings/notifications/", label: "notifications" },
  { href: "/settings/data/", label: "data" },
] as const;

/** The settings pages side by side: one link each, the current one marked for screen readers too. */
export function SettingsTabs() {
  const t = useTranslations("settings.tabs");
  const raw = usePathname() ?? "/settings/";
  const pathname = raw.endsWith("/") ? raw : `${raw}/`;
  const currentTab = useRef<HTMLAnchorElement>(null);
  // On a phone the strip scrolls sideways: bring the current page's tab into view.
  useEffect(() => {
    currentTab.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav aria-label={t("label")} className="-mx-gutter mb-6 overflow-x-auto px-gutter sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-line">
        {TABS.map((tab) => {
          const current = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                ref={current ? currentTab : undefined}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "-mb-px inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-semibold",
                  current ? "border-brand text-brand-strong" : "border-transparent text-ink-muted hover:text-ink",
                )}
              >
                {t(tab.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
