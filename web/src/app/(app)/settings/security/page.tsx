import type { Metadata } from "next";

import messages from "../../../../../messages/en.json";
import { SecuritySettings } from "./SecuritySettings";

export const metadata: Metadata = { title: messages.settings.security.title };

export default function SecurityPage() {
  return <SecuritySettings />;
}
