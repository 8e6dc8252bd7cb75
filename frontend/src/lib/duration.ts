/** "3 days 4 hr" / "3일 4시간": a time span from seconds with Intl unit formatting in the UI locale. */
export function formatDuration(seconds: number, locale: string): string {
  const s = Math.max(0, Math.floor(seconds));
  const unit = (value: number, u: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  return unit(Math.max(minutes, s > 0 ? 1 : 0), 'minute');
}
