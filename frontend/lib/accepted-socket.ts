/**
 * What the server's socket saw for the request being handled, recorded by the preload
 * `server/accepted-socket.cjs` (server-side only). Undefined when the server was started
 * without it: the proxy then refuses rather than guess.
 */

export interface AcceptedSocket {
  /** The peer's address as the socket reports it (`127.0.0.1`, `::ffff:192.0.2.7`...). */
  address: string;
  /** True on a TLS socket. */
  encrypted: boolean;
  /** The Host header of the request line the socket accepted. */
  host: string;
}

interface SocketStore {
  getStore(): AcceptedSocket | undefined;
}

const KEY = Symbol.for("chatgepeto.accepted-socket");

export function acceptedSocket(): AcceptedSocket | undefined {
  const store = (globalThis as Record<symbol, SocketStore | undefined>)[KEY];
  return store?.getStore();
}
