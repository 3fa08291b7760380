import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { LinkedInPage } from "./LinkedInPage";

export const metadata: Metadata = { title: messages.linkedin.title };

export default function Page() {
  return (
    <Suspense>
      <LinkedInPage />
    </Suspense>
  );
}
