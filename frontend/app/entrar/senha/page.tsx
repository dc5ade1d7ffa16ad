import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/classes/set-password-form";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("auth.setPasswordTitle") };
}

export default function SetPasswordPage() {
  return (
    <div className="page auth-page">
      <SetPasswordForm />
    </div>
  );
}
