/** The staff area's words, in one place (DESIGN.md: one messages module per feature). */
export const staffMessages = {
  area: 'Staff area',
  staffNavigation: 'Staff',
  overview: 'Overview',
  requests: 'Requests',
  users: 'Users',
  audit: 'Audit log',
  settings: 'Settings',
  account: 'Your account',
  signOut: 'Sign out',
  signIn: 'Sign in',
  skipToContent: 'Skip to content',
  errorSummaryTitle: 'There is a problem',
  sessionNote: (minutes: number) =>
    `For privacy, you are signed out after ${minutes} minutes without activity.`,
  sessionWarning: 'You will be signed out soon because nothing has happened for a while.',
  staySignedIn: 'Stay signed in',
  signedOutNotice: 'You have been signed out.',
  email: 'Email address',
  password: 'Password',
  code: 'Code from your authenticator app',
  codeHint: 'Six digits. If you have lost your phone, type one of your recovery codes instead.',
  continue: 'Continue',
  signInFailed: 'The email address, password or code is not right. Check them and try again.',
  codeFailed:
    'The email address, password or code is not right. Check the code (or wait for a new one) and try again, or start again with your password.',
  challengeExpired: 'Your sign-in took too long or had too many wrong codes. Start again with your password.',
  needsSetup: 'Your account has no authenticator app set up yet. Ask an administrator for a new setup link.',
  throttled: (minutes: number) =>
    `Too many attempts. Wait ${minutes === 1 ? 'a minute' : `${minutes} minutes`} and try again.`,
  plainHttp:
    'Staff sign-in needs a secure (https) connection. Put Haven behind a TLS reverse proxy such as nginx or Caddy and set HAVEN_PUBLIC_URL to its https address (see docs/deployment.md). On this computer, http://localhost works.',
} as const;
