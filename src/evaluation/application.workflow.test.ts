import { describe, expect, it } from 'vitest';
import {
  APPLICATION_EVENTS,
  APPLICATION_STATES,
  FINAL_STATES,
  TRANSITIONS,
  eventsFrom,
  graphProblems,
  nextState,
} from './application.workflow.js';
import { dossierProblems, requiredDocuments, sniffDocumentType } from './dossier.js';
import { quorum, quorumOf, unansweredCriteria } from './council-rules.js';
import { bestAnswers, referenceSets } from '../scoring/sample-sheets.js';

describe('the application workflow graph', () => {
  it('reaches every state from draft, ends only in the final states', () => {
    expect(graphProblems()).toEqual([]);
  });

  it('refuses every event from a state it does not leave', () => {
    for (const state of APPLICATION_STATES) {
      for (const event of APPLICATION_EVENTS) {
        const expected = TRANSITIONS[event].from.includes(state) ? TRANSITIONS[event].to : null;
        expect(nextState(state, event)).toBe(expected);
      }
    }
    for (const state of FINAL_STATES) expect(eventsFrom(state)).toEqual([]);
    expect(nextState('assigned', 'certify')).toBeNull();
    expect(nextState('returned', 'submit')).toBe('submitted');
  });
});

describe('the dossier', () => {
  it('asks food-safety evidence of food, drinks and herbal products only', () => {
    expect(requiredDocuments(1)).toContain('food_safety');
    expect(requiredDocuments(19)).toContain('food_safety');
    expect(requiredDocuments(21)).not.toContain('food_safety');
  });

  it('wants 5 samples of a product and none of a tourism service', () => {
    const docs = ['registration_form', 'business_plan', 'business_registration'];
    expect(dossierProblems(21, docs, 5)).toEqual([]);
    expect(dossierProblems(21, docs, 4).map((p) => p.field)).toEqual(['sampleCount']);
    expect(dossierProblems(26, docs, 0)).toEqual([]);
    expect(dossierProblems(26, docs, 5).map((p) => p.field)).toEqual(['sampleCount']);
  });

  it('recognizes uploads by content, not by name', () => {
    expect(sniffDocumentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from('<script>'))).toBeNull();
  });
});

describe('council rules', () => {
  it('needs 3/4 of the members, rounded up, with the chair', () => {
    expect(quorumOf(4)).toBe(3);
    expect(quorumOf(9)).toBe(7);
    const members = [
      { userId: 'c', chair: true, present: true },
      { userId: 'a', chair: false, present: true },
      { userId: 'b', chair: false, present: true },
      { userId: 'd', chair: false, present: false },
    ];
    expect(quorum(members).ok).toBe(true);
    expect(quorum(members, new Set(['a'])).ok).toBe(false);
    expect(quorum(members, new Set(['c']))).toMatchObject({ ok: false, chairPresent: false });
  });

  it('asks a complete sheet, counting only the taken case of scorecard 26', () => {
    const sets = referenceSets();
    const set26 = sets[25];
    const set1 = sets[0];
    if (!set26 || !set1) throw new Error('sets missing');
    expect(unansweredCriteria(set1, bestAnswers(set1))).toEqual([]);
    const sheet = bestAnswers(set26);
    expect(unansweredCriteria(set26, sheet)).toEqual([]);
    const [first] = Object.keys(sheet);
    const partial = Object.fromEntries(Object.entries(sheet).slice(1));
    expect(unansweredCriteria(set26, partial)).toEqual([first]);
  });
});
