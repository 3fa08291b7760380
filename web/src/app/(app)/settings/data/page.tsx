import type { Metadata } from "next";

import messages from "../../../../../messages/en.json";
import { DataSettings } from "./DataSettings";

export const metadata: Metadata = { title: messages.settings.data.title };

export default function DataPage() {
  return <DataSettings />;
}
