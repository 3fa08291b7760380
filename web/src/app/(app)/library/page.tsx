import type { Metadata } from "next";

import messages from "../../../../messages/en.json";
import { Library } from "./Library";

export const metadata: Metadata = { title: messages.nav.library };

export default function LibraryPage() {
  return <Library />;
}
