import type { FastifyInstance } from 'fastify';
import { applicationPages } from './applications.page.js';
import { councilSessionPages } from './council-sessions.page.js';
import { decisionPages } from './decisions.page.js';
import { scoreSheetPages } from './score-sheet.page.js';

/** The evaluation workflow in the back office (issue 8): applications, council sessions, score sheets, decisions. */
export async function evaluationPages(app: FastifyInstance): Promise<void> {
  await app.register(applicationPages);
  councilSessionPages(app);
  scoreSheetPages(app);
  decisionPages(app);
}
