import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ApiProblem } from "@/api/problem";
import { renderWithApp } from "@/test/render";
import { ErrorMessage } from "./ErrorMessage";
import { ProgressBar } from "./ProgressBar";
import { TextField } from "./TextField";

describe("TextField", () => {
  it("is found by its visible label and carries its hint and error", () => {
    renderWithApp(<TextField label="Email" hint="The one you sign in with." error="This address is taken." />);
    const input = screen.getByLabelText("Email");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ");
    const texts = described.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(["The one you sign in with.", "This address is taken."]);
  });
});

describe("ErrorMessage", () => {
  it("announces the problem's detail", () => {
    const problem = new ApiProblem("problem", 409, { detail: "This address is now used by another account." });
    renderWithApp(<ErrorMessage error={problem} />);
    expect(screen.getByRole("alert").textContent).toBe("This address is now used by another account.");
  });

  it("renders nothing without an error", () => {
    const { container } = renderWithApp(<ErrorMessage error={null} />);
    expect(container.textContent).toBe("");
  });
});

describe("ProgressBar", () => {
  it("exposes its label and value to assistive technology", () => {
    renderWithApp(<ProgressBar label="Importing posts" value={3} max={10} valueText="3 of 10 rows" />);
    const bar = screen.getByRole("progressbar", { name: "Importing posts" });
    expect(bar.getAttribute("aria-valuetext")).toBe("3 of 10 rows");
  });
});
