import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { Banner } from "./Banner";

export const metadata: Metadata = { title: messages.nav.banner };

export default function BannerPage() {
  return (
    <Suspense>
      <Banner />
    </Suspense>
  );
}
