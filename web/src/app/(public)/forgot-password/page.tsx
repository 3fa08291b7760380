import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { ForgotPassword } from "./ForgotPassword";

export const metadata: Metadata = { title: messages.auth.forgot.title };

export default function Page() {
  return (
    <Suspense>
      <ForgotPassword />
    </Suspense>
  );
}
