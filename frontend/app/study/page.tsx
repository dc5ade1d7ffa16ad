import type { Metadata } from "next";
import { StudyView } from "@/components/study/study-view";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("nav.study") };
}

export default function StudyPage() {
  return <StudyView />;
}
