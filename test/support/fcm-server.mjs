// A local FCM-compatible HTTPS server for tests and benchmarks, on 127.0.0.1 only.
// It answers the FCM HTTP v1 `messages:send` call (and an OAuth token call) the way FCM does, error
// bodies included, so the real firebase-admin SDK can be driven through success and every failure.
// Prints {"fcmPort":…,"controlPort":…} on stdout. Control it over plain HTTP on controlPort:
//   POST /mode {"mode":"ok|quota|error|unavailable|timeout","forMs":2000}  (forMs: then back to ok)
//   GET  /messages  → every send received, with its token, data and receive time
//   POST /reset     → forget the messages, mode ok
// Tokens starting with "unregistered-" always get FCM's UNREGISTERED answer.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tls = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'fcm-tls');
let mode = 'ok';
let modeUntil = 0;
let messages = [];
let sequence = 0;
const hanging = new Set();

const errors = {
  unregistered: [404, 'NOT_FOUND', 'UNREGISTERED', 'Requested entity was not found.'],
  quota: [429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED', 'Quota exceeded for sending messages.'],
  error: [500, 'INTERNAL', 'INTERNAL', 'Internal error encountered.'],
  unavailable: [503, 'UNAVAILABLE', 'UNAVAILABLE', 'The service is currently unavailable.'],
};

function currentMode() {
  if (modeUntil && Date.now() > modeUntil) {
    mode = 'ok';
    modeUntil = 0;
  }
  return mode;
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

const fcm = createServer(
  { key: readFileSync(join(tls, 'key.pem')), cert: readFileSync(join(tls, 'cert.pem')) },
  async (req, res) => {
    const body = await readBody(req);
    if (req.url === '/token')
      return json(res, 200, {
        access_token: 'test-access-token',
        expires_in: 3600,
        token_type: 'Bearer',
      });
    const send = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '');
    if (!send || req.method !== 'POST')
      return json(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
    const message = JSON.parse(body).message ?? {};
    const at = Date.now();
    const state = message.token?.startsWith('unregistered-') ? 'unregistered' : currentMode();
    messages.push({
      at,
      token: message.token,
      data: message.data,
      android: message.android,
      state,
      authorization: req.headers.authorization,
    });
    if (state === 'timeout') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const error = errors[state];
    if (error) {
      const [code, status, errorCode, text] = error;
      return json(res, code, {
        error: {
          code,
          message: text,
          status,
          details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }],
        },
      });
    }
    sequence += 1;
    json(res, 200, { name: `projects/${send[1]}/messages/${at}-${sequence}` });
  },
);

const control = createHttpServer(async (req, res) => {
  const body = await readBody(req);
  if (req.method === 'POST' && req.url === '/mode') {
    const { mode: next, forMs } = JSON.parse(body);
    mode = next;
    modeUntil = forMs ? Date.now() + forMs : 0;
    if (mode !== 'timeout') for (const r of hanging) r.destroy();
    return json(res, 200, { mode });
  }
  if (req.method === 'GET' && req.url === '/messages') return json(res, 200, messages);
  if (req.method === 'POST' && req.url === '/reset') {
    messages = [];
    mode = 'ok';
    modeUntil = 0;
    for (const r of hanging) r.destroy();
    return json(res, 200, {});
  }
  json(res, 404, {});
});

await new Promise((resolve) => fcm.listen(0, '127.0.0.1', resolve));
await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
process.stdout.write(
  `${JSON.stringify({ fcmPort: fcm.address().port, controlPort: control.address().port })}\n`,
);
const stop = () => {
  for (const r of hanging) r.destroy();
  fcm.close();
  control.close();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
