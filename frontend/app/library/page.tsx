import type { Metadata } from "next";
import { LibraryView } from "@/components/library/library-view";

export const metadata: Metadata = { title: "Biblioteca · ChatGepeto" };

export default function LibraryPage() {
  return <LibraryView />;
}
