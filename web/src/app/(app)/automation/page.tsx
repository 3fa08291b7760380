import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { Automation } from "./Automation";

export const metadata: Metadata = { title: messages.automation.title };

export default function AutomationPage() {
  return (
    <Suspense>
      <Automation />
    </Suspense>
  );
}
