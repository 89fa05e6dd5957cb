import { HtmlValidate } from 'html-validate';

/**
 * HTML validity, checked by html-validate against the HTML standard's content models and the document
 * rules (decision 006). Returns one readable line per problem; an empty list means valid.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:document'],
  rules: {
    // Preact renders boolean and void elements in the standard's own forms; style choices are not validity.
    'void-style': 'off',
    'no-trailing-whitespace': 'off',
  },
});

export async function htmlValidityErrors(html: string, label = 'page'): Promise<string[]> {
  const report = await validator.validateString(html, label);
  return report.results.flatMap((result) =>
    result.messages.map(
      (message) => `${label}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`,
    ),
  );
}
