import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CourseSelect } from "@/components/course-select";
import { json, mockFetch } from "../helpers/fake-backend";
import { renderApp, resetStorage } from "../helpers/render";

beforeEach(resetStorage);

function courses(defaultDocs: number) {
  mockFetch({
    "GET /api/collections": () =>
      json({ collections: [{ id: "default", name: "default", documents: defaultDocs }, { id: "exemplo", name: "exemplo", documents: 4 }] }),
  });
}

describe("course selector", () => {
  it("opens on the sample course when the default course is empty and nothing was chosen", async () => {
    courses(0);
    renderApp(<CourseSelect />);
    await waitFor(() => expect(screen.getByTestId("course-select")).toHaveValue("exemplo"));
    expect(screen.getByRole("option", { name: "Geral (0)" })).toBeInTheDocument();
  });

  it("keeps the default course when it has material, and remembers a choice", async () => {
    courses(2);
    renderApp(<CourseSelect />);
    const select = screen.getByTestId("course-select");
    await waitFor(() => expect(select).toBeEnabled());
    expect(select).toHaveValue("default");
    await userEvent.setup().selectOptions(select, "exemplo");
    expect(select).toHaveValue("exemplo");
    expect(window.localStorage.getItem("chatgepeto.course")).toBe("exemplo");
  });

  it("falls back when the remembered course was deleted", async () => {
    window.localStorage.setItem("chatgepeto.course", "apagado");
    courses(2);
    renderApp(<CourseSelect />);
    await waitFor(() => expect(screen.getByTestId("course-select")).toHaveValue("default"));
  });
});
