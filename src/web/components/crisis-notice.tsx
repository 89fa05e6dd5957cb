import { shellMessages as m } from '../messages.js';

/**
 * The crisis line every page carries, read as one sentence: "If you are in crisis, call or text 988, or call
 * 911." Calling and texting 988 are each one tap on a phone; someone who cannot speak safely can text. The
 * links' names ("Call 988", "Text 988") contain their visible words (WCAG 2.5.3).
 */
export function CrisisNotice() {
  return (
    <p class="crisis-notice">
      {m.crisisLead}{' '}
      <a href="tel:988" aria-label="Call 988">
        {m.crisisCall}
      </a>{' '}
      or{' '}
      <a href="sms:988" aria-label="Text 988">
        {m.crisisText988}
      </a>
      {m.crisisOr}
      <a href="tel:911">911</a>.
    </p>
  );
}
