import { useState } from 'react';
import { api, ApiError } from '../http/client';
import type { SessionInfo } from '../http/types';

interface Props {
  session: SessionInfo;
  query: URLSearchParams;
  onSignedIn: (s: SessionInfo) => void;
}

const SIGN_IN_ERRORS: Record<string, string> = {
  'link-used-or-expired': 'That sign-in link was already used or has expired.',
  'oidc-flow-expired': 'The sign-in took too long or did not start here. Try again.',
  'oidc-failed': 'Your organisation’s sign-in did not complete. Try again.',
  'oidc-not-configured': 'No identity provider is configured: sign in with a token.',
};

/** Local mode: paste a token from `npm run token`; with an identity provider, sign in there. */
export function SignIn({ session, query, onSignedIn }: Props) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(SIGN_IN_ERRORS[query.get('error') ?? '']);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api.signIn(token.trim()));
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldError('token') ?? err.message) : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="signin">
      <h1>Recovery Monitor</h1>
      <p>Sign in to read the recovery record.</p>
      {session.oidc && (
        <p>
          <a className="button primary" href="/auth/login">Sign in with your organisation</a>
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="token">Token</label>
          <textarea id="token" name="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? 'token-error' : 'token-hint'} required />
          <small id="token-hint">A token from <code>npm run token -- --role board</code> or your administrator.</small>
          {error && <p id="token-error" className="error" role="alert">{error}</p>}
        </div>
        <button type="submit" className="primary" disabled={busy}>Sign in</button>
      </form>
    </main>
  );
}
