/** Where the end-to-end servers run and how the web app server starts (shared by the config and specs). */
import path from "node:path";

export const backendPort = Number(process.env.E2E_BACKEND_PORT ?? 18000);
export const frontendPort = Number(process.env.E2E_FRONTEND_PORT ?? 13000);
/**
 * The classes pair (e2e/classes.spec.ts only): a backend with ADMIN_TOKEN set, so this machine
 * is no admin and teachers, passes and private courses count as in production.
 */
export const classesBackendPort = Number(process.env.E2E_CLASSES_BACKEND_PORT ?? 18001);
export const classesFrontendPort = Number(process.env.E2E_CLASSES_FRONTEND_PORT ?? 13001);
export const classesAdminToken = "e2e-classes-admin-token-0123456789";
/** Preloaded into every web app server: the proxy's X-Forwarded-* come from the accepted socket. */
export const acceptedSocketPreload = path.resolve(__dirname, "..", "..", "server", "accepted-socket.cjs");
export const standaloneServer = path.resolve(__dirname, "..", "..", ".next", "standalone", "server.js");
