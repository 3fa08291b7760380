/** Every IANA time zone this browser knows (the API accepts IANA names), with `current` kept in the list. */
export function timeZones(current?: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC", "Europe/London"];
  const all = new Set(known);
  // Chromium lists "UTC" only under an alias; a profile may hold either.
  all.add("UTC");
  if (current) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}
