import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { VerifyEmail } from "./VerifyEmail";

export const metadata: Metadata = { title: messages.auth.verify.title };

export default function Page() {
  return (
    <Suspense>
      <VerifyEmail />
    </Suspense>
  );
}
