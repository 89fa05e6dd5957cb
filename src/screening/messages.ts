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
