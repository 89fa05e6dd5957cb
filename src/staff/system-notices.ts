/**
 * Problems every staff page must show until they are fixed (mail not configured, mail failing), refreshed
 * in the background so rendering a page never waits for them.
 */
export type NoticeCheck = () => Promise<string | null>;

export function createSystemNotices(checks: readonly NoticeCheck[], refreshMs = 10_000) {
  let current: string[] = [];
  const refresh = async () => {
    const results = await Promise.all(checks.map((check) => check().catch(() => null)));
    current = results.filter((notice): notice is string => notice !== null);
  };
  const timer = setInterval(() => void refresh(), refreshMs);
  timer.unref();
  return {
    current: (): readonly string[] => current,
    refresh,
    stop: () => clearInterval(timer),
  };
}

export type SystemNotices = ReturnType<typeof createSystemNotices>;

export const MAIL_NOT_CONFIGURED =
  'Email is not set up, so staff are not told when a request arrives. Set HAVEN_SMTP_URL (docs/configuration.md) and check the requests inbox here meanwhile.';
export const MAIL_FAILING =
  'Email keeps failing, so staff may not be told when a request arrives. Whoever runs Haven should check the mail server settings and the log, then send the failed emails again (npm run haven -- mail retry). Check the requests inbox here meanwhile.';
