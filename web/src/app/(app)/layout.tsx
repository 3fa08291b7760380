import type { ReactNode } from "react";

import { RequireAuth } from "@/auth/RequireAuth";
import { AppShell } from "@/components/shell/AppShell";

/** Every page in this group needs a signed-in user and sits in the app shell. */
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return (
    <RequireAuth>
      <AppShell>{children}</AppShell>
    </RequireAuth>
  );
}
