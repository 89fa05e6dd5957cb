export const homeMessages = {
  title: 'Ketamine infusions and TMS for hard-to-treat depression',
  description:
    'Ketamine infusion therapy and transcranial magnetic stimulation (TMS) for depression, PTSD, OCD and anxiety that other treatments have not helped.',
  heading: 'When depression or anxiety has not lifted, there are other options',
  defaultLead: 'Ketamine infusions and TMS for conditions that other treatments have not helped.',
  requestAppointment: 'Request an appointment',
  call: (phone: string) => `Call ${phone}`,
  whatWeTreat: 'What we treat',
  whatWeTreatIntro:
    'We help people whose symptoms have stayed with them after trying medicines or talk therapy. A referral is welcome but not required.',
  conditions: [
    {
      slug: 'treatment-resistant-depression',
      label: 'Depression that has not improved with antidepressants (treatment-resistant depression)',
    },
    { slug: 'ptsd', label: 'Post-traumatic stress disorder (PTSD)' },
    { slug: 'ocd', label: 'Obsessive-compulsive disorder (OCD)' },
    { slug: 'anxiety', label: 'Anxiety' },
    { slug: 'bipolar-depression', label: 'Depression in bipolar disorder' },
  ],
  compare: 'Compare ketamine and TMS side by side',
  readArticles: 'Read our articles about treatment, safety and cost',
  treatmentsHeading: 'Treatments we offer',
  offeredAt: (places: string) => `Offered at: ${places}.`,
  gettingStarted: 'How to get started',
  steps: [
    'Send us a request online or call us. You do not need a referral.',
    'A member of our team calls you back during opening hours to answer questions and find a time.',
    'At your consultation, a clinician reviews your history and talks with you about whether ketamine, TMS or another path fits you best.',
    'If you decide to go ahead, we help you plan the treatment and check what your insurance covers.',
  ],
  whereHeading: 'Where to find us',
  phoneLabel: 'Phone:',
  seeHours: 'Opening hours and directions for every location',
} as const;
