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
          <strong>When you request an appointment:</strong> what you enter in the form (your name, how to
          reach you, your date of birth if you give it, what you would like help with and your message). It is
          used only to contact you about your request and to prepare your first consultation. It is stored
          encrypted, only clinic staff whose work needs it can read it, and every time someone reads or
          changes it is recorded.
        </li>
        <li>
          <strong>Emails we send you</strong> (if you gave an address) say only that we received your request,
          never anything about your health. Notes to our staff say only that a request arrived.
        </li>
        <li>
          <strong>How long we keep it:</strong> a request that did not lead to care is deleted after the
          period the clinic sets (usually one year). If you become a patient, it becomes part of your medical
          record.
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
