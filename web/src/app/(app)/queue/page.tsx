import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { QueuePage } from "./QueuePage";

export const metadata: Metadata = { title: messages.queue.title };

export default function Page() {
  return <QueuePage />;
}
