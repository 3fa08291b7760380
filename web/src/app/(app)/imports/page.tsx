import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { ImportsPage } from "./ImportsPage";

export const metadata: Metadata = { title: messages.imports.title };

export default function Page() {
  return <ImportsPage />;
}
