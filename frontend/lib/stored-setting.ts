/**
 * A string remembered in localStorage that React can subscribe to (useSyncExternalStore):
 * the server snapshot is the default, so hydration matches and the stored value follows.
 */
export interface StoredSetting {
  get: () => string | null;
  set: (value: string) => void;
  subscribe: (listener: () => void) => () => void;
}

/** Build the setting for one localStorage key. */
export function storedSetting(key: string): StoredSetting {
  const listeners = new Set<() => void>();
  let memory: string | null = null;

  const get = () => {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return memory;
    }
  };

  const set = (value: string) => {
    memory = value;
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Storage disabled (private mode): the in-memory value still serves this visit.
    }
    listeners.forEach((listener) => listener());
  };

  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === key) listener();
    };
    window.addEventListener("storage", onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener("storage", onStorage);
    };
  };

  return { get, set, subscribe };
}
