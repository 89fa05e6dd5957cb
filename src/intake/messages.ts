/** The request form's words, in one place (DESIGN.md), so a Spanish edition can follow. */
export const intakeMessages = {
  title: 'Request an appointment',
  /** The form's summary for search engines and the site search, naming the clinic's own treatments. */
  summary: (treatmentShortNames: readonly string[]) =>
    `Ask for a free consultation about ${new Intl.ListFormat('en-US', { type: 'disjunction' }).format(treatmentShortNames)}. No referral needed.`,
  lead: 'Tell us how to reach you and we will call or write back to arrange a free consultation. You do not need a referral.',
  required: 'Required',
  optional: 'optional',
  errorSummaryTitle: 'Please check these answers',
  send: 'Send my request',
  name: 'Your name',
  contactMethod: 'How should we reach you?',
  contactPhone: 'Phone call',
  contactText: 'Text message',
  contactEmail: 'Email',
  phone: 'Phone number',
  phoneHint: 'With area code, like 312 555 0142.',
  email: 'Email address',
  dob: 'Date of birth',
  dobHint: 'For example 1985-03-27. This helps us check that a treatment suits you.',
  location: 'Which location suits you?',
  treatment: 'Which treatment are you interested in?',
  treatmentNotSure: 'Not sure yet',
  concerns: 'What would you like help with?',
  concernsHint: 'Choose any that apply.',
  concernLabels: {
    depression: 'Depression',
    anxiety: 'Anxiety',
    ptsd: 'PTSD',
    ocd: 'OCD',
    bipolar: 'Bipolar disorder',
    other: 'Something else',
  },
  message: 'Anything you would like us to know',
  messageHint: 'Up to 2,000 characters. Please do not include anything you would not want written down.',
  times: 'Best times to call',
  timesHint: 'For example: weekday mornings.',
  referral: 'How did you hear about us?',
  insurance: 'Insurance',
  referrer: 'Referring clinician',
  consentPrivacy: 'I have read the privacy notice and agree that the clinic may store what I send here.',
  consentContact: 'The clinic may contact me about this request.',
  consentSms: 'The clinic may send me text messages about this request. Message and data rates may apply.',
  minorNote:
    'Because you are under 18, a parent or guardian needs to be part of your care. We will talk with you both when we call.',
  privacyLink: 'Read the privacy notice',
  notSaved: (phone: string) =>
    `We could not save your request just now. Nothing is lost on this page: please try again in a minute, or call us at ${phone}.`,
  tooMany:
    'We have received several requests from your connection in a short time. Please wait ten minutes and send again, or call us.',
  expired:
    'This form was open for a long time, so we need you to send it again. Your answers are still here.',
} as const;

export const fieldErrors = {
  name: 'Enter your name.',
  nameLong: 'Keep your name under 200 characters.',
  contactMethod: 'Choose how you would like us to reach you.',
  phoneMissing: 'Enter a phone number so we can call or text you.',
  phoneInvalid: 'Enter a phone number with its area code, like 312 555 0142.',
  emailMissing: 'Enter an email address so we can write to you.',
  emailInvalid: 'Enter an email address like name@example.com.',
  dobInvalid: 'Enter your date of birth as year, month and day, like 1985-03-27.',
  dobFuture: 'Your date of birth must be in the past.',
  dobTooOld: 'Check the year of your date of birth.',
  dobBelowMinimum: (minimum: number) =>
    `We can only see people aged ${minimum} and over. If you are younger, your family doctor can help you find care. If you are in crisis, call or text 988, or call 911.`,
  location: 'Choose the location that suits you.',
  treatment: 'Choose a treatment, or “Not sure yet”.',
  concerns: 'Choose from the list, or “Something else”.',
  messageLong: (length: number) =>
    `Keep your message under 2,000 characters (it is ${length.toLocaleString('en-US')} now).`,
  shortLong: 'Keep this under 200 characters.',
  consentPrivacy: 'Tick the box to agree to the privacy notice, so we can store your request.',
  consentContact: 'Tick the box to let us contact you about your request.',
  consentSms: 'To be contacted by text, tick the box to agree to text messages, or choose a phone call.',
} as const;
