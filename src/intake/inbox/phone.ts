import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A stored phone number (E.164, as validate.ts keeps it) for people: spaced for reading ("+1 312 555 0177")
 * and dialable (tel:+13125550177). A value that does not parse is shown as stored.
 */
export function readablePhone(stored: string): { text: string; href: string } {
  const parsed = parsePhoneNumberFromString(stored);
  if (!parsed) return { text: stored, href: `tel:${stored.replace(/[^\d+]/g, '')}` };
  return { text: parsed.formatInternational(), href: parsed.getURI() };
}
