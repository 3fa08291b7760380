import type { Metadata } from "next";

import messages from "../../../../../messages/en.json";
import { Sessions } from "./Sessions";

export const metadata: Metadata = { title: messages.settings.sessions.title };

export default function SessionsPage() {
  return <Sessions />;
}
