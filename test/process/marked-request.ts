import { randomBytes, randomInt } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * An appointment request with a unique marker in every field Haven seals (decision 016), so a test can
 * search a database file, a backup, an email or a log for each one and name the field that leaked.
 * Each marker is valid for its field: the phone is a real-format US number nobody else uses in the test,
 * the date of birth a date no other row holds.
 */

export type SealedField =
  | 'name'
  | 'phone'
  | 'email'
  | 'dob'
  | 'message'
  | 'times'
  | 'referral'
  | 'insurance'
  | 'referrer'
  | 'note';

export interface MarkedRequest {
  /** The form as a browser sends it (without its _csrf token). */
  form: Record<string, string | string[]>;
  /** A staff note to add to the request; sealed like the rest. */
  note: string;
  /** Every way each field's value could appear if it leaked: as typed and as Haven normalises it. */
  needles: Record<SealedField, string[]>;
  /** A plain column's value (the idempotency key): a search that cannot find it cannot find anything. */
  control: string;
}

const mark = (label: string) => `${label}${randomBytes(5).toString('hex')}`;

/** A valid US number from the fictional 555-01xx range, under a random area code. */
function uniquePhone(): { typed: string; e164: string; digits: string } {
  const areas = ['312', '773', '708', '630', '847', '217', '415', '212'];
  for (;;) {
    const area = areas[randomInt(areas.length)]!;
    const line = String(100 + randomInt(100)).padStart(4, '0');
    if (area === '312' && line === '0142') continue; // the demo clinic's own number
    const typed = `(${area}) 555-${line}`;
    const parsed = parsePhoneNumberFromString(typed, 'US');
    if (!parsed?.isValid()) continue;
    return { typed, e164: parsed.number, digits: `${area}555${line}` };
  }
}

/** An adult's date of birth, random enough that no other value in the test database equals it. */
function uniqueDob(): string {
  const date = new Date(Date.UTC(1931 + randomInt(60), randomInt(12), 1 + randomInt(28)));
  return date.toISOString().slice(0, 10);
}

export function markedRequest(overrides: Record<string, string | string[]> = {}): MarkedRequest {
  const name = mark('Nm');
  const email = mark('em');
  const message = mark('Msg');
  const times = mark('Tm');
  const referral = mark('Rf');
  const insurance = mark('Ins');
  const referrer = mark('Dr');
  const note = mark('Note');
  const phone = uniquePhone();
  const dob = uniqueDob();
  const control = `${mark('key')}-control`;
  return {
    form: {
      idempotency_key: control,
      name: `Robin ${name}`,
      contact_method: 'phone',
      phone: phone.typed,
      email: `  ${email}@Example.ORG `,
      dob,
      location: 'lakeside',
      treatment: 'tms',
      concerns: ['depression', 'ocd'],
      message: `I have tried three medicines. ${message}`,
      times: `weekday mornings ${times}`,
      referral: `a friend ${referral}`,
      insurance: `Blue Example ${insurance}`,
      referrer: `Dr. ${referrer}`,
      consent_privacy: 'yes',
      consent_contact: 'yes',
      ...overrides,
    },
    note: `Prefers evenings ${note}`,
    needles: {
      name: [name],
      phone: [phone.typed, phone.e164, phone.digits],
      email: [email],
      dob: [dob],
      message: [message],
      times: [times],
      referral: [referral],
      insurance: [insurance],
      referrer: [referrer],
      note: [note],
    },
    control,
  };
}

/** The fields (from `fields`) whose value appears in `haystack`, with the form it was found in. */
export function leaks(
  haystack: string | Buffer,
  request: MarkedRequest,
  fields: readonly SealedField[] = Object.keys(request.needles) as SealedField[],
): string[] {
  return fields.flatMap((field) =>
    request.needles[field]
      .filter((needle) => haystack.includes(needle))
      .map((needle) => `${field} (${JSON.stringify(needle)})`),
  );
}

/** The body of a POST /request-appointment as a browser encodes it. */
export function encodeForm(form: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
  return body;
}

/** Sends `form` to a running Haven as a browser does: fetch the page for its token, post, do not follow. */
export async function sendForm(origin: string, form: Record<string, string | string[]>): Promise<number> {
  const page = await fetch(`${origin}/request-appointment`, { signal: AbortSignal.timeout(5000) });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) return page.status;
  const response = await fetch(`${origin}/request-appointment`, {
    method: 'POST',
    body: encodeForm({ _csrf: csrf, ...form }),
    redirect: 'manual',
    headers: { 'sec-fetch-site': 'same-origin' },
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  return response.status;
}
