import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from '@/api/errors';
import { hasPath, mapFieldErrors } from '@/lib/form-errors';

/**
 * Route a mutation error: 422 `errors[].loc` onto the form's fields (the rest returned as general
 * messages), anything else returned as-is for a ProblemAlert. 412 is handled by the caller.
 */
export function applyServerErrors<T extends Record<string, unknown>>(
  form: UseFormReturnType<T>,
  e: unknown,
): { general: string[]; error: unknown } {
  if (isApiError(e, 422) && e.fieldErrors.length > 0) {
    const { fields, general } = mapFieldErrors(e.fieldErrors, (p) => hasPath(form.getValues(), p));
    form.setErrors(fields);
    return { general, error: Object.keys(fields).length > 0 || general.length > 0 ? null : e };
  }
  return { general: [], error: e };
}
