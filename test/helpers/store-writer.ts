// A separate process that writes to a store, for the reliability tests:
//   write DIR N LABEL W one session, N attempts (each its own transaction), then finish; prints "done".
//                       Starts writing only when W writers have opened the store (a barrier), so they overlap.
//   hang DIR N          one session, N attempts saved with progress and a draft; prints "ready ID", then waits to be killed
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/storage/store.js';
import { makeAttempt } from './store-fixture.js';

const [mode, dir, n, label = 'p', writers = '1'] = process.argv.slice(2);
const count = Number(n);
const store = openStore(dir!);
writeFileSync(join(dir!, `ready-${label}`), '');
while (readdirSync(dir!).filter((f) => f.startsWith('ready-')).length < Number(writers)) await new Promise((r) => setTimeout(r, 5));
const started = new Date();
const sid = store.startSession({ kind: 'drill', options: { label }, plan: Array.from({ length: count + 1 }, (_, i) => `${label}-${i}`), startedAt: started });
for (let i = 0; i < count; i++) {
  const t = new Date(started.getTime() + i * 1000);
  store.recordAttempt(makeAttempt(sid, { questionId: `${label}-${i}`, answer: `${label} answer ${i}`, startedAt: t, answeredAt: t }), { progress: { position: i + 1, draft: null } });
  // A millisecond between answers, as between real ones: on a busy machine a tight loop can finish
  // before the other writer is scheduled at all, and the writes would not overlap.
  if (mode === 'write') await new Promise((r) => setTimeout(r, 1));
}
if (mode === 'write') {
  store.finishSession(sid, 'finished', new Date());
  store.close();
  process.stdout.write('done\n');
} else {
  store.saveProgress(sid, { position: count, draft: { questionId: `${label}-${count}`, text: 'half an answ', remainingMs: 12_345 } });
  process.stdout.write(`ready ${sid}\n`);
  setInterval(() => undefined, 1000);
}
