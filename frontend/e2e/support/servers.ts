/** Where the end-to-end servers run and how the web app server starts (shared by the config and specs). */
import path from "node:path";

export const backendPort = Number(process.env.E2E_BACKEND_PORT ?? 18000);
export const frontendPort = Number(process.env.E2E_FRONTEND_PORT ?? 13000);
/** Preloaded into every web app server: the proxy's X-Forwarded-* come from the accepted socket. */
export const acceptedSocketPreload = path.resolve(__dirname, "..", "..", "server", "accepted-socket.cjs");
export const standaloneServer = path.resolve(__dirname, "..", "..", ".next", "standalone", "server.js");
