import type { Metadata } from "next";

import messages from "../../../../../messages/en.json";
import { NotificationPreferences } from "./NotificationPreferences";

export const metadata: Metadata = { title: messages.settings.notifications.title };

export default function NotificationPreferencesPage() {
  return <NotificationPreferences />;
}
