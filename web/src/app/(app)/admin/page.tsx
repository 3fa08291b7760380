import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { AdminHome } from "./AdminHome";

export const metadata: Metadata = { title: messages.nav.admin };

export default function AdminPage() {
  return <AdminHome />;
}
