import type { Metadata } from "next";

import messages from "../../../messages/en.json";
import { Home } from "./home/Home";

export const metadata: Metadata = { title: messages.nav.home };

export default function HomePage() {
  return <Home />;
}
