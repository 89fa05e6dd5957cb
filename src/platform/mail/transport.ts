import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../config/mail-settings.js';

/** One message as the worker hands it to a transport, already opened. */
export interface OutgoingMail {
  /** The stored RFC 5322 Message-ID, `<id@host>`; a resend carries the same one. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  /** Resolves only once the server has accepted the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export interface SmtpTransportDeps {
  smtp: SmtpSettings;
  /** The From header (HAVEN_MAIL_FROM). */
  from: string;
  /** For each of connecting, the greeting and an idle socket; the worker's lease must outlast all three. */
  timeoutMs?: number;
}

/**
 * Sends with nodemailer over SMTP, one connection per message (the outbox sends a handful an hour, and a
 * fresh connection never inherits a half-broken one). TLS follows the settings: implicit for smtps://,
 * STARTTLS required for smtp:// to another machine, none only for a relay on this machine.
 */
export function createSmtpTransport(deps: SmtpTransportDeps): MailTransport {
  const { smtp, from } = deps;
  const timeout = deps.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    auth: smtp.user !== null && smtp.password !== null ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Nothing in a message may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** A transport that keeps what it is given: for tests of features that send mail. */
export interface MemoryTransport extends MailTransport {
  readonly sent: OutgoingMail[];
}

export function createMemoryTransport(): MemoryTransport {
  const sent: OutgoingMail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push({ ...mail });
    },
    close() {},
  };
}
