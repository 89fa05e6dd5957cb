import { addressList } from './mail-settings.js';
import { wholeNumber } from './setting.js';

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

/** The safety variables' schemas; unset addresses are null, and config.ts fills in the notify and clinic addresses. */
export const safetySettings = {
  HAVEN_ESCALATION_MINUTES: wholeNumber({ fallback: 60, min: 5, max: 480, unit: 'minutes' }),
  HAVEN_ONCALL_EMAIL: addressList('oncall@clinic.example.org'),
  HAVEN_ESCALATION_EMAIL: addressList('oncall@clinic.example.org'),
};
