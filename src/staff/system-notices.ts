/**
 * Problems every staff page must show until they are fixed (mail not configured, mail failing), refreshed
 * by a process job (app.ts) so rendering a page never waits for them.
 */
export type NoticeCheck = () => Promise<string | null>;

export function createSystemNotices(checks: readonly NoticeCheck[]) {
  let current: string[] = [];
  const refresh = async () => {
    const results = await Promise.all(checks.map((check) => check().catch(() => null)));
    current = results.filter((notice): notice is string => notice !== null);
  };
  return {
    current: (): readonly string[] => current,
    refresh,
  };
}

export type SystemNotices = ReturnType<typeof createSystemNotices>;

// Urgent safety alerts come first: they are what must not be waited for (issue 13).
export const MAIL_NOT_CONFIGURED =
  'Urgent safety alerts and their escalations cannot go out: email is not set up. Nor are staff told of new requests. Check the inbox here for urgent reviews; whoever runs Haven should set HAVEN_SMTP_URL.';
export const MAIL_FAILING =
  'Urgent safety alerts and their escalations are not going out: email keeps failing. Nor may staff be told of new requests. Check the inbox here for urgent reviews; whoever runs Haven should check the mail settings and the log, then run npm run haven -- mail retry.';
