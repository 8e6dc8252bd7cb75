import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError } from '@/api/errors';
import { session } from '@/api/session';
import { authKeys } from './keys';

export interface LoginInput {
  email: string;
  password: string;
}

/** Error thrown for 429 with the server's Retry-After (seconds) when it sent one. */
export class RateLimitedError extends ApiError {
  readonly retryAfter: number | null;
  constructor(status: number, body: unknown, retryAfter: number | null) {
    super(status, body);
    this.retryAfter = retryAfter;
  }
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: authKeys.login(),
    mutationFn: async ({ email, password }: LoginInput) => {
      const { data, error, response } = await api.POST('/auth/token', {
        body: { username: email, password, scope: '' },
        bodySerializer: (body) => new URLSearchParams({ username: body?.username ?? '', password: body?.password ?? '' }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      if (!response.ok || !data) {
        if (response.status === 429) {
          const ra = Number(response.headers.get('Retry-After'));
          throw new RateLimitedError(429, error, Number.isFinite(ra) && ra > 0 ? ra : null);
        }
        throw new ApiError(response.status, error);
      }
      return data;
    },
    onSuccess: (pair) => {
      qc.clear();
      session.set(pair);
    },
  });
}
