import type { Person } from "./note";

/** Splits CSV text into rows of cells (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const URL_COLUMNS = ["url", "profile url", "profile", "linkedin", "linkedin url", "urn", "member urn"];

/**
 * The people of a targets CSV as the server will read them: the header is the first row with a URL or
 * URN column (LinkedIn's Connections.csv starts with notes), rows without one are skipped. Null when
 * there is no such column.
 */
export function peopleInCsv(text: string): Person[] | null {
  const rows = parseCsv(text);
  const headerAt = rows.findIndex((row) => row.some((cell) => URL_COLUMNS.includes(cell.trim().toLowerCase())));
  if (headerAt < 0) return null;
  const header = rows[headerAt]!.map((cell) => cell.trim().toLowerCase());
  const urlCol = header.findIndex((cell) => URL_COLUMNS.includes(cell));
  const col = (row: string[], ...names: string[]) => {
    for (const name of names) {
      const at = header.indexOf(name);
      if (at >= 0 && at < row.length) return (row[at] ?? "").trim();
    }
    return "";
  };
  const seen = new Set<string>();
  const people: Person[] = [];
  for (const row of rows.slice(headerAt + 1)) {
    const key = (row[urlCol] ?? "").trim();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const name = col(row, "name", "full name") || [col(row, "first name"), col(row, "last name")].filter(Boolean).join(" ");
    people.push({ name, company: col(row, "company"), headline: col(row, "headline") || col(row, "position") });
  }
  return people;
}
