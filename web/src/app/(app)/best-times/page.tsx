import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { BestTimesPage } from "./BestTimesPage";

export const metadata: Metadata = { title: messages.bestTimes.title };

export default function Page() {
  return <BestTimesPage />;
}
