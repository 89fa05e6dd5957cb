import { shellMessages as m } from '../messages.js';

/**
 * The crisis line every page carries, read as one sentence: "If you are in crisis, call or text 988, or call
 * 911." Texting 988 is offered with one tap on /crisis-resources, which the footer links to.
 */
export function CrisisNotice() {
  return (
    <p class="crisis-notice">
      {m.crisisLead} <a href="tel:988">{m.crisisCall988}</a>
      {m.crisisOr}
      <a href="tel:911">911</a>.
    </p>
  );
}
