import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { ProfileSettings } from "./ProfileSettings";

export const metadata: Metadata = { title: messages.settings.profile.title };

export default function SettingsPage() {
  return <ProfileSettings />;
}
