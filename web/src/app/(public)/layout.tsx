import type { ReactNode } from "react";

import { PublicFrame } from "./PublicFrame";

/** Pages a visitor reaches without a session: sign in and up, and the links sent by email. */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return <PublicFrame>{children}</PublicFrame>;
}
