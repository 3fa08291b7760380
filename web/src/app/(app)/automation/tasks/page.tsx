import type { Metadata } from "next";

import messages from "../../../../../messages/en.json";
import { Tasks } from "./Tasks";

export const metadata: Metadata = { title: messages.automation.tasks.title };

export default function TasksPage() {
  return <Tasks />;
}
