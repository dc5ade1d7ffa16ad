import type { Metadata } from "next";
import { JoinView } from "@/components/classes/join-view";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("join.pageTitle") };
}

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <JoinView key={code} code={code} />;
}
