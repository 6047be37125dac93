import { redactSecrets } from './redacting-logger.js';

describe('redactSecrets', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwby0xIiwicm9sZXMiOlsiYWRtaW4iXX0.c2lnbmF0dXJlLXBhcnQ';

  it.each([
    [`Authorization: Bearer ${jwt}`, 'Bearer ***'],
    [`invalid token ${jwt} refused`, '***jwt***'],
    ['connect to postgres://app:s3cr3t-pw@db:5432/rm failed', 'postgres://app:***@db:5432/rm'],
    ['AUTH_JWT_SECRET=a-secret-of-at-least-thirty-two-characters', 'AUTH_JWT_SECRET=***'],
    ['{"password":"hunter2"}', '"password":"***"'],
  ])('redacts %s', (line, expected) => {
    const redacted = redactSecrets(line);
    expect(redacted).toContain(expected);
    expect(redacted).not.toMatch(/s3cr3t-pw|hunter2|thirty-two|c2lnbmF0dXJl/);
  });

  it('leaves ordinary lines alone', () => {
    const line = 'projection indicator-facts.v1 cannot apply event 0b6f (FigureRecorded) at position 905969664';
    expect(redactSecrets(line)).toBe(line);
  });
});
