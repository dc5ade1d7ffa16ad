import type { Metadata } from "next";
import { MyCoursesView } from "@/components/classes/my-courses-view";
import { pageTitle } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await pageTitle("nav.myCourses") };
}

export default function MyCoursesPage() {
  return <MyCoursesView />;
}
