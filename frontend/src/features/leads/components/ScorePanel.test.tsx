import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeLead } from '@/test/leads';
import { renderRoute } from '@/test/render';
import { ScorePanel } from './ScorePanel';

describe('ScorePanel', () => {
  it('shows the model probability with factors that raise (green) and lower (red) it, and the rule points', () => {
    renderRoute(<ScorePanel lead={makeLead()} />);
    expect(screen.getByTestId('lead-score')).toHaveTextContent('64');
    expect(screen.getByText('Predictive model')).toBeInTheDocument();
    expect(screen.getByTestId('conversion-probability')).toHaveTextContent('64%');

    const factors = screen.getByRole('list', { name: 'What moved the probability' });
    const items = within(factors).getAllByTestId('factor');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Source: Referral');
    expect(items[0]).toHaveTextContent('raises (+0.61)');
    expect(items[0]).toHaveAttribute('data-direction', 'up');
    expect(items[1]).toHaveTextContent('Industry: manufacturing');
    expect(items[1]).toHaveTextContent('lowers (−0.07)');
    expect(items[1]).toHaveAttribute('data-direction', 'down');

    const reasons = screen.getAllByTestId('score-reason').map((r) => r.textContent);
    expect(reasons).toEqual(['+25Referral', '+20Country in KR/JP']);
  });

  it('without a model: the rule points only, and negative points', () => {
    renderRoute(
      <ScorePanel
        lead={makeLead({
          score: 15,
          score_source: 'rules',
          conversion_probability: null,
          probability_factors: [],
          score_reasons: [
            { label: 'Free-mail address', points: -10, kind: 'rule' },
            { label: 'Submitted 2 forms', points: 25, kind: 'engagement' },
          ],
        })}
      />,
    );
    expect(screen.getByText('Scoring rules')).toBeInTheDocument();
    expect(screen.queryByTestId('conversion-probability')).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'What moved the probability' })).not.toBeInTheDocument();
    const reasons = screen.getAllByTestId('score-reason');
    expect(reasons[0]).toHaveTextContent('+25Submitted 2 formsengagement');
    expect(reasons[1]).toHaveTextContent('−10Free-mail address');
  });
});
