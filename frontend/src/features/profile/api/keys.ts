/** Query-key factory for the signed-in user's own settings. */
export const profileKeys = {
  preferences: () => ['notifications', 'preferences'] as const,
  calendarFeed: () => ['calendar-feed'] as const,
};
