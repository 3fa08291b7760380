import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { ApiProblem } from "@/api/problem";
import { renderWithApp } from "@/test/render";
import { GenerateForm } from "./GenerateForm";

describe("GenerateForm", () => {
  it("submits through its button and shows each failure in words", () => {
    const onSubmit = vi.fn();
    renderWithApp(
      <GenerateForm
        title="Generate"
        onSubmit={onSubmit}
        errors={[null, new ApiProblem("problem", 429, { detail: "Your AI allowance is used up." })]}
        busy={false}
        progress={{ label: "Writing…" }}
        submitLabel="Go"
      >
        <label>
          Topic <input />
        </label>
      </GenerateForm>,
    );
    expect(screen.getAllByRole("alert").map((a) => a.textContent)).toEqual(["Your AI allowance is used up."]);
    expect(screen.queryByRole("progressbar")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Go" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("shows how far the work is while busy", () => {
    renderWithApp(
      <GenerateForm
        title="Generate a carousel"
        onSubmit={() => undefined}
        errors={[]}
        busy
        progress={{ label: "Drawing the PDF…", value: 40, valueText: "40% done" }}
        submitLabel="Go"
      />,
    );
    const bar = screen.getByRole("progressbar", { name: "Drawing the PDF…" });
    expect(bar.getAttribute("aria-valuetext")).toBe("40% done");
  });
});
