import { parseAddressList } from './mail-settings.js';
import { SettingError } from './setting-error.js';

/**
 * Who is told when a person's screening answers raise an urgent safety review (decision 017), and how long
 * the clinic has, in opening hours, to acknowledge it before it escalates.
 */
export interface SafetyConfig {
  /** Told at once, through the mail outbox, without any health information. */
  onCallEmail: string;
  /** Told when nobody has acknowledged within `escalationMinutes` of opening hours. */
  escalationEmail: string;
  escalationMinutes: number;
}

const addresses = (variable: string, raw: string | undefined, fallback: string) =>
  parseAddressList(variable, raw, fallback, 'oncall@clinic.example.org');

export function parseSafetySettings(
  env: Record<string, string | undefined>,
  context: { notifyEmail: string; clinicEmail: string },
): SafetyConfig {
  const raw = env.HAVEN_ESCALATION_MINUTES;
  let escalationMinutes = 60;
  if (raw !== undefined && raw.trim() !== '') {
    escalationMinutes = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || escalationMinutes < 5 || escalationMinutes > 480) {
      throw new SettingError(
        'HAVEN_ESCALATION_MINUTES',
        `must be a whole number of minutes from 5 to 480, not "${raw}"`,
        '60',
      );
    }
  }
  const onCallEmail = addresses('HAVEN_ONCALL_EMAIL', env.HAVEN_ONCALL_EMAIL, context.notifyEmail);
  return {
    onCallEmail,
    escalationEmail: addresses('HAVEN_ESCALATION_EMAIL', env.HAVEN_ESCALATION_EMAIL, context.clinicEmail),
    escalationMinutes,
  };
}
