import type { Metadata } from "next";
import { StudyBankView } from "@/components/study/study-bank-view";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("bank.title") };
}

export default function StudyBankPage() {
  return <StudyBankView />;
}
