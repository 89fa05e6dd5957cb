import type { TreatmentAttribute } from './schema.js';

export const contentMessages = {
  breadcrumb: 'Breadcrumb',
  home: 'Home',
  articles: 'Articles',
  articlesTitle: 'Articles',
  articlesDescription:
    'Plain-language articles about ketamine infusions, TMS, costs, safety and what to expect.',
  treatments: 'Treatments',
  treatmentsDescription:
    'The treatments we offer: ketamine infusion therapy and transcranial magnetic stimulation (TMS).',
  conditions: 'Conditions',
  conditionsDescription:
    'Conditions we treat when other treatments have not helped, and where ketamine and TMS fit.',
  onThisPage: 'On this page',
  readingTime: (minutes: number) => `${minutes} min read`,
  reviewed: (date: string, reviewer: string | null) =>
    `Medically reviewed ${date}${reviewer ? ` by ${reviewer}` : ''}`,
  published: (date: string) => `Published ${date}`,
  updated: (date: string) => `Updated ${date}`,
  sources: 'Sources',
  related: 'Related articles',
  atAGlance: 'At a glance',
  compareLink: 'Compare ketamine and TMS side by side',
  nextStepTitle: 'Talk with us about whether this could help you',
  nextStepText:
    'A member of our team will call you back to answer your questions. You do not need a referral.',
  requestAppointment: 'Request an appointment',
  filterByTopic: 'Filter by topic',
  allTopics: 'All topics',
  taggedWith: (tag: string) => `Articles about ${tag}`,
  pagination: 'Pages of articles',
  previous: 'Newer articles',
  next: 'Older articles',
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
  compareTitle: 'Compare ketamine infusions and TMS',
  compareDescription:
    'Ketamine infusion therapy and TMS side by side: how each is given, how long it takes, how soon it may help, side effects and who should not have it.',
  compareIntro:
    'Both treatments can help when depression or related conditions have not improved with other care. They work differently and fit different lives. This table sets them side by side; a clinician can help you weigh them for your own health.',
  compareCaption: 'Ketamine infusion therapy and TMS compared',
  compareFeature: 'Question',
  compareQuestionsTitle: 'Questions to bring to a clinician',
  compareQuestions: [
    'Which treatment fits my diagnosis, my history and the medicines I take now?',
    'How soon might I notice a change, and how will we measure whether it is working?',
    'How many visits will I need, how long is each, and can I drive home afterwards?',
    'What side effects should I expect, and what would make this treatment unsafe for me?',
    'What happens if the first course helps and then the benefit fades?',
    'What will my insurance cover, and what would I pay myself?',
  ],
  compareReadMore: 'Read the full comparison article',
} as const;

export const attributeLabels: Record<TreatmentAttribute, string> = {
  used_for: 'Used for',
  administration: 'How it is given',
  session_length: 'Length of a session',
  course: 'A typical course',
  onset: 'How soon it may help',
  durability: 'How long relief may last',
  side_effects: 'Common side effects',
  not_for: 'Who should not have it, or needs review first',
  regulatory_status: 'FDA status',
  visit: 'What a visit is like',
};
