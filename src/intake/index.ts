import type { ClinicProfile } from '../platform/config/clinic.js';
import { intakeMessages as m } from './messages.js';

/** Appointment requests: the public form and, for staff, the inbox (decision 016). */
export { createInbox, type Inbox } from './inbox/inbox.js';
export { type InboxRouteOptions, inboxRoutes } from './inbox/routes.js';
export { type NextContact, nextContact } from './next-contact.js';
export { applyRetention, type RetentionResult, requestRetentionJob } from './retention.js';
export {
  createRequestReviewPort,
  type RequestReviewPort,
  type ReviewState,
  type TimelineEntry,
  type TimelineKinds,
} from './review-port.js';
export { type IntakeRouteOptions, intakeRoutes } from './routes.js';
export {
  createIntake,
  type Intake,
  type IntakeDeps,
  type MailQueue,
  noteContext,
  purgeClosedRequests,
} from './service.js';

/** The form page as the site search sees it. */
export function intakeSearchDocuments(clinic: ClinicProfile) {
  return [
    {
      id: '/request-appointment',
      type: 'page' as const,
      title: m.title,
      summary: m.summary(clinic.treatments.map((treatment) => treatment.shortName)),
      headings: '',
      tags: '',
      attributes: '',
      body: [
        m.lead,
        `Call us at ${clinic.phone.display}.`,
        'Book an appointment, schedule a consultation, contact us, get started, new patient.',
        m.contactMethod,
        m.location,
        m.treatment,
        m.concerns,
        Object.values(m.concernLabels).join(', '),
      ].join(' '),
    },
  ];
}
export { intakeMigrations } from './migrations/index.js';
export { INTAKE_ENCRYPTED_COLUMNS, type IntakeTables } from './tables.js';
