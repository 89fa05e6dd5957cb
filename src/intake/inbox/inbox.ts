import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../../platform/audit/index.js';
import type { Cipher } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/database/schema.js';
import { type Actor, type RequestWork, requirePermission } from '../../staff/index.js';
import {
  type InboxFilter,
  type RequestEventRow,
  type RequestRow,
  requestsRepository as repo,
} from '../repository.js';
import { noteContext, requestContext, type SealedRequest } from '../service.js';
import { requestsCsv } from './export.js';
import { CALL_OUTCOMES, type CallOutcome, CLOSED_STATUSES, type RequestStatus } from './statuses.js';

/**
 * The staff side of appointment requests. Every read of what a person wrote and every change is checked
 * against the permission table here and written to the audit log, a change in the same transaction.
 */

export interface InboxRow {
  id: string;
  createdAt: string;
  status: string;
  location: string;
  treatment: string;
  contactMethod: string;
  minor: boolean;
  /** An urgent safety review is open (decision 017). */
  urgent: boolean;
  /** When the open urgent review was raised, for "waiting 2 h 15 min"; null when none is open. */
  urgentSince: string | null;
  assigneeId: string | null;
  name: string;
  phone: string | null;
}

export interface TimelineEntry {
  at: string;
  actorId: string | null;
  kind: string;
  statusFrom: string | null;
  statusTo: string | null;
  note: string | null;
}

export interface RequestDetail {
  row: RequestRow;
  person: SealedRequest;
  timeline: TimelineEntry[];
}

/** How many recent requests a name or phone search reads (decrypting each) before giving up. */
export const SEARCH_WINDOW = 2000;
const PAGE_SIZE = 50;

