import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLocale, setLocale } from '@/i18n';

/** English / 한국어 switch; the choice is persisted in localStorage by the i18n module. */
export function LocaleSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('locale.label')}
      value={i18n.resolvedLanguage ?? i18n.language}
      onChange={(v) => {
        if (isLocale(v)) void setLocale(v);
      }}
      data={[
        { value: 'en', label: t('locale.en') },
        { value: 'ko', label: t('locale.ko') },
      ]}
    />
  );
}
