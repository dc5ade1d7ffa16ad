/**
 * A stand-in for next/navigation's reading hooks over jsdom's real history: `usePathname` and
 * `useSearchParams` follow pushState, replaceState and popstate, as the App Router's do.
 * Use: jest.mock("next/navigation", () => jest.requireActual("../helpers/fake-router"));
 */
import { useMemo, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

for (const name of ["pushState", "replaceState"] as const) {
  const original = window.history[name].bind(window.history);
  window.history[name] = (...args: Parameters<History["pushState"]>) => {
    original(...args);
    notify();
  };
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** The address as the page shows it: path and query. */
export const address = () => window.location.pathname + window.location.search;

/** `useRouter`'s navigation over the same history (push and replace change the address). */
export function useRouter() {
  return useMemo(
    () => ({
      push: (href: string) => window.history.pushState(null, "", href),
      replace: (href: string) => window.history.replaceState(null, "", href),
      back: () => window.history.back(),
      forward: () => window.history.forward(),
      refresh: () => undefined,
      prefetch: () => undefined,
    }),
    [],
  );
}
