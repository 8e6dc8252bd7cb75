import { Anchor, Badge, Card, Divider, Group, RingProgress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { scoreColor, signedPoints } from '@/lib/leads';
import type { Lead } from '../api/types';
import { FactorBars } from './FactorBars';
import { factorLabel } from './factor-label';

type Scored = Pick<
  Lead,
  'score' | 'rule_score' | 'score_source' | 'score_reasons' | 'conversion_probability' | 'probability_factors' | 'scored_at'
>;

/** Why a lead has its score: the model's probability and factors, and the rule points. */
export function ScorePanel({ lead }: { lead: Scored }) {
  const { t } = useTranslation();
  const color = scoreColor(lead.score);
  const fromModel = lead.score_source === 'model';
  const probability = lead.conversion_probability;
  const factors = [...lead.probability_factors]
    .sort((a, b) => b.impact - a.impact)
    .map((f) => ({ key: f.feature, label: factorLabel(f.feature, f.label, t), value: f.impact }));
  const reasons = [...lead.score_reasons].sort((a, b) => b.points - a.points);
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="score-panel-title">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} size="h4" id="score-panel-title">
            {t('leads.score.title')}
          </Title>
          <Badge variant="light" color={fromModel ? 'indigo' : 'gray'}>
            {t(`leads.score.source.${fromModel ? 'model' : 'rules'}`)}
          </Badge>
        </Group>
        <Group gap="lg" wrap="nowrap">
          <RingProgress
            size={96}
            thickness={9}
            roundCaps
            sections={[{ value: lead.score, color }]}
            label={
              <Text ta="center" fw={700} size="xl" data-testid="lead-score">
                {lead.score}
              </Text>
            }
            aria-label={t('leads.score.outOf', { score: lead.score })}
          />
          <Stack gap={2}>
            {probability !== null && probability !== undefined ? (
              <>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {t('leads.score.probability')}
                </Text>
                <Text size="xl" fw={700} data-testid="conversion-probability">
                  {`${Math.round(probability * 100)}%`}
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                {t('leads.score.noModel')}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {fromModel ? t('leads.score.modelExplain', { ruleScore: lead.rule_score }) : t('leads.score.rulesExplain')}
            </Text>
          </Stack>
        </Group>

        {factors.length > 0 && (
          <>
            <Divider />
            <div>
              <Text size="sm" fw={600} mb={6}>
                {t('leads.score.factorsTitle')}
              </Text>
              <FactorBars factors={factors} label={t('leads.score.factorsTitle')} />
            </div>
          </>
        )}

        <Divider />
        <div>
          <Text size="sm" fw={600} mb={6}>
            {t('leads.score.reasonsTitle')}
          </Text>
          {reasons.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('leads.score.noReasons')}
            </Text>
          ) : (
            <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('leads.score.reasonsTitle')}>
              {reasons.map((r, i) => (
                <Group component="li" key={`${r.label}-${i}`} gap="xs" wrap="nowrap" data-testid="score-reason">
                  <Text size="sm" fw={700} c={r.points > 0 ? 'green.8' : r.points < 0 ? 'red.7' : 'dimmed'} w={44} ta="right">
                    {signedPoints(r.points)}
                  </Text>
                  <Text size="sm">{r.label}</Text>
                  {r.kind === 'engagement' && (
                    <Badge size="xs" variant="outline" color="gray">
                      {t('leads.score.engagement')}
                    </Badge>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </div>
        <Anchor component={Link} to="/leads/model" size="xs">
          {t('leads.model.link')}
        </Anchor>
      </Stack>
    </Card>
  );
}
