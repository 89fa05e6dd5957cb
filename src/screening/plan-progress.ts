import type { Section } from './sections.js';

/**
 * Where a person stands in their plan of sections, from what they saved: which page comes next, how many
 * sections are done, and whether a page is the last one left (its button then sends everything).
 */

type Saved = Record<string, Record<string, number | string>>;

export interface SectionProgress {
  section: Section;
  answered: number;
  /** The first page with a required question unanswered; null when the section is done. */
  nextGroup: string | null;
}

export interface PlanProgress {
  sections: SectionProgress[];
  completed: number;
  /** Pages with a required question still unanswered, over every section. */
  remainingPages: number;
  /** The next page in plan order, or null when everything is answered. */
  next: { sectionIndex: number; groupIndex: number } | null;
}

export const nextGroupOf = (section: Section, answers: Record<string, number | string>) =>
  section.groups.find((group) =>
    group.items.some((linkId) => section.required.has(linkId) && answers[linkId] === undefined),
  )?.id ?? null;

export function planProgress(plan: Section[], saved: Saved): PlanProgress {
  let remainingPages = 0;
  let next: PlanProgress['next'] = null;
  const sections = plan.map((section, sectionIndex) => {
    const answers = saved[section.id] ?? {};
    section.groups.forEach((group, groupIndex) => {
      if (!group.items.some((linkId) => section.required.has(linkId) && answers[linkId] === undefined))
        return;
      remainingPages += 1;
      next ??= { sectionIndex, groupIndex };
    });
    return { section, answered: Object.keys(answers).length, nextGroup: nextGroupOf(section, answers) };
  });
  const completed = sections.filter((state) => state.nextGroup === null).length;
  return { sections, completed, remainingPages, next };
}

/**
 * The questions of a page the person still has to answer. Only one thing saves part of a page: a worrying
 * answer sent with another question left blank (the crisis panel comes first, decision 017). Coming back,
 * they answer only what is missing, so nothing they gave is asked again or lost.
 */
export function pendingItems(
  section: Section,
  groupId: string,
  answers: Record<string, number | string>,
): string[] {
  const items = section.groups.find((group) => group.id === groupId)?.items ?? [];
  const open = items.filter((linkId) => answers[linkId] === undefined);
  return open.length > 0 ? open : items;
}
