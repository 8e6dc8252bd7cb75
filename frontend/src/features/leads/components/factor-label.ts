import type { TFunction } from 'i18next';

const NAMED = ['has_website', 'no_website', 'has_phone', 'no_phone', 'campaign=yes', 'campaign=none', 'email=free', 'email=business', 'email=none', 'submissions', 'interactions'];
const PREFIXES = ['source', 'country', 'industry', 'size', 'seniority', 'campaign'];

/**
 * A model feature ("source=referral", "size=51-200", "has_phone") in the reader's language; the
 * server's English label when the feature is not one this screen knows.
 */
export function factorLabel(feature: string, serverLabel: string, t: TFunction): string {
  if (NAMED.includes(feature)) return t(`leads.factorNames.${feature.replace('=', '_')}`);
  const [prefix, value] = feature.split('=', 2);
  if (!prefix || value === undefined || !PREFIXES.includes(prefix)) return serverLabel;
  const name = t(`leads.factorPrefix.${prefix}`);
  let shown = value;
  if (value === 'unknown') shown = t('leads.factorValues.unknown');
  else if (prefix === 'source') shown = t(`leads.source.${value}`, { defaultValue: value });
  else if (prefix === 'seniority') shown = t(`leads.factorValues.seniority.${value}`, { defaultValue: value });
  return `${name}: ${shown}`;
}
