import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Attempt, SessionKind } from '../../src/core/model.js';
import { openStore } from '../../src/storage/store.js';
import { ASKS, QUESTIONS, history } from './report-fixture.js';

/** Writes the report fixture's questions and asks as bank files in `dir` (for `--bank dir`). */
export function writeFixtureBank(dir: string): string {
  const questions = QUESTIONS.map((q) => ({
    id: q.id,
    category: q.category,
    prompt: q.prompt,
    topics: q.topics,
    difficulty: q.difficulty,
    time_limit: q.timeLimit,
    key_points: q.keyPoints.map((k) => k.point),
    model_answer: q.modelAnswer,
  }));
  writeFileSync(join(dir, 'bank.yaml'), stringify({ questions }));
  writeFileSync(join(dir, 'asks.yaml'), stringify({ ask_the_interviewer: ASKS }));
  return dir;
}

export interface FixtureSession {
  kind: SessionKind;
  attempts: Attempt[];
}

/**
 * A real SQLite store in `dataDir` holding these sessions, each attempt recorded (and its card
 * scheduled) as the session engine would. Returns the session ids in order.
 */
export function fillStore(dataDir: string, sessions: FixtureSession[]): number[] {
  const store = openStore(dataDir);
  try {
    return sessions.map((s) => {
      const first = s.attempts[0]!;
      const id = store.startSession({ kind: s.kind, options: {}, plan: s.attempts.map((a) => a.questionId), startedAt: first.startedAt });
      for (const a of s.attempts) {
        const { id: _id, ...rest } = a;
        store.recordAttempt({ ...rest, sessionId: id });
      }
      store.finishSession(id, 'finished', s.attempts[s.attempts.length - 1]!.answeredAt);
      return id;
    });
  } finally {
    store.close();
  }
}

/** The fixture month as two sessions: a drill (the first seven answers) and a mock (the last three). */
export function fixtureSessions(): FixtureSession[] {
  const h = history();
  return [
    { kind: 'drill', attempts: h.slice(0, 7) },
    { kind: 'mock', attempts: h.slice(7) },
  ];
}
