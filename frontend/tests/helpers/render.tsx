/** Render with the app's real providers (language, teacher credential, courses). */
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { AppProviders } from "@/components/providers/app-providers";
import { json, type Handler } from "./fake-backend";

export function renderApp(ui: ReactElement) {
  return render(<AppProviders>{ui}</AppProviders>);
}

/** Routes every page needs: the course list. */
export function courseRoutes(documents = 2): Record<string, Handler> {
  return {
    "GET /api/collections": () =>
      json({ collections: [{ id: "default", name: "Geral", documents }, { id: "bio", name: "Biologia", documents: 0 }] }),
  };
}

export function resetStorage() {
  window.localStorage.clear();
  window.sessionStorage.clear();
}
