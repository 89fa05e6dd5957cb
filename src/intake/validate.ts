import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import type { ClinicLocation } from '../platform/config/clinic.js';
import { NOT_SURE, type TreatmentDescription } from '../platform/config/treatments.js';
import { formBody, formList, formText } from '../platform/http/route-input.js';
import { fieldErrors as e } from './messages.js';

/**
 * The request form, checked field by field. Every problem becomes a message next to its field saying how
 * to fix it, and everything typed comes back unchanged (`values`), so nothing is ever lost.
 */

export const CONTACT_METHODS = ['phone', 'text', 'email'] as const;
export const CONCERNS = ['depression', 'anxiety', 'ptsd', 'ocd', 'bipolar', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** One of the clinic's treatments, or "not sure": what the request form offers and what a link may preselect. */
export function isTreatmentChoice(treatments: readonly TreatmentDescription[], value: string): boolean {
  return value === NOT_SURE || treatments.some((treatment) => treatment.id === value);
}
export type Concern = (typeof CONCERNS)[number];

/** What the person typed, as typed. */
export interface FormValues {
  name: string;
  contact_method: string;
  phone: string;
  email: string;
  dob: string;
  location: string;
  treatment: string;
  concerns: string[];
  message: string;
  times: string;
  referral: string;
  insurance: string;
  referrer: string;
  consent_privacy: boolean;
  consent_contact: boolean;
  consent_sms: boolean;
}

/** A request ready to store: normalised (E.164 phone, lower-case email domain), every choice checked. */
export interface AppointmentRequestInput {
  name: string;
  contactMethod: ContactMethod;
  phone: string | null;
  email: string | null;
  dob: string | null;
  concernsMinor: boolean;
  location: string;
  /** A treatment id from the clinic profile, or "not_sure". */
  treatment: string;
  concerns: Concern[];
  message: string;
  times: string;
  referral: string;
  insurance: string;
  referrer: string;
  smsConsent: boolean;
}

export interface FieldProblem {
  field: keyof FormValues;
  message: string;
}

export type Validation =
  | { ok: true; request: AppointmentRequestInput; values: FormValues }
  | { ok: false; errors: FieldProblem[]; values: FormValues };

/**
 * The form's body as the browser sends it: text fields, the concerns as a list, the anti-forgery token,
 * the idempotency key and the honeypot. Only the shape: the rules below give each field its message.
 */
export const RequestFormBody = formBody({
  name: formText,
  contact_method: formText,
  phone: formText,
  email: formText,
  dob: formText,
  location: formText,
  treatment: formText,
  concerns: formList,
  message: formText,
  times: formText,
  referral: formText,
  insurance: formText,
  referrer: formText,
  consent_privacy: formText,
  consent_contact: formText,
  consent_sms: formText,
  _csrf: formText,
  idempotency_key: formText,
  website: formText,
});
export type RequestFormBody = z.output<typeof RequestFormBody>;

const ticked = (raw: string): boolean => raw === 'yes' || raw === 'on' || raw === 'true';

export function readForm(form: RequestFormBody): FormValues {
  return {
    name: form.name,
    contact_method: form.contact_method,
    phone: form.phone,
    email: form.email,
    dob: form.dob,
    location: form.location,
    treatment: form.treatment,
    concerns: form.concerns,
    message: form.message,
    times: form.times,
    referral: form.referral,
    insurance: form.insurance,
    referrer: form.referrer,
    consent_privacy: ticked(form.consent_privacy),
    consent_contact: ticked(form.consent_contact),
    consent_sms: ticked(form.consent_sms),
  };
}

const emailSchema = z.email();

/** YYYY-MM-DD (what date inputs send) or MM/DD/YYYY (what people type without one). */
function parseDate(raw: string): string | null {
  const trimmed = raw.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  return date.toISOString().slice(0, 10);
}

/** Whole years between a date of birth and today (both YYYY-MM-DD). */
export function ageOn(dob: string, today: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function validateRequest(
  values: FormValues,
  context: {
    locations: readonly ClinicLocation[];
    treatments: readonly TreatmentDescription[];
    today: string;
    minimumAge?: number;
  },
): Validation {
  const errors: FieldProblem[] = [];
  const problem = (field: keyof FormValues, message: string) => errors.push({ field, message });

  const name = values.name.trim();
  if (name === '') problem('name', e.name);
  else if (name.length > 200) problem('name', e.nameLong);

  const method = (CONTACT_METHODS as readonly string[]).includes(values.contact_method)
    ? (values.contact_method as ContactMethod)
    : null;
  if (method === null) problem('contact_method', e.contactMethod);

  let phone: string | null = null;
  if (values.phone.trim() !== '') {
    const parsed = parsePhoneNumberFromString(values.phone, 'US');
    if (parsed?.isValid()) phone = parsed.number;
    else problem('phone', e.phoneInvalid);
  } else if (method === 'phone' || method === 'text') problem('phone', e.phoneMissing);

  let email: string | null = null;
  if (values.email.trim() !== '') {
    const trimmed = values.email.trim();
    const at = trimmed.lastIndexOf('@');
    const normalised = at > 0 ? `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}` : trimmed;
    if (emailSchema.safeParse(normalised).success) email = normalised;
    else problem('email', e.emailInvalid);
  } else if (method === 'email') problem('email', e.emailMissing);

  let dob: string | null = null;
  if (values.dob.trim() !== '') {
    dob = parseDate(values.dob);
    if (dob === null) problem('dob', e.dobInvalid);
    else if (dob > context.today) problem('dob', e.dobFuture);
    else if (ageOn(dob, context.today) > 120) problem('dob', e.dobTooOld);
    else if (context.minimumAge !== undefined && ageOn(dob, context.today) < context.minimumAge)
      problem('dob', e.dobBelowMinimum(context.minimumAge));
  }

  if (!context.locations.some((location) => location.id === values.location)) problem('location', e.location);

  const treatment = values.treatment === '' ? NOT_SURE : values.treatment;
  if (!isTreatmentChoice(context.treatments, treatment)) problem('treatment', e.treatment);

  if (values.concerns.some((concern) => !(CONCERNS as readonly string[]).includes(concern))) {
    problem('concerns', e.concerns);
  }
  if (values.message.length > 2000) problem('message', e.messageLong(values.message.length));
  for (const field of ['times', 'referral', 'insurance', 'referrer'] as const) {
    if (values[field].length > 200) problem(field, e.shortLong);
  }
  if (!values.consent_privacy) problem('consent_privacy', e.consentPrivacy);
  if (!values.consent_contact) problem('consent_contact', e.consentContact);
  if (method === 'text' && !values.consent_sms) problem('consent_sms', e.consentSms);

  if (errors.length > 0 || method === null) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    request: {
      name,
      contactMethod: method,
      phone,
      email,
      dob,
      concernsMinor: dob !== null && ageOn(dob, context.today) < 18,
      location: values.location,
      treatment,
      concerns: [...new Set(values.concerns)] as Concern[],
      message: values.message.trim(),
      times: values.times.trim(),
      referral: values.referral.trim(),
      insurance: values.insurance.trim(),
      referrer: values.referrer.trim(),
      smsConsent: values.consent_sms,
    },
  };
}
