import { main } from './main.js';

// The only place that ends the process.
const code = await main(process.argv.slice(2), { io: process, env: process.env, cwd: process.cwd() });
process.exitCode = code;
