import { describe, expect, it } from "vitest";

import { parseCsv, peopleInCsv } from "./csv";

describe("parseCsv", () => {
  it("keeps commas, quotes and line breaks inside quoted cells", () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\n1,2,3')).toEqual([
      ["a", "b, c", 'say "hi"\nthere'],
      ["1", "2", "3"],
    ]);
  });
});

describe("peopleInCsv", () => {
  it("reads LinkedIn's Connections.csv after its notes, without duplicates", () => {
    const text = [
      "Notes:",
      '"When exporting your connection data, you may notice..."',
      "",
      "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
      "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Mathematician,01 Jan 2024",
      "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines,Mathematician,01 Jan 2024",
      "Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Cryptanalyst,02 Jan 2024",
      "No,Url,,,,,",
    ].join("\n");
    expect(peopleInCsv(text)).toEqual([
      { name: "Ada Lovelace", company: "Analytical Engines", headline: "Mathematician" },
      { name: "Alan Turing", company: "Bletchley", headline: "Cryptanalyst" },
    ]);
  });
  it("gives null without a URL column", () => {
    expect(peopleInCsv("name,company\nAda,AE")).toBeNull();
  });
});
