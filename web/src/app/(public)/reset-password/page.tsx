import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { ResetPassword } from "./ResetPassword";

export const metadata: Metadata = { title: messages.auth.reset.title };

export default function Page() {
  return (
    <Suspense>
      <ResetPassword />
    </Suspense>
  );
}
