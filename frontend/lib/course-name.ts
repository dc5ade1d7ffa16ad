/** How a course is named on screen: the built-in `default` course gets a translated name. */
import type { Translate } from "./i18n";
import type { Collection } from "./types";

export const DEFAULT_COURSE = "default";

/** The course's display name; `id` names it while the list is still loading. */
export function courseName(course: Pick<Collection, "id" | "name"> | null | undefined, id: string, t: Translate): string {
  const name = course?.name ?? id;
  return (course?.id ?? id) === DEFAULT_COURSE && name === DEFAULT_COURSE ? t("course.default") : name;
}
