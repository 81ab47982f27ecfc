/**
 * What the local host says at start-up about councils it serves but that could not be deployed:
 * placeholders and clashes (synthesis refuses those) and bank-holiday data that runs out (bin pages
 * would show collections on holidays as usual). Locally they are served anyway, so a half-onboarded
 * council can be tried; the warnings say why it is not ready.
 */
import { checkBankHolidays } from './bank-holiday-check.ts';
import type { CouncilConfig } from './council-schema.ts';
import { deployProblems, type CouncilProblem } from './cross-council-checks.ts';

/**
 * One line per warning, for stderr.
 *
 * @example
 * readinessWarnings(councils, new Date()) // ['Warning: wrexham is not ready to deploy (ldf council check wrexham): gss: W00000000 is a placeholder…']
 */
export function readinessWarnings(councils: readonly CouncilConfig[], now: Date): string[] {
  const holidays = checkBankHolidays(councils, now);
  const notReady = [...deployProblems(councils), ...holidays.problems];
  const ids = [...new Set(notReady.map((p) => p.council))];
  return [
    ...ids.flatMap((id) => [
      `Warning: ${id} is served here but is not ready to deploy (see ldf council check ${id}):`,
      ...notReady.filter((p) => p.council === id).map((p) => `  ${p.path}: ${p.message}`),
    ]),
    ...holidays.notes.map((p: CouncilProblem) => `Note: ${p.council}: ${p.path}: ${p.message}`),
  ];
}
