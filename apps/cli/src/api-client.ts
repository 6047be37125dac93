import { type Role, mintToken } from '@rm/auth';
import { loadConfig } from '@rm/config';
import { appSigningSecret } from './signing-secret.js';

/** How a command reaches the running app: its URL and a bearer token. */
export interface ConnectionOptions {
  url: string;
  token?: string;
}

/** A refusal from the app, with its problem+json answer. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; code?: string; errors?: { line?: number; field?: string; message?: string }[] },
  ) {
    super(`${status} ${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}`.trim());
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Talks to a running app over HTTP. The embedded database has one owner (the app), so the CLI
 * never opens it beside a running app: it goes through the same API, roles and validation.
 */
export class ApiClient {
  private token: Promise<string> | undefined;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly role: Role,
  ) {}

  async get(path: string, query: Record<string, string | undefined> = {}, accept = 'application/json'): Promise<Answer> {
    return this.send('GET', path + queryString(query), { accept });
  }

  async post(path: string, query: Record<string, string | undefined>, body: ReadableStream<Uint8Array> | string, contentType: string): Promise<Answer> {
    return this.send('POST', path + queryString(query), { 'content-type': contentType, accept: 'application/json' }, body);
  }

  async json<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return JSON.parse((await this.get(path, query)).text) as T;
  }

  private async send(method: string, path: string, headers: Record<string, string>, body?: ReadableStream<Uint8Array> | string): Promise<Answer> {
    const url = new URL(path, this.options.url);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { ...headers, authorization: `Bearer ${await this.bearer()}` },
        body,
        ...(body && typeof body !== 'string' ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new Error(`cannot reach the app at ${this.options.url} (${cause}); start it (npm start) or pass --url`, { cause: err });
    }
    const text = await response.text();
    if (response.status >= 400) throw new ApiProblem(response.status, parseProblem(text));
    return { status: response.status, headers: response.headers, text };
  }

  private bearer(): Promise<string> {
    this.token ??= this.options.token ? Promise.resolve(this.options.token) : mintForRole(this.role);
    return this.token;
  }
}

async function mintForRole(role: Role): Promise<string> {
  const { secret, from } = await appSigningSecret(loadConfig());
  console.error(`signing a token (role ${role}) with ${from} (pass --token or set RM_TOKEN to use your own)`);
  return mintToken(secret, { sub: `cli-${role}`, name: `Recovery Monitor CLI (${role})`, roles: [role] }, '1h');
}

function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseProblem(text: string): ApiProblem['problem'] {
  try {
    const body = JSON.parse(text);
    return typeof body === 'object' && body !== null ? body : { detail: text };
  } catch {
    return { detail: text.slice(0, 500) };
  }
}

/** The time-travel options every read command takes, as the API's query. */
export interface MomentOptions {
  asOf?: string;
  knownAt?: string;
  position?: string;
}

export const momentQuery = (o: MomentOptions) => ({ asOf: o.asOf, knownAt: o.knownAt, position: o.position });
