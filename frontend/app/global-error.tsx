"use client";
/**
 * The last resort: the root layout itself failed, so no provider (language, courses) can be
 * trusted; the message is given in both languages, each marked with its own `lang`.
 */
import { RouteNotice } from "@/components/route-notice";
import { translator } from "@/lib/i18n";
import "./globals.css";

const pt = translator("pt-BR");
const en = translator("en");

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="pt-BR">
      <body>
        <main id="main">
          <RouteNotice
            alert
            title={pt("route.errorTitle")}
            testId="global-error"
            actions={
              <>
                <button type="button" className="button button-primary" onClick={retry}>
                  {pt("common.retry")} <span lang="en">· {en("common.retry")}</span>
                </button>
                {/* A full load on purpose: the app's own router is what failed. */}
                {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
                <a className="button" href="/">
                  {pt("route.home")} <span lang="en">· {en("route.home")}</span>
                </a>
              </>
            }
          >
            <p>{pt("route.errorBody")}</p>
            <p lang="en">
              <strong>{en("route.errorTitle")}.</strong> {en("route.errorBody")}
            </p>
          </RouteNotice>
        </main>
      </body>
    </html>
  );
}
