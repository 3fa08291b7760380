"use client";

import { useEffect, useState } from "react";

/**
 * An object URL for a blob the API gave (files need the bearer token, so an `<img src="/v1/…">` cannot
 * load them); revoked when the blob changes or the component goes away.
 */
export function useBlobUrl(blob: Blob | undefined | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}
