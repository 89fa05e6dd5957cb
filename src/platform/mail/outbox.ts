import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Cipher } from '../crypto/index.js';
import type { Database } from '../database/schema.js';

/**
 * The mail outbox (decision 014). A message is written inside the transaction of the change that causes it,
 * so it commits or rolls back with that change; the mail worker delivers it afterwards. The recipient,
 * subject and text are sealed together (decision 011), because a patient's email address is personal
 * information. Only the kind, the Message-ID and delivery state are plain.
 */

/** What a feature asks to send. `to` is one address, or several separated by commas. */
export const OutboxMail = z.object({
  /** A snake_case code for logs and counts: `staff_new_request`, `request_acknowledgement`. */
  kind: z
    .string()
    .max(50)
    .regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case code'),
  to: z
    .string()
    .min(3)
    .max(1000)
    .refine(
      (to) => to.split(',').every((address) => z.email().safeParse(address.trim()).success),
      'must be one email address, or several separated by commas',
    ),
  subject: z
    .string()
    .min(1)
    .max(200)
    .refine((subject) => !/[\r\n]/.test(subject), 'must be one line'),
  text: z.string().min(1).max(100_000),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

/** The sealed part of an outbox row, as the worker opens it. */
export const OutboxPayload = OutboxMail.pick({ to: true, subject: true, text: true });
export type OutboxPayload = z.infer<typeof OutboxPayload>;

/** The additional authenticated data of a payload; ENCRYPTED_COLUMNS names the same context. */
export const payloadContext = (id: string): string => `outbox_messages.payload:${id}`;

/** Where a message stands, without anything that names a person or says what it says. */
export interface OutboxMessageState {
  id: string;
  kind: string;
  messageId: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
}

export interface Outbox {
  /**
   * Queues a message inside the caller's transaction and returns its id. Refuses anything that is not a
   * transaction, so a message can never be sent for a change that was rolled back.
   */
  enqueue(trx: Transaction<Database>, mail: OutboxMail): Promise<string>;
  /** A message's delivery state, for a request page ("acknowledgement sent") and for tests. */
  state(id: string): Promise<OutboxMessageState | undefined>;
}

export interface OutboxDeps {
  db: Kysely<Database>;
  cipher: Cipher;
  now: () => Date;
  /** HAVEN_PUBLIC_URL: its host names the domain part of every Message-ID. */
  publicUrl: URL;
}

function describeProblem(error: z.ZodError): string {
  // Names the field and the rule, never the value (it may be someone's address).
  return error.issues.map((issue) => `${issue.path.join('.') || 'mail'} ${issue.message}`).join('; ');
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { db, cipher, now, publicUrl } = deps;
  const domain = publicUrl.hostname;

  return {
    async enqueue(trx, input) {
      if (!trx.isTransaction) {
        throw new Error(
          'outbox.enqueue() must run inside the transaction that makes the change, so the message commits with it.',
        );
      }
      const parsed = OutboxMail.safeParse(input);
      if (!parsed.success) throw new Error(`Outbox message refused: ${describeProblem(parsed.error)}.`);
      const { kind, ...payload } = parsed.data;
      const id = uuidv7();
      const at = now().toISOString();
      await trx
        .insertInto('outbox_messages')
        .values({
          id,
          kind,
          payload: cipher.seal(JSON.stringify(payload), payloadContext(id)),
          message_id: `<${id}@${domain}>`,
          status: 'pending',
          attempts: 0,
          next_attempt_at: at,
          locked_until: null,
          last_attempt_at: null,
          last_error: null,
          created_at: at,
          sent_at: null,
        })
        .execute();
      return id;
    },

    async state(id) {
      const row = await db
        .selectFrom('outbox_messages')
        .select(['id', 'kind', 'message_id', 'status', 'attempts', 'sent_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        kind: row.kind,
        messageId: row.message_id,
        status: row.status,
        attempts: Number(row.attempts),
        sentAt: row.sent_at,
      };
    },
  };
}
