import type { ClinicProfile } from '../../platform/config/clinic.js';
import { PhoneLink } from '../../web/components/location-details.js';

/**
 * Every service here was checked on 2026-12-04 against its own pages (listed at the foot of the page) and
 * ../shared/CLINICAL-FACTS.md. The retired 1-800 number of the old Lifeline is deliberately not shown.
 * Spanish text is marked lang="es" so a screen reader speaks it in Spanish (WCAG 3.1.2).
 */
export const CRISIS_RESOURCES_CHECKED = '2026-12-04';

export function CrisisResourcesPage({ clinic }: { clinic: ClinicProfile }) {
  return (
    <div class="prose">
      <h1>Crisis resources</h1>
      <p class="lead">
        If you are thinking about ending your life or are afraid you might hurt yourself, you do not have to
        wait for an appointment. Help is available right now, at any hour, free of charge.
      </p>
      <div class="callout">
        <p>
          <strong>
            In an emergency, call <a href="tel:911">911</a> or go to the nearest emergency room.
          </strong>
        </p>
      </div>
      <h2>988 Suicide &amp; Crisis Lifeline</h2>
      <ul>
        <li>
          Call <a href="tel:988">988</a>, any time of day or night.
        </li>
        <li>
          Text <a href="sms:988">988</a>.
        </li>
        <li>
          Chat online at <a href="https://988lifeline.org/chat">988lifeline.org/chat</a>.
        </li>
        <li>
          Deaf or hard of hearing: call 988 by videophone to talk with a counselor in American Sign Language
          (ASL). See <a href="https://988lifeline.org/">988lifeline.org</a>.
        </li>
      </ul>
      <p>
        You will reach a trained counselor who will listen and help you stay safe. You can call for yourself
        or for someone you are worried about.
      </p>
      <h2>En español</h2>
      <ul lang="es">
        <li>
          Llame al <a href="tel:988">988</a> y oprima 2.
        </li>
        <li>
          Envíe AYUDA por texto al <a href="sms:988?body=AYUDA">988</a>.
        </li>
        <li>
          Crisis Text Line: envíe AYUDA por texto al <a href="sms:741741?body=AYUDA">741741</a>.
        </li>
      </ul>
      <h2>Veterans Crisis Line</h2>
      <p>
        Veterans, service members and their families: call <a href="tel:988">988</a> and press 1, or text{' '}
        <a href="sms:838255">838255</a>.
      </p>
      <h2>Crisis Text Line</h2>
      <p>
        Text <strong>HOME</strong> to <a href="sms:741741?body=HOME">741741</a> to reach a trained crisis
        counselor by text message.
      </p>
      <h2>Reaching our clinic</h2>
      <p>
        During opening hours you can call us at <PhoneLink phone={clinic.phone} />. We are not an emergency
        service: outside opening hours, or if you need help right away, use 988 or 911.
      </p>
      <p class="fine-print">
        Checked {CRISIS_RESOURCES_CHECKED}. Sources: 988 Suicide &amp; Crisis Lifeline (
        <a href="https://988lifeline.org/">988lifeline.org</a>), Veterans Crisis Line (
        <a href="https://www.veteranscrisisline.net/">veteranscrisisline.net</a>), Crisis Text Line (
        <a href="https://www.crisistextline.org/">crisistextline.org</a>).
      </p>
    </div>
  );
}
