// oidc-provider ships no type declarations; the tests use a few of its options only.
declare module 'oidc-provider';
