import { shellMessages as m } from '../messages.js';

/**
 * What every page says about itself: its health information is general, not advice for one person, and
 * anyone uninsured or paying themselves may ask for a Good Faith Estimate (No Surprises Act, 45 CFR
 * 149.610). Shown in the footer, so it is on every page, including error pages.
 */
export function SiteNotice() {
  return (
    <div class="site-notice">
      <p class="fine-print">{m.notMedicalAdvice}</p>
      <p class="fine-print">
        {m.goodFaithEstimate} <a href={m.goodFaithEstimateHref}>{m.goodFaithEstimateLink}</a>
      </p>
    </div>
  );
}
