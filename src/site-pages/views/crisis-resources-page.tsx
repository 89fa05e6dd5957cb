import type { ClinicProfile } from '../../platform/config/clinic.js';
import { PhoneLink } from '../../web/components/location-details.js';

/** Facts checked against ../shared/CLINICAL-FACTS.md (988 Lifeline, Crisis Text Line), reviewed 2026-11-25. */
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
          Call <a href="tel:988">988</a> or text <a href="sms:988">988</a>, any time of day or night.
        </li>
        <li>Veterans and service members: call 988 and press 1, or text 838255.</li>
        {/* Marked as Spanish so a screen reader speaks it in Spanish (WCAG 3.1.2, language of parts). */}
        <li lang="es">Para ayuda en español: llame al 988 y oprima 2.</li>
      </ul>
      <p>
        You will reach a trained counselor who will listen and help you stay safe. You can call for yourself
        or for someone you are worried about.
      </p>
      <h2>Crisis Text Line</h2>
      <p>
        Text <strong>HOME</strong> to <a href="sms:741741">741741</a> to reach a trained crisis counselor by
        text message.
      </p>
      <h2>Reaching our clinic</h2>
      <p>
        During opening hours you can call us at <PhoneLink phone={clinic.phone} />. We are not an emergency
        service: outside opening hours, or if you need help right away, use 988 or 911.
      </p>
      <p class="fine-print">
        Last reviewed 25 November 2026. Sources: 988 Suicide &amp; Crisis Lifeline (988lifeline.org); Crisis
        Text Line (crisistextline.org).
      </p>
    </div>
  );
}
