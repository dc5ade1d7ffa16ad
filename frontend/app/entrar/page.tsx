import type { Metadata } from "next";
import { SignInPage } from "@/components/classes/sign-in-page";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("nav.signIn") };
}

export default function EntrarPage() {
  return <SignInPage />;
}
