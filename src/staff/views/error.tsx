import { renderStaffPage, type StaffPage } from './layout.js';

/**
 * An error met inside the staff area by someone signed in (a 403 above all): a staff page with the staff
 * navigation, so the way back to work is where it always is, not the public site's error page.
 */
export function renderStaffErrorPage(
  page: StaffPage,
  path: string,
  status: number,
  text: { title: string; explanation: string },
): string {
  return renderStaffPage(
    page,
    { title: text.title, path },
    <section class="narrow">
      <h1>{text.title}</h1>
      <p class="lead">{text.explanation}</p>
      <h2>Other ways to get help</h2>
      <ul>
        <li>
          <a href="/staff">Go to the staff home</a>
        </li>
        {status === 403 ? <li>If your work needs this page, ask an administrator for access.</li> : null}
      </ul>
    </section>,
  );
}
