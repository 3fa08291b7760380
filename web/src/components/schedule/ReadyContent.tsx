"use client";

import { useMemo, type ReactNode } from "react";

import { useApiQuery, type components } from "@/api";
import { QueryView, TextLink } from "@/components/ui";

type Content = components["schemas"]["ContentOut"];

/**
 * The library's content marked ready, the only content that can be scheduled; without any, the empty
 * state points to Compose. `words` come from the page (`noReady`, `noReadyHint`, `compose`).
 */
export function ReadyContent({
  enabled = true,
  words,
  children,
}: {
  enabled?: boolean;
  words: { noReady: string; noReadyHint: string; compose: string };
  children: (ready: Content[]) => ReactNode;
}) {
  const content = useApiQuery("get", "/v1/content", { params: { query: { limit: 200 } } }, { enabled });
  const ready = useMemo(() => (content.data?.items ?? []).filter((item) => item.state === "ready"), [content.data]);
  return (
    <QueryView
      query={content}
      data={ready}
      empty={{ title: words.noReady, description: words.noReadyHint, action: <TextLink href="/compose/">{words.compose}</TextLink> }}
    >
      {children}
    </QueryView>
  );
}
