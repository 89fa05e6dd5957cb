/** The mail outbox and its delivery worker (decision 014). */
export { FIRST_RETRY_MS, LONGEST_RETRY_MS, retryDelayMs } from './backoff.js';
export {
  createMailWorker,
  type DrainResult,
  errorClass,
  MAIL_DELIVERY_JOB,
  type MailHealth,
  type MailWorker,
  type MailWorkerDeps,
} from './mail-worker.js';
export { type MailStatus, mailStatus, retryFailedMail } from './maintenance.js';
export {
  createOutbox,
  type Outbox,
  type OutboxDeps,
  OutboxMail,
  type OutboxMessageState,
  OutboxPayload,
  payloadContext,
} from './outbox.js';
export { purgeSentMessages } from './purge.js';
export {
  createMemoryTransport,
  createSmtpTransport,
  type MailTransport,
  type MemoryTransport,
  type OutgoingMail,
  type SmtpTransportDeps,
} from './transport.js';
