import type { components } from './schema.gen';

export type Problem = components['schemas']['Problem'];
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

/** An HTTP error carrying the server's problem+json body (when it sent one). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<Problem> | undefined;

  constructor(status: number, body: unknown) {
    const problem = isProblem(body) ? body : undefined;
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): ProblemFieldError[] {
    return Array.isArray(this.problem?.errors) ? this.problem.errors : [];
  }
}

function isProblem(body: unknown): body is Partial<Problem> {
  return typeof body === 'object' && body !== null && ('title' in body || 'status' in body || 'detail' in body);
}

/** Unwrap an openapi-fetch result: return data or throw an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, result.error);
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}
