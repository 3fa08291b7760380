import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { SignUp } from "./SignUp";

export const metadata: Metadata = { title: messages.auth.signUp.title };

export default function Page() {
  return (
    <Suspense>
      <SignUp />
    </Suspense>
  );
}
