import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { Notifications } from "./Notifications";

export const metadata: Metadata = { title: messages.notifications.title };

export default function NotificationsPage() {
  return <Notifications />;
}
