import { Badge, Box, Group, Progress, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { scoreColor, signedPoints } from '@/lib/leads';
import type { Lead } from '../api/types';

type Scored = Pick<Lead, 'score' | 'score_source' | 'score_reasons' | 'conversion_probability'>;

/** The reasons worth a glance: the biggest rule points first. */
export function topReasons(lead: Scored, n = 3) {
  return [...lead.score_reasons].sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, n);
}

/** A lead's score as a coloured number with a bar; hover or focus shows the top reasons. */
export function ScoreBadge({ lead }: { lead: Scored }) {
  const { t } = useTranslation();
  const color = scoreColor(lead.score);
  const reasons = topReasons(lead);
  const source = t(`leads.score.source.${lead.score_source === 'model' ? 'model' : 'rules'}`);
  const probability =
    lead.conversion_probability !== null && lead.conversion_probability !== undefined
      ? t('leads.score.probabilityShort', { value: Math.round(lead.conversion_probability * 100) })
      : null;
  const lines = reasons.map((r) => `${signedPoints(r.points)} ${r.label}`);
  const label = (
    <Stack gap={2}>
      <Text size="xs" fw={700}>
        {t('leads.score.tooltipTitle', { score: lead.score, source })}
      </Text>
      {probability && <Text size="xs">{probability}</Text>}
      {lines.length > 0 ? (
        lines.map((l) => (
          <Text size="xs" key={l}>
            {l}
          </Text>
        ))
      ) : (
        <Text size="xs">{t('leads.score.noReasons')}</Text>
      )}
    </Stack>
  );
  return (
    <Tooltip label={label} withArrow multiline w={260} events={{ hover: true, focus: true, touch: true }}>
      <Box component="span" tabIndex={0} style={{ display: 'inline-block', borderRadius: 4 }} data-testid="score-badge">
        <Group gap={6} wrap="nowrap">
          <Badge color={color} variant={lead.score >= 70 ? 'filled' : 'light'} w={44} aria-hidden>
            {lead.score}
          </Badge>
          <Progress value={lead.score} color={color} w={48} size="sm" aria-hidden />
        </Group>
        <VisuallyHidden>
          {[t('leads.score.tooltipTitle', { score: lead.score, source }), probability, ...lines].filter(Boolean).join('. ')}
        </VisuallyHidden>
      </Box>
    </Tooltip>
  );
}
