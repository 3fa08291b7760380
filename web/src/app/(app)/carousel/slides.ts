/** The carousel's editable deck: what `data` stores for a carousel, plus stable keys for the list. */
export type EditableSlide = { key: string; title: string; body: string };

export const MIN_SLIDES = 1;
export const MAX_SLIDES = 12;
export const SLIDE_TITLE_MAX = 120;
export const SLIDE_BODY_MAX = 600;

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `slide-${Date.now().toString(36)}-${counter}`;
}

/** The slides stored in a carousel's `data.slides` (anything else is read as an empty deck). */
export function slidesOf(data: Record<string, unknown>): EditableSlide[] {
  const raw = Array.isArray(data.slides) ? data.slides : [];
  return raw.flatMap((slide: unknown) => {
    if (!slide || typeof slide !== "object") return [];
    const { title, body } = slide as Record<string, unknown>;
    return typeof title === "string" ? [{ key: newKey(), title, body: typeof body === "string" ? body : "" }] : [];
  });
}

/** `slides` with the one at `from` moved to `to` (clamped to the list). */
export function moveSlide<T>(slides: T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(slides.length - 1, to));
  if (from === target || from < 0 || from >= slides.length) return slides;
  const out = [...slides];
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved as T);
  return out;
}

export function textOf(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === "string" ? value : "";
}
