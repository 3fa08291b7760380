import type { components } from "@/api";

export type Publication = components["schemas"]["PublicationOut"];

export const PUBLICATION_STATES = [
  "scheduled",
  "claimed",
  "publishing",
  "published",
  "failed",
  "needs_attention",
  "cancelled",
] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

export function stateOf(p: Pick<Publication, "state">): PublicationState {
  return (PUBLICATION_STATES as readonly string[]).includes(p.state) ? (p.state as PublicationState) : "scheduled";
}

/** Only these can be moved (the API refuses the rest): not yet handed to LinkedIn, or failed. */
export function isMovable(p: Pick<Publication, "state">): boolean {
  return p.state === "scheduled" || p.state === "failed";
}

/** Cancelling is for what LinkedIn has not been asked to post. */
export function isCancellable(p: Pick<Publication, "state">): boolean {
  return p.state === "scheduled" || p.state === "claimed" || p.state === "failed";
}

/** The first line of a post, shortened for a calendar cell or a list row. */
export function preview(text: string, max = 80): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The ETag the API gave this version of a publication, for `If-Match`. */
export function etagOf(p: Pick<Publication, "version">): string {
  return `"v${p.version}"`;
}

/** Colours by state, as the design tokens (so the calendar and the badges agree). */
export const STATE_TONE: Record<PublicationState | "held", { bg: string; fg: string; border: string }> = {
  scheduled: { bg: "var(--color-brand-soft)", fg: "var(--color-brand-strong)", border: "var(--color-brand)" },
  held: { bg: "var(--color-canvas)", fg: "var(--color-ink-muted)", border: "var(--color-line-strong)" },
  claimed: { bg: "var(--color-brand-soft)", fg: "var(--color-brand-strong)", border: "var(--color-brand-strong)" },
  publishing: { bg: "var(--color-brand-soft)", fg: "var(--color-brand-strong)", border: "var(--color-brand-strong)" },
  published: { bg: "var(--color-success-soft)", fg: "var(--color-success)", border: "var(--color-success)" },
  failed: { bg: "var(--color-danger-soft)", fg: "var(--color-danger)", border: "var(--color-danger)" },
  needs_attention: { bg: "var(--color-warning-soft)", fg: "var(--color-warning)", border: "var(--color-warning)" },
  cancelled: { bg: "var(--color-canvas)", fg: "var(--color-ink-muted)", border: "var(--color-line)" },
};

export function toneOf(p: Pick<Publication, "state" | "held">) {
  return p.held && p.state === "scheduled" ? STATE_TONE.held : STATE_TONE[stateOf(p)];
}
