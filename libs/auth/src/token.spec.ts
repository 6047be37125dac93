import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { durationSeconds } from '@rm/config';
import { resolveAuthKeys } from './auth-keys.js';
import { InvalidToken, mintToken, verifyToken } from './token.js';

const claims = { name: 'Inspector One', roles: ['inspector'] };
const sign = (key: SigningKey | Uint8Array, alg: string, expires = '5m', kid?: string) =>
  new SignJWT(claims).setProtectedHeader({ alg, kid }).setSubject('hmic-1').setIssuedAt().setExpirationTime(expires).sign(key);

describe('bearer tokens: HS256 secret, RS256 public key, JWKS', () => {
  it('HS256: verifies the actor; refuses a wrong secret and an expired token', async () => {
    const settings = { jwtSecret: 'a-secret-of-at-least-thirty-two-characters!' };
    const keys = await resolveAuthKeys(settings, { dataDir: 'memory://' });
    if (keys.kind !== 'secret') throw new Error('expected a secret');
    const { actor } = await verifyToken(await sign(keys.secret, 'HS256'), keys, settings);
    expect(actor).toEqual({ sub: 'hmic-1', name: 'Inspector One', roles: ['inspector'] });
    const other = new TextEncoder().encode('another-secret-of-thirty-two-characters!!');
    await expect(verifyToken(await sign(other, 'HS256'), keys, settings)).rejects.toBeInstanceOf(InvalidToken);
    await expect(verifyToken(await sign(keys.secret, 'HS256', '-1m'), keys, settings)).rejects.toBeInstanceOf(InvalidToken);
    const minted = await mintToken(keys.secret, { sub: 'po-1', roles: ['programme-office'] });
    expect((await verifyToken(minted, keys, settings)).actor.roles).toEqual(['programme-office']);
  });

  describe('claims: exp required, bounded lifetime, no future iat/nbf beyond the skew, roles an array of known roles', () => {
    const settings = { jwtSecret: 'a-secret-of-at-least-thirty-two-characters!' };
    const now = () => Math.floor(Date.now() / 1000);
    const signed = async (payload: Record<string, unknown>) => {
      const keys = await resolveAuthKeys(settings, { dataDir: 'memory://' });
      if (keys.kind !== 'secret') throw new Error('expected a secret');
      const token = await new SignJWT({ sub: 'po-1', roles: ['programme-office'], iat: now(), exp: now() + 600, ...payload }).setProtectedHeader({ alg: 'HS256' }).sign(keys.secret);
      return verifyToken(token, keys, settings);
    };

    // Payloads are built when each test runs: times taken when the table is defined go stale on a busy machine.
    it.each([
      ['no exp', () => ({ exp: undefined }), /exp/],
      ['iat a day ahead', () => ({ iat: now() + 86400, exp: now() + 90000 }), /iat/],
      ['iat two minutes ahead', () => ({ iat: now() + 120, exp: now() + 600 }), /iat/],
      ['nbf two minutes ahead', () => ({ nbf: now() + 120 }), /nbf/],
      ['a lifetime of 12 h and a second', () => { const iat = now(); return { iat, exp: iat + 12 * 3600 + 1 }; }, /lives longer/],
      ['a 13 h lifetime without iat', () => ({ iat: undefined, exp: now() + 13 * 3600 }), /lives longer/],
      ['roles as a string', () => ({ roles: 'programme-office' }), /array/],
      ['no roles', () => ({ roles: undefined }), /array/],
      ['an unknown role', () => ({ roles: ['inspector', 'superuser'] }), /unknown role/],
      ['a role that is not a string', () => ({ roles: [1] }), /unknown role/],
    ] as [string, () => Record<string, unknown>, RegExp][])('refuses %s', async (_what, payload, message) => {
      await expect(signed(payload())).rejects.toThrow(message);
    });

    it('accepts iat and nbf within the skew and a lifetime of exactly the maximum', async () => {
      expect((await signed({ iat: now() + 30, nbf: now() + 30, exp: now() + 30 + 12 * 3600 })).actor.roles).toEqual(['programme-office']);
    });

    it('takes the maximum lifetime from the settings', async () => {
      const keys = await resolveAuthKeys(settings, { dataDir: 'memory://' });
      if (keys.kind !== 'secret') throw new Error('expected a secret');
      const token = await mintToken(keys.secret, { sub: 'po-1', roles: ['programme-office'] }, '2h');
      await expect(verifyToken(token, keys, { ...settings, maxLifetimeSeconds: 3600 })).rejects.toThrow(/lives longer/);
      expect(durationSeconds('12h', 'X')).toBe(43200);
      expect(() => durationSeconds('forever', 'AUTH_JWT_MAX_LIFETIME')).toThrow(/AUTH_JWT_MAX_LIFETIME/);
    });
  });

  it('creates a secret in a data directory that does not exist yet (the first npm start), and keeps it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'rm-auth-'));
    try {
      const dataDir = join(parent, 'data');
      const first = await resolveAuthKeys({}, { dataDir });
      if (first.kind !== 'secret') throw new Error('expected a secret');
      expect(first.source).toBe('data-dir');
      expect((await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim()).toHaveLength(64);
      const again = await resolveAuthKeys({}, { dataDir });
      expect(again).toEqual(first);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('refuses a short secret at start-up', async () => {
    await expect(resolveAuthKeys({ jwtSecret: 'short' }, { dataDir: 'memory://' })).rejects.toThrow(/AUTH_JWT_SECRET/);
    await expect(resolveAuthKeys({}, { databaseUrl: 'postgres://x', dataDir: './data' })).rejects.toThrow(/required with DATABASE_URL/);
  });

  it('RS256: verifies with the configured public key; refuses another key and an HS256 token', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const settings = { jwtPublicKey: await exportSPKI(publicKey) };
    const keys = await resolveAuthKeys(settings, { dataDir: 'memory://' });
    expect((await verifyToken(await sign(privateKey, 'RS256'), keys, settings)).actor.sub).toBe('hmic-1');
    const stranger = await generateKeyPair('RS256');
    await expect(verifyToken(await sign(stranger.privateKey, 'RS256'), keys, settings)).rejects.toBeInstanceOf(InvalidToken);
    const hs = await sign(new TextEncoder().encode(settings.jwtPublicKey), 'HS256');
    await expect(verifyToken(hs, keys, settings)).rejects.toBeInstanceOf(InvalidToken);
  });

  describe('JWKS from an identity provider', () => {
    let server: Server;
    let url: string;
    let privateKey: SigningKey;
    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('verifies tokens signed by a key the JWKS publishes, with issuer and audience when configured', async () => {
      const settings = { jwksUrl: url, issuer: 'https://idp.example', audience: 'recovery-monitor' };
      const keys = await resolveAuthKeys(settings, { dataDir: 'memory://' });
      const good = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).setSubject('hmic-1').setIssuer(settings.issuer).setAudience(settings.audience).setExpirationTime('5m').sign(privateKey);
      expect((await verifyToken(good, keys, settings)).actor).toMatchObject({ sub: 'hmic-1', roles: ['inspector'] });
      const wrongAudience = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).setSubject('hmic-1').setIssuer(settings.issuer).setAudience('other').setExpirationTime('5m').sign(privateKey);
      await expect(verifyToken(wrongAudience, keys, settings)).rejects.toBeInstanceOf(InvalidToken);
    });
  });
});
