import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PenguinError } from '@penguin-nas/core';

export const TOKEN_COOKIE = 'penguin_dashboard_token';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Listening beyond this machine needs a token: checks the pair before anything listens. */
export function checkListenOptions(host: string, token: string | undefined): void {
  if (!isLoopback(host) && (token === undefined || token.length < 16))
    throw new PenguinError(
      'CONFIG_ERROR',
      `dashboard: listening on ${host} makes the runs readable by other machines; expected --token with at ` +
        `least 16 characters, got ${token === undefined ? 'none' : `${token.length} characters`}`,
    );
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Whether a request may be answered: with a token, it must come with it (`?token=`, a bearer header, or the
 * cookie set by the first); on loopback without a token, the Host header must be loopback too (so a page from
 * another site cannot reach the dashboard through DNS rebinding).
 */
export function allowed(request: IncomingMessage, url: URL, token: string | undefined): boolean {
  if (token === undefined) {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    return isLoopback(host);
  }
  const bearer = request.headers.authorization?.replace(/^Bearer /, '');
  return (
    sameToken(url.searchParams.get('token') ?? undefined, token) ||
    sameToken(bearer, token) ||
    sameToken(cookie(request, TOKEN_COOKIE), token)
  );
}
