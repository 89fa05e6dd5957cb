import { shellMessages as m } from '../messages.js';

/** The crisis line every page carries: 988 by call or text, and 911. */
export function CrisisNotice() {
  return (
    <p class="crisis-notice">
      {m.crisisLead} <a href="tel:988">{m.crisisCall988}</a> (<a href="sms:988">text 988</a>){m.crisisOr}
      <a href="tel:911">911</a>.
    </p>
  );
}
