import type { Metadata } from "next";
import { InsightsView } from "@/components/insights/insights-view";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("nav.insights") };
}

export default function InsightsPage() {
  return <InsightsView />;
}
