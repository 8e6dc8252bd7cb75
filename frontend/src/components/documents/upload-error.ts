import type { TFunction } from 'i18next';
import { ApiError } from '@/api/errors';

/** The server's words for a refused upload (422 field messages, 413's limit), else a generic line. */
export function uploadErrorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const messages = error.fieldErrors.map((f) => f.msg).filter(Boolean);
    if (messages.length) return messages.join(' ');
    if (error.problem?.detail) return error.problem.detail;
    if (error.problem?.title) return error.problem.title;
    return t('common.httpError', { status: error.status });
  }
  if (error instanceof TypeError) return t('common.networkError');
  if (error instanceof Error) return error.message;
  return t('common.errorTitle');
}
