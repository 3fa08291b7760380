import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { Compliance } from "./Compliance";

export const metadata: Metadata = { title: messages.compliance.title };

export default function CompliancePage() {
  return <Compliance />;
}
