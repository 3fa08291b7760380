import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { CalendarPage } from "./CalendarPage";

export const metadata: Metadata = { title: messages.calendar.title };

export default function Page() {
  return (
    <Suspense>
      <CalendarPage />
    </Suspense>
  );
}
