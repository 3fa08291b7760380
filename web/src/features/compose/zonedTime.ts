/**
 * Wall-clock times in a named time zone (the user's profile zone, which may differ from the browser's):
 * a `datetime-local` value means that time in that zone.
 */

function parts(instant: number, timeZone: string): Record<string, number> {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) {
    if (part.type !== "literal") out[part.type] = Number(part.value);
  }
  return out;
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant (ISO 8601, UTC) at which the clocks of `timeZone` show `local` (`YYYY-MM-DDTHH:mm`).
 * A time skipped by a daylight-saving jump moves forward by the jump; a time that happens twice
 * takes the first. `null` when `local` is not such a value.
 */
export function zonedLocalToUtc(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offsets a day either side cover any transition near `local`; each gives a candidate.
  const day = 24 * 3600 * 1000;
  const offsets = new Set([offsetAt(wall - day, timeZone), offsetAt(wall, timeZone), offsetAt(wall + day, timeZone)]);
  const candidates = [...offsets].map((offset) => wall - offset);
  const exact = candidates.filter((instant) => {
    const p = parts(instant, timeZone);
    return p.day === d && p.hour === h && p.minute === mi;
  });
  // A repeated time takes its first occurrence; a skipped one the offset from before the jump (later).
  const instant = exact.length ? Math.min(...exact) : Math.max(...candidates);
  return new Date(instant).toISOString();
}

/** `instant` as a `datetime-local` value on the clocks of `timeZone`. */
export function utcToZonedLocal(instant: number | string | Date, timeZone: string): string {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === "string" ? Date.parse(instant) : instant;
  const p = parts(ms, timeZone);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
