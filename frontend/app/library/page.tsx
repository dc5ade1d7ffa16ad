import type { Metadata } from "next";
import { LibraryView } from "@/components/library/library-view";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("nav.library") };
}

export default function LibraryPage() {
  return <LibraryView />;
}
