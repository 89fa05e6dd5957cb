import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The screening cookie holds the link's token and, once this browser is the link's own, the secret of the
 * binding (`token.device`; base64url has no dot). The support cookie says "show the crisis panel first"
 * on the next page, so that no address depends on an answer (decision 017).
 */
export const SCREENING_COOKIE = 'haven_screening';
export const SUPPORT_COOKIE = 'haven_screening_support';

export const screeningCookieValue = (token: string, device?: string) =>
  device === undefined ? token : `${token}.${device}`;

export function readScreeningCookie(request: FastifyRequest): { token: string; device?: string } | null {
  const raw = request.cookies[SCREENING_COOKIE];
  if (!raw) return null;
  const [token, device] = raw.split('.', 2);
  return token ? { token, device } : null;
}

export function setScreeningCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SCREENING_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: Math.max(60, maxAgeSeconds),
  });
}

export function setSupportCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.setCookie(SUPPORT_COOKIE, '1', {
    path: '/screening',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: 30 * 60,
  });
}
