/**
 * Preloaded into the web app's server (`node --require ./accepted-socket.cjs server.js`, and
 * `NODE_OPTIONS=--require ...` for `next dev`): every HTTP request is handled inside an
 * AsyncLocalStorage holding the facts of the socket it was accepted on (peer address, TLS,
 * Host), which the `/api/*` proxy turns into X-Forwarded-* headers (`lib/accepted-socket.ts`).
 *
 * Request headers cannot carry these facts: Next fills X-Forwarded-For from the socket only when
 * the client sent none, so a client's forged `X-Forwarded-For: 127.0.0.1` would reach the backend
 * as its own, and a route handler never sees the socket.
 */
"use strict";
const { AsyncLocalStorage } = require("node:async_hooks");
const http = require("node:http");
const https = require("node:https");

const KEY = Symbol.for("chatgepeto.accepted-socket");

function install() {
  if (globalThis[KEY]) return globalThis[KEY];
  const store = new AsyncLocalStorage();
  globalThis[KEY] = store;
  // https.Server does not inherit from http.Server: both prototypes are wrapped.
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function emitWithAcceptedSocket(event, request, ...rest) {
      if (event !== "request") return emit.call(this, event, request, ...rest);
      const socket = request.socket;
      const accepted = {
        address: socket.remoteAddress ?? "",
        encrypted: Boolean(socket.encrypted),
        host: request.headers.host ?? "",
      };
      return store.run(accepted, () => emit.call(this, event, request, ...rest));
    };
  }
  return store;
}

module.exports = { install, KEY };
install();
