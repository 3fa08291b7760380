import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { SignIn } from "./SignIn";

export const metadata: Metadata = { title: messages.auth.signIn.title };

export default function SignInPage() {
  return (
    <Suspense>
      <SignIn />
    </Suspense>
  );
}
