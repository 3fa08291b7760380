import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { Compose } from "./Compose";

export const metadata: Metadata = { title: messages.nav.compose };

export default function ComposePage() {
  return (
    <Suspense>
      <Compose />
    </Suspense>
  );
}
