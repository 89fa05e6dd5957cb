import type { ClinicProfile } from '../../platform/config/clinic.js';

export function PrivacyPage({ clinic }: { clinic: ClinicProfile }) {
  return (
    <div class="prose">
      <h1>Privacy notice</h1>
      <p class="lead">
        What you tell {clinic.name} about your health stays between you and the people caring for you. This
        page explains what this website collects and how it is protected.
      </p>
      <h2>What this website collects</h2>
      <ul>
        <li>
          <strong>When you only read pages:</strong> the address of the page and your internet address, kept
          briefly in server logs to keep the site running and safe. What you type into the search box is never
          written to a log.
        </li>
        <li>
          <strong>Health information:</strong> none. This website does not yet take appointment requests or
          questionnaires online; to request an appointment, please call us.
        </li>
      </ul>
      <h2>What this website never does</h2>
      <ul>
        <li>It has no advertising, analytics, tracking pixels or social media plugins.</li>
        <li>It loads nothing from other companies' servers: every file comes from this site.</li>
        <li>It does not sell or share what you tell us for marketing.</li>
      </ul>
      <h2>How this website is protected</h2>
      <ul>
        <li>Every page is sent over an encrypted connection when the clinic publishes it over https.</li>
        <li>A strict security policy in every page stops it from loading or sending anything elsewhere.</li>
      </ul>
      <h2>Your rights</h2>
      <p>
        You can ask to see, correct or delete what you sent us. Call us or write to{' '}
        <a href={`mailto:${clinic.email}`}>{clinic.email}</a> (please leave health details out of email). Our
        full notice of privacy practices under HIPAA is given to you at your first visit.
      </p>
      <p class="fine-print">Last updated 25 November 2026.</p>
    </div>
  );
}
