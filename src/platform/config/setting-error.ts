/**
 * A setting's problem: what was wrong and an example of a good value. loadConfig() turns it into the one
 * sentence an operator sees: `PORT must be a whole number …; for example PORT=3000.`
 */
export class SettingError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
    readonly example: string,
    hint = `for example ${variable}=${example}`,
  ) {
    super(`${variable} ${problem}; ${hint}.`);
  }
}
