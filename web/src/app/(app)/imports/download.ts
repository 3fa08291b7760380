/** Hands `data` to the browser as a file download named `filename` (no navigation, no new tab). */
export function saveFile(data: Blob, filename: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * The bulk-scheduling template: the three columns the import reads, and one row of each kind of time
 * (a wall-clock time in the user's zone, a full ISO 8601 instant, the queue's next free slot).
 */
export function templateCsv(exampleLocal: string): string {
  const rows = [
    ["text", "time", "media"],
    ["What I learned shipping our first release: small scope, short feedback loops.", exampleLocal, ""],
    ["Three habits that made our code reviews faster. #engineering", "2030-01-15T09:30:00+01:00", ""],
    ["A post that goes out in the next free slot of my queue.", "next", ""],
  ];
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return `${rows.map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
