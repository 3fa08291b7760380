import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { Profile } from "./Profile";

export const metadata: Metadata = { title: messages.nav.profile };

export default function ProfilePage() {
  return <Profile />;
}
