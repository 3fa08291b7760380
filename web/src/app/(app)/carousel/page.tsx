import type { Metadata } from "next";
import { Suspense } from "react";

import messages from "../../../../messages/en.json";
import { Carousel } from "./Carousel";

export const metadata: Metadata = { title: messages.nav.carousel };

export default function CarouselPage() {
  return (
    <Suspense>
      <Carousel />
    </Suspense>
  );
}
