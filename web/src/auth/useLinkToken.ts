"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * The `token` of an emailed link, and `use(token)` run once with it when the page opens. Once: the
 * token is single-use, so React's development double effects must not spend it twice.
 */
export function useLinkToken(use: (token: string) => void): string | null {
  const token = useSearchParams()?.get("token")?.trim() || null;
  const spent = useRef<string | null>(null);
  useEffect(() => {
    if (!token || spent.current === token) return;
    spent.current = token;
    use(token);
  }, [token, use]);
  return token;
}
