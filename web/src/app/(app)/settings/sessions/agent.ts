/** A short name for the browser and system in a User-Agent ("Firefox on Windows"), or null if unknown. */
export function describeAgent(userAgent: string | null | undefined): { browser: string; system: string } | null {
  if (!userAgent) return null;
  const ua = userAgent;
  // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /OPR\//.test(ua)
      ? "Opera"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /HeadlessChrome|Chrome\/|CriOS\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : /curl|python|httpx|aiohttp|okhttp/i.test(ua)
              ? "API client"
              : null;
  const system = /iPhone|iPad|iOS/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  if (!browser && !system) return null;
  return { browser: browser ?? "Browser", system: system ?? "" };
}
