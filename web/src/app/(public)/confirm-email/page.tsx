import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { ConfirmEmail } from "./ConfirmEmail";

export const metadata: Metadata = { title: messages.auth.confirmEmail.title };

export default function Page() {
  return (
    <Suspense>
      <ConfirmEmail />
    </Suspense>
  );
}
