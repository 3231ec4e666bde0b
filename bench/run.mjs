// `npm run bench`: every benchmark, each printing its figures against a baseline measured in the same run.
import { run as alarms } from './alarms.mjs';
import { run as board } from './console.mjs';
import { run as obligations } from './obligations.mjs';
import { run as scoring } from './scoring.mjs';
import { run as supervision } from './supervision.mjs';

await scoring();
await alarms();
await obligations();
await supervision();
await board();
