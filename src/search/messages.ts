import type { SearchDocumentType } from './engine.js';

export const searchMessages = {
  title: 'Search',
  titleFor: (query: string) => `Search results for “${query}”`,
  description: 'Search the clinic’s pages about ketamine infusions, TMS, conditions, costs and safety.',
  resultsCount: (count: number) => (count === 1 ? '1 page found' : `${count} pages found`),
  resultsHeading: 'Results',
  didYouMean: 'Did you mean',
  noResultsTitle: (query: string) => `Nothing found for “${query}”`,
  noResultsText: 'Try fewer or simpler words, or start from one of these popular topics.',
  popularTopics: 'Popular topics',
  stillUnsure: 'Not sure where to start?',
  stillUnsureText: 'Call us and we will answer your questions, or ask for an appointment online.',
  call: (phone: string) => `Call ${phone}`,
  requestAppointment: 'Request an appointment',
  types: {
    article: 'Article',
    treatment: 'Treatment',
    condition: 'Condition',
    page: 'Page',
  } satisfies Record<SearchDocumentType, string>,
  notReady: 'Search is starting up. Please try again in a moment.',
  /** Shown first when the words searched may mean the person is thinking of suicide or self-harm. */
  crisis: {
    heading: 'If you are thinking about suicide or hurting yourself, you can talk to someone now.',
    reassurance: 'Help is free and there at any hour. You do not need an appointment.',
    resources: 'More ways to get help now',
    /** Names the group of crisis choices at the top of the suggestions as you type. */
    groupLabel: 'Help now',
    actions: [
      { label: 'Call 988', href: 'tel:988' },
      { label: 'Text 988', href: 'sms:988' },
      { label: 'Call 911', href: 'tel:911' },
      { label: 'Crisis resources', href: '/crisis-resources' },
    ],
  },
  badQuery: {
    missing: 'q: type what you would like to find (the q parameter is required).',
    tooLong: (max: number) => `q: a search can be at most ${max} characters long.`,
    control: 'q: a search cannot contain control characters.',
    limit: (max: number) => `limit: must be a whole number from 1 to ${max}.`,
  },
} as const;

/** Shown after the clinic's own treatments, only where it offers more than one. */
export const COMPARE_TOPIC = { href: '/compare', label: 'Compare ketamine and TMS' };

/** Topics every clinic's site has; the clinic's treatments come before them (clinic.treatments). */
export const POPULAR_TOPICS = [
  { href: '/articles/insurance-and-cost', label: 'Insurance and cost' },
  { href: '/conditions/treatment-resistant-depression', label: 'Treatment-resistant depression' },
  { href: '/faq', label: 'Frequently asked questions' },
  { href: '/crisis-resources', label: 'Crisis resources: call or text 988' },
] as const;