export function createInbox(deps: {
  db: Kysely<Database>;
  cipher: Cipher;
  audit: AuditLog;
  now: () => Date;
  /** The clinic's IANA zone, for times in the export. */
  timeZone: string;
}) {
  const { db, cipher, audit, now } = deps;
  const open = (row: RequestRow): SealedRequest =>
    JSON.parse(cipher.open(row.sealed, requestContext(row.id))) as SealedRequest;
  const toInboxRow = (row: RequestRow): InboxRow => {
    const person = open(row);
    return {
      id: row.id,
      createdAt: row.created_at,
      status: row.status,
      location: row.location,
      treatment: row.treatment,
      contactMethod: row.contact_method,
      minor: Number(row.concerns_minor) === 1,
      urgent: row.safety_flagged_at !== null && row.safety_closed_at === null,
      urgentSince: row.safety_closed_at === null ? row.safety_flagged_at : null,
      assigneeId: row.assignee_id,
      name: person.name,
      phone: person.phone,
    };
  };
  const who = (actor: Actor) => ({
    actorKind: 'staff' as const,
    actorId: actor.userId,
    ip: actor.ip,
    requestId: actor.requestId,
  });
  const timelineOf = (events: RequestEventRow[]): TimelineEntry[] =>
    events.map((event) => ({
      at: event.at,
      actorId: event.actor_id,
      kind: event.kind,
      statusFrom: event.status_from,
      statusTo: event.status_to,
      note: event.sealed_note === null ? null : cipher.open(event.sealed_note, noteContext(event.id)),
    }));

  /** Runs a change in one transaction with its timeline entry and audit entry; false if there is no such request. */
  async function change(
    actor: Actor,
    id: string,
    action: string,
    apply: (
      row: RequestRow,
      at: string,
    ) => {
      changes?: Partial<RequestRow>;
      event: Omit<RequestEventRow, 'id' | 'request_id' | 'at' | 'actor_id'> & { note?: string };
    },
  ): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await repo.byId(trx, id);
      if (!row) return false;
      const at = now().toISOString();
      const { changes, event } = apply(row, at);
      if (changes) await repo.update(trx, id, { ...changes, updated_at: at });
      const eventId = uuidv7();
      await repo.insertEvent(trx, {
        id: eventId,
        request_id: id,
        at,
        actor_id: actor.userId,
        kind: event.kind,
        status_from: event.status_from,
        status_to: event.status_to,
        sealed_note: event.note === undefined ? null : cipher.seal(event.note, noteContext(eventId)),
      });
      await audit.append(trx, {
        ...who(actor),
        action,
        outcome: 'success',
        targetType: 'appointment_request',
        targetId: id,
        details: event.status_to ? { status: event.status_to } : {},
      });
      return true;
    });
  }

  const statusChange = (row: RequestRow, status: RequestStatus, at: string) => ({
    status,
    closed_at: CLOSED_STATUSES.includes(status) ? (row.closed_at ?? at) : null,
  });

  return {
    async counts(actor: Actor): Promise<Map<string, number>> {
      requirePermission(actor, 'requests:list');
      return repo.countsByStatus(db);
    },

    /**
     * What needs doing now, for the staff home: open urgent reviews (how many, the longest wait) and new
     * requests. Counts only, no one's details, so anyone who may list requests may see them (decision 017).
     */
    async summary(actor: Actor): Promise<RequestWork> {
      requirePermission(actor, 'requests:list');
      const [urgent, counts] = await Promise.all([repo.openSafetyReviews(db), repo.countsByStatus(db)]);
      return {
        urgentOpen: urgent.count,
        urgentOldest: urgent.oldest ? { since: urgent.oldest.since, requestId: urgent.oldest.id } : null,
        newRequests: counts.get('new') ?? 0,
      };
    },

    /**
     * A page of the inbox. A name or phone search reads the newest SEARCH_WINDOW requests that match the
     * filters (decision 016); `searchWindowCut` says older ones were left unsearched, so staff can be told.
     */
    async list(
      actor: Actor,
      filter: InboxFilter,
      search: string,
      page: number,
    ): Promise<{ rows: InboxRow[]; total: number; searchWindowCut: boolean }> {
      requirePermission(actor, 'requests:list');
      requirePermission(actor, 'requests:read_contact');
      let result: { rows: InboxRow[]; total: number; searchWindowCut: boolean };
      const needle = search.trim().toLowerCase();
      if (needle === '') {
        const [rows, total] = await Promise.all([
          repo.list(db, filter, PAGE_SIZE, page * PAGE_SIZE),
          repo.count(db, filter),
        ]);
        result = { rows: rows.map(toInboxRow), total, searchWindowCut: false };
      } else {
        const digits = needle.replace(/\D/g, '');
        // One more than the window, only to learn whether anything older was left out.
        const newest = await repo.list(db, filter, SEARCH_WINDOW + 1, 0);
        const matches = newest
          .slice(0, SEARCH_WINDOW)
          .map(toInboxRow)
          .filter(
            (row) =>
              row.name.toLowerCase().includes(needle) ||
              (digits.length >= 3 && (row.phone ?? '').includes(digits)),
          );
        result = {
          rows: matches.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE),
          total: matches.length,
          searchWindowCut: newest.length > SEARCH_WINDOW,
        };
      }
      // The words searched for are not recorded: they are someone's name or number.
      await audit.record({
        ...who(actor),
        action: 'request.list',
        outcome: 'success',
        details: { shown: result.rows.length, searched: needle !== '' },
      });
      return result;
    },

    async view(actor: Actor, id: string): Promise<RequestDetail | null> {
      requirePermission(actor, 'requests:read_contact');
      const row = await repo.byId(db, id);
      if (!row) return null;
      const detail = { row, person: open(row), timeline: timelineOf(await repo.events(db, id)) };
      await audit.record({
        ...who(actor),
        action: 'request.view',
        outcome: 'success',
        targetType: 'appointment_request',
        targetId: id,
      });
      return detail;
    },

    /** Every request, decrypted, for the CSV export; audited with how many left the system. */
    async exportAll(actor: Actor): Promise<string> {
      requirePermission(actor, 'data:export');
      const rows = await repo.list(db, {}, Number.MAX_SAFE_INTEGER, 0);
      const csv = requestsCsv(
        rows.map((row) => ({ row, person: open(row) })),
        deps.timeZone,
      );
      await audit.record({
        ...who(actor),
        action: 'request.export',
        outcome: 'success',
        details: { requests: rows.length },
      });
      return csv;
    },

    setStatus(actor: Actor, id: string, status: RequestStatus): Promise<boolean> {
      requirePermission(actor, 'requests:change_status');
      return change(actor, id, 'request.status', (row, at) => ({
        changes: statusChange(row, status, at),
        event: { kind: 'status', status_from: row.status, status_to: status, sealed_note: null },
      }));
    },

    recordCall(actor: Actor, id: string, outcome: CallOutcome): Promise<boolean> {
      requirePermission(actor, 'requests:change_status');
      const next = CALL_OUTCOMES[outcome].status;
      return change(actor, id, 'request.call', (row, at) => ({
        changes: next && next !== row.status ? statusChange(row, next, at) : undefined,
        event: {
          kind: `call.${outcome}`,
          status_from: row.status,
          status_to: next && next !== row.status ? next : null,
          sealed_note: null,
        },
      }));
    },

    addNote(actor: Actor, id: string, note: string): Promise<boolean> {
      requirePermission(actor, 'requests:add_note');
      return change(actor, id, 'request.note', () => ({
        event: { kind: 'note', status_from: null, status_to: null, sealed_note: null, note },
      }));
    },

    assign(actor: Actor, id: string, assigneeId: string | null): Promise<boolean> {
      requirePermission(actor, 'requests:change_status');
      return change(actor, id, 'request.assign', () => ({
        changes: { assignee_id: assigneeId },
        event: {
          kind: assigneeId ? 'assigned' : 'unassigned',
          status_from: null,
          status_to: null,
          sealed_note: null,
        },
      }));
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
