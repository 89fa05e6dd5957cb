/**
 * What the person reads in the questionnaires. Each section has a plain title chosen for the person (never
 * the instrument's id or acronym); a definition a clinic adds itself falls back to its own title.
 */
export const sectionTitles: Readonly<Record<string, string>> = {
  'phq-9': 'Mood',
  'gad-7': 'Worry and nerves',
  'pcl-5': 'Stressful events',
  'ketamine-safety': 'Health questions for ketamine or Spravato',
  'tms-safety': 'Health questions for TMS',
};

export const screeningMessages = {
  /** "10 questions, about 2 minutes": the estimate comes from `estimatedMinutes` (sections.ts). */
  sectionSize: (questions: number, minutes: number) =>
    `${questions} ${questions === 1 ? 'question' : 'questions'}, about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
  standardName: (name: string) => `Standard name: ${name}`,
  position: (section: number, sections: number) => `Section ${section} of ${sections}`,
  part: (part: number, parts: number) => `Part ${part} of ${parts}`,
  sectionsDone: (done: number, sections: number) => `${done} of ${sections} sections done`,
  saveAndContinue: 'Save and continue',
  send: 'Send my answers',
  sendHint: 'This is the last page. When you send it, all your answers go to the clinic.',
  errorTitle: 'Please answer these questions',
  /** After the crisis panel: the rest of the page was saved, only the blank questions come back. */
  leftBlank:
    'You answered the other questions on this page, and we saved them. For your privacy, answers are never shown again. Please answer what is left below to go on.',
  answeredBefore:
    'Some questions on this page were answered before. For your privacy, answers are never shown again: please answer each question on this page.',
  done: 'done',
  started: 'started',
  notStarted: 'not started',
} as const;

/** What the person reads when a screening link is opened in a browser it is not bound to (decision 017). */
export const linkMessages = {
  verifyTitle: 'Check it is you',
  verifyLead:
    'This link was first opened in another browser. To keep your answers private, please tell us your date of birth, as you gave it when you asked for an appointment.',
  dob: 'Date of birth',
  dobHint: 'For example 1985-03-27.',
  dobInvalid: 'Enter your date of birth as year, month and day, like 1985-03-27.',
  wrong: (left: number) =>
    `That date of birth does not match. You can try ${left} more ${left === 1 ? 'time' : 'times'}.`,
  submit: 'Continue',
  locked:
    'This link cannot be opened in this browser any more. You can still use it in the browser where you first opened it.',
  noDob: 'This link was first opened in another browser. Please go on there, where you first opened it.',
  newLink: 'If you cannot, call us and we will send you a new link.',
  errorTitle: 'There is a problem',
} as const;
