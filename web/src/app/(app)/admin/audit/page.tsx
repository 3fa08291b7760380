import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../../messages/en.json";
import { AdminAudit } from "./AdminAudit";

export const metadata: Metadata = { title: messages.admin.audit.title };

export default function AdminAuditPage() {
  return (
    <Suspense>
      <AdminAudit />
    </Suspense>
  );
}
