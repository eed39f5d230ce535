// The second thread of `validateBanks` (bank-files.ts): parses the files it is given and posts
// back each one's light form.
import { parentPort, workerData } from 'node:worker_threads';
import { lightFile, parseLazily } from './bank-files.js';

const { files, cwd } = workerData as { files: string[]; cwd: string };
parentPort!.postMessage([...(await parseLazily(files, cwd))].map(([f, p]) => [f, lightFile(p)]));
