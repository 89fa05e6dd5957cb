/** The append-only, hash-chained audit log (decision 012). */
export {
  type AppendedAuditEvent,
  AuditEvent,
  type AuditLog,
  type AuditLogDeps,
  createAuditLog,
} from './audit-log.js';
export { type AuditHead, auditHeadAnchorJob, readAuditHead } from './head-anchor.js';
export {
  type AuditEntry,
  type AuditEventFilter,
  type AuditPage,
  listAuditEvents,
} from './list-events.js';
export { type AuditChainResult, type ChainBreak, verifyAuditChain } from './verify.js';
