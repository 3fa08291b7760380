import type { Metadata } from "next";

import messages from "../../messages/en.json";
import { NotFound } from "./NotFound";

export const metadata: Metadata = { title: messages.notFound.title };

export default function NotFoundPage() {
  return <NotFound />;
}
