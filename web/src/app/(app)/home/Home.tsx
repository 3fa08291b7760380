"use client";

import { useTranslations } from "next-intl";

import { useAuth } from "@/auth/AuthProvider";
import { PageHeader } from "@/components/ui";
import { AttentionCard, UpcomingCard, useCalendarWindow } from "./ScheduleCards";
import { NotificationsCard } from "./NotificationsCard";
import { ProfileCard } from "./ProfileCard";

/** The first page after signing in: what to fix, what goes out next, what needs the user, what is new. */
export function Home() {
  const t = useTranslations("home");
  const { user } = useAuth();
  const calendar = useCalendarWindow();
  return (
    <>
      <PageHeader
        title={user?.displayName ? t("title", { name: user.displayName }) : t("titleNoName")}
        description={t("description")}
      />
      <div className="grid items-start gap-gutter md:grid-cols-2 md:gap-6">
        <AttentionCard calendar={calendar} />
        <ProfileCard />
        <UpcomingCard calendar={calendar} />
        <NotificationsCard />
      </div>
    </>
  );
}
