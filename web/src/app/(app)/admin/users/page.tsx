import type { Metadata } from "next";

import messages from "../../../../../messages/en.json";
import { AdminUsers } from "./AdminUsers";

export const metadata: Metadata = { title: messages.admin.users.title };

export default function AdminUsersPage() {
  return <AdminUsers />;
}
