import type { ClinicProfile } from '../../platform/config/clinic.js';
import { PhoneLink } from '../../web/components/location-details.js';

export function AccessibilityPage({ clinic }: { clinic: ClinicProfile }) {
  return (
    <div class="prose">
      <h1>Accessibility statement</h1>
      <p class="lead">
        Everyone should be able to learn about treatment and ask for help, whatever device or assistive
        technology they use.
      </p>
      <h2>Our goal</h2>
      <p>
        This website aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page
        works with a keyboard alone, with a screen reader, when zoomed to 200%, and without JavaScript. We
        check each page with automated tools on every change, and we test with the keyboard and a screen
        reader.
      </p>
      <h2>If something does not work for you</h2>
      <p>
        Please tell us, and we will help you another way and fix the problem. Call{' '}
        <PhoneLink phone={clinic.phone} /> or write to <a href={`mailto:${clinic.email}`}>{clinic.email}</a>.
      </p>
      <p class="fine-print">Last reviewed 25 November 2026.</p>
    </div>
  );
}
