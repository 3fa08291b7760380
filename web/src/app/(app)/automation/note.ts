/**
 * Invitation notes as the server fills them: `{first_name}`, `{last_name}`, `{name}`, `{company}` and
 * `{headline}` become the person's details, then the text is trimmed. LinkedIn takes at most 300
 * characters; a person whose filled-in note is longer is left out of the campaign.
 */
export const NOTE_LIMIT = 300;
export const PLACEHOLDERS = ["first_name", "last_name", "name", "company", "headline"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type Person = { name: string; company: string; headline: string };

const PATTERN = /\{(first_name|last_name|name|company|headline)\}/g;

export function fillNote(template: string, person: Person): string {
  const space = person.name.indexOf(" ");
  const first = space < 0 ? person.name : person.name.slice(0, space);
  const last = space < 0 ? "" : person.name.slice(space + 1);
  const values: Record<Placeholder, string> = {
    first_name: first,
    last_name: last,
    name: person.name,
    company: person.company,
    headline: person.headline,
  };
  return template.replace(PATTERN, (_, key: Placeholder) => values[key]).trim();
}

/** Characters as LinkedIn and the server count them (code points, so an emoji is one). */
export function noteLength(text: string): number {
  return [...text].length;
}

/** Names written like placeholders that are not ones (`{firstname}`): they would be sent as typed. */
export function unknownPlaceholders(template: string): string[] {
  const found = template.match(/\{[a-z_]+\}/gi) ?? [];
  return [...new Set(found.filter((token) => !PLACEHOLDERS.includes(token.slice(1, -1) as Placeholder)))];
}
