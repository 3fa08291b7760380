import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ApiProblem } from "@/api/problem";
import { renderWithApp } from "@/test/render";
import { QueryView } from "./QueryView";

const list = (items: string[]) => (
  <ul>
    {items.map((item) => (
      <li key={item}>{item}</li>
    ))}
  </ul>
);

describe("QueryView", () => {
  it("shows a labelled progress bar while the query loads", () => {
    renderWithApp(
      <QueryView query={{ isPending: true, error: null }} data={undefined as string[] | undefined}>
        {list}
      </QueryView>,
    );
    expect(screen.getByRole("progressbar", { name: "Loading…" })).toBeTruthy();
    expect(screen.queryByRole("list")).toBeNull();
  });

  it("waits for every query and says the first failure in words", () => {
    const problem = new ApiProblem("problem", 503, { detail: "The calendar is resting." });
    renderWithApp(
      <QueryView query={[{ isPending: false, error: null }, { isPending: false, error: problem }]} data={["a"]}>
        {list}
      </QueryView>,
    );
    expect(screen.getByRole("alert").textContent).toBe("The calendar is resting.");
    expect(screen.queryByRole("list")).toBeNull();
  });

  it("offers the empty state's action when there is nothing to list", () => {
    renderWithApp(
      <QueryView
        query={{ isPending: false, error: null }}
        data={[] as string[]}
        empty={{ title: "No campaigns yet", action: <a href="/automation/?new=1">New campaign</a> }}
      >
        {list}
      </QueryView>,
    );
    expect(screen.getByText("No campaigns yet")).toBeTruthy();
    expect(screen.getByRole("link", { name: "New campaign" }).getAttribute("href")).toBe("/automation/?new=1");
  });

  it("renders the content once loaded, with a custom test of emptiness", () => {
    renderWithApp(
      <QueryView
        query={{ isPending: false, error: null }}
        data={{ kind: "post", items: ["first", "second"] }}
        isEmpty={(data) => data.kind !== "post"}
        empty={{ title: "Not a post" }}
      >
        {(data) => list(data.items)}
      </QueryView>,
    );
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["first", "second"]);
    expect(screen.queryByText("Not a post")).toBeNull();
  });

  it("shows where to go from a failure", () => {
    renderWithApp(
      <QueryView query={{ isPending: false, error: new ApiProblem("network", 0) }} data={undefined} errorAction={<a href="/library/">Back</a>}>
        {() => null}
      </QueryView>,
    );
    expect(screen.getByRole("alert")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back" })).toBeTruthy();
  });
});
