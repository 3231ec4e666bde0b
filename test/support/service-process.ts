import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServiceProcess {
  url: string;
  /** Milliseconds from spawn to the service listening. */
  startupMs: number;
  /** Every line the service wrote to stdout so far. */
  logs: string[];
  stop(): Promise<number | null>;
}

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/** The built service (`npm start`'s entry point) in a child process, on a free port. */
export async function startServiceProcess(env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const logs: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      const match = /Listening on (http:\/\/\S+?)"/.exec(line);
      if (match) resolve(match[1].replace('[::1]', '127.0.0.1'));
    });
    child.once('exit', (code) =>
      reject(new Error(`service exited with ${code}: ${stderr.join('')}`)),
    );
  });
  return { url, startupMs: Date.now() - started, logs, stop: () => stopProcess(child) };
}

/** Runs the service expecting it to refuse to start; resolves with its exit code and stderr. */
export async function failedStart(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

async function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}
