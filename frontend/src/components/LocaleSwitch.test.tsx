import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useTranslation } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { LocaleSwitch } from './LocaleSwitch';

function Probe() {
  const { t } = useTranslation();
  return (
    <>
      <LocaleSwitch />
      <button type="button">{t('auth.submit')}</button>
    </>
  );
}

describe('LocaleSwitch', () => {
  it('switches labels to Korean and persists the choice', async () => {
    renderRoute(<Probe />);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByText('한국어'));
    expect(await screen.findByRole('button', { name: '로그인' })).toBeInTheDocument();
    expect(localStorage.getItem('crm.locale')).toBe('ko');
    expect(document.documentElement.lang).toBe('ko');
  });
});
