"use client";
/** The header's account corner: "Entrar" for teachers, or the teacher's name and "Meus cursos". */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/hooks/use-i18n";
import { useSession } from "@/hooks/use-session";

export function SessionLink() {
  const { t } = useI18n();
  const { teacher, loading } = useSession();
  const pathname = usePathname();
  if (loading) return null;
  if (!teacher) {
    return (
      <Link href="/entrar" className="session-link" aria-current={pathname === "/entrar" ? "page" : undefined} data-testid="nav-sign-in">
        {t("nav.signIn")}
      </Link>
    );
  }
  return (
    <span className="session-link">
      <span className="muted" data-testid="nav-teacher">
        {teacher.name || teacher.email}
      </span>
      <Link href="/meus-cursos" aria-current={pathname === "/meus-cursos" ? "page" : undefined} data-testid="nav-my-courses">
        {t("nav.myCourses")}
      </Link>
    </span>
  );
}
