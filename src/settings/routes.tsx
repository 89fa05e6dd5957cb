import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ButtonBody, NoQuery } from '../platform/http/route-input.js';
import { renderStaffPage } from '../staff/index.js';
import type { SiteContext } from '../web/site-context.js';
import type { SystemSettings } from './service.js';
import { type SettingsOutcome, SettingsPage } from './views.js';

export interface SettingsRouteOptions {
  site: SiteContext;
  settings: SystemSettings;
  idleMinutes: number;
  notices: () => readonly string[];
  /** Makes the banners read the state again, so the page after an action shows its effect. */
  refreshNotices?: () => Promise<void>;
}

/** `/staff/settings`, for administrators (settings:manage); the service checks the permission again. */
export async function settingsRoutes(app: FastifyInstance, options: SettingsRouteOptions): Promise<void> {
  const manage = { config: { access: { permission: 'settings:manage' as const } } };
  /** The settings page's buttons carry nothing but the anti-forgery token. */
  const button = { ...manage, schema: { querystring: NoQuery, body: ButtonBody } };

  const page = async (request: FastifyRequest, reply: FastifyReply, outcome?: SettingsOutcome) => {
    const signedIn = request.staff!;
    const settings = await options.settings.overview(signedIn.actor);
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderStaffPage(
          { site: options.site, signedIn, idleMinutes: options.idleMinutes, notices: options.notices() },
          { title: 'Settings', path: '/staff/settings' },
          <SettingsPage
            settings={settings}
            csrf={signedIn.session.csrf_token}
            outcome={outcome}
            ownEmail={signedIn.user.email}
          />,
        ),
      );
  };

  app.get('/staff/settings', { ...manage, schema: { querystring: NoQuery } }, (request, reply) =>
    page(request, reply),
  );

  app.post('/staff/settings/test-email', button, async (request, reply) => {
    const to = request.staff!.user.email;
    await options.settings.sendTestEmail(request.staff!.actor, to);
    return page(request, reply, { kind: 'mail_test', to });
  });

  app.post('/staff/settings/retry-email', button, async (request, reply) => {
    const queued = await options.settings.retryFailedEmails(request.staff!.actor);
    await options.refreshNotices?.();
    return page(request, reply, { kind: 'mail_retry', queued });
  });

  app.post('/staff/settings/verify-audit', button, async (request, reply) => {
    const check = await options.settings.verifyAudit(request.staff!.actor);
    return page(request, reply, { kind: 'audit', check });
  });
}
