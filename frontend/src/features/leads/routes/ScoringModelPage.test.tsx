import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import ScoringModelPage from './ScoringModelPage';

type S = components['schemas'];

const trained: S['ScoringModelRead'] = {
  status: 'trained',
  message: 'Trained on 750 closed leads.',
  in_use: true,
  trained_at: '2026-03-01T00:00:00Z',
  trigger: 'manual',
  training_size: 750,
  positives: 215,
  negatives: 535,
  holdout_size: 188,
  holdout_auc: 0.7163,
  rule_holdout_auc: 0.6827,
  brier: 0.1812,
  calibration: [
    { predicted: 0.1, observed: 0.12, count: 40 },
    { predicted: 0.5, observed: 0.45, count: 20 },
  ],
  top_factors: [
    { feature: 'industry=software', label: 'Industry: software', weight: 0.68 },
    { feature: 'email=free', label: 'Email: free-mail address', weight: -0.58 },
  ],
};

describe('ScoringModelPage', () => {
  it('compares the model with the rules on the holdout and retrains on demand', async () => {
    logIn();
    let trainedCalls = 0;
    server.use(
      http.get(`${API}/scoring/model`, () => HttpResponse.json(trained)),
      http.post(`${API}/scoring/model/train`, async () => {
        trainedCalls += 1;
        await delay(50);
        return HttpResponse.json({ ...trained, message: 'Retrained.' });
      }),
    );
    renderRoute(<ScoringModelPage />, { path: '/leads/model', pattern: '/leads/model' });
    expect(await screen.findByTestId('model-status')).toHaveTextContent('Trained');
    expect(screen.getByTestId('model-auc')).toHaveTextContent('0.72');
    expect(screen.getByTestId('rules-auc')).toHaveTextContent('0.68');
    expect(screen.getByTestId('rules-auc')).toHaveTextContent('The model ranks leads better than the rules');
    expect(screen.getByText('215 converted · 535 unqualified')).toBeInTheDocument();
    expect(screen.getByText('0.181')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Calibration' })).toHaveTextContent('45%');
    const factors = screen.getByRole('list', { name: 'Strongest factors' });
    expect(factors).toHaveTextContent('Industry: software');
    expect(factors).toHaveTextContent('lowers (−0.58)');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Retrain now' }));
    await waitFor(() => expect(trainedCalls).toBe(1));
    expect(await screen.findByText('Retrained.')).toBeInTheDocument();
  });

  it('explains that the rules score the leads while there is too little data', async () => {
    logIn();
    server.use(
      http.get(`${API}/scoring/model`, () =>
        HttpResponse.json({
          ...trained,
          status: 'insufficient_data',
          message: 'Needs at least 20 converted and 20 unqualified leads.',
          in_use: false,
          trained_at: null,
          training_size: 12,
          positives: 4,
          negatives: 8,
          holdout_size: 0,
          holdout_auc: null,
          rule_holdout_auc: null,
          brier: null,
          calibration: [],
          top_factors: [],
        } satisfies S['ScoringModelRead']),
      ),
    );
    renderRoute(<ScoringModelPage />, { path: '/leads/model', pattern: '/leads/model' });
    expect(await screen.findByText('The rules score the leads for now')).toBeInTheDocument();
    expect(screen.getByText('Closed so far: 4 converted, 8 unqualified.')).toBeInTheDocument();
    expect(screen.getByText('Rules score the leads')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Calibration' })).not.toBeInTheDocument();
  });
});
