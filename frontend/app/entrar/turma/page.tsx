import type { Metadata } from "next";
import { JoinCodePage } from "@/components/classes/join-code-page";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("join.studentTitle") };
}

export default function JoinByCodePage() {
  return <JoinCodePage />;
}
