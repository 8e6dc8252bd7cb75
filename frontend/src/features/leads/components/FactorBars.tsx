import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface Factor {
  key: string;
  label: string;
  /** Log-odds: > 0 raised, < 0 lowered the probability. */
  value: number;
}

function signed(v: number): string {
  const abs = Math.abs(v).toFixed(2);
  return v > 0 ? `+${abs}` : v < 0 ? `\u2212${abs}` : abs;
}

/**
 * A diverging bar list: green bars grow right from the centre line for factors that raise the
 * probability, red bars grow left for those that lower it. Each row also says so in words.
 */
export function FactorBars({ factors, label }: { factors: Factor[]; label: string }) {
  const { t } = useTranslation();
  const max = Math.max(0.0001, ...factors.map((f) => Math.abs(f.value)));
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" aria-hidden>
        <Text size="xs" c="red.7">
          {t('leads.factors.lowers')}
        </Text>
        <Text size="xs" c="green.8">
          {t('leads.factors.raises')}
        </Text>
      </Group>
      <Box component="ul" aria-label={label} m={0} p={0} style={{ listStyle: 'none' }}>
        {factors.map((f) => {
          const width = `${(Math.abs(f.value) / max) * 50}%`;
          const up = f.value > 0;
          const words = t(up ? 'leads.factors.raisesBy' : f.value < 0 ? 'leads.factors.lowersBy' : 'leads.factors.neutral', {
            value: signed(f.value),
          });
          return (
            <Box component="li" key={f.key} mb={6} data-testid="factor" data-direction={up ? 'up' : f.value < 0 ? 'down' : 'none'}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">{f.label}</Text>
                <Text size="xs" c={up ? 'green.8' : f.value < 0 ? 'red.7' : 'dimmed'} fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {words}
                </Text>
              </Group>
              <Box pos="relative" h={10} mt={2} bg="gray.1" style={{ borderRadius: 3 }} aria-hidden>
                <Box pos="absolute" left="50%" top={-2} bottom={-2} w={1} bg="gray.5" />
                <Box
                  pos="absolute"
                  top={0}
                  bottom={0}
                  bg={up ? 'green.6' : 'red.6'}
                  style={{ left: up ? '50%' : undefined, right: up ? undefined : '50%', width, borderRadius: 3 }}
                />
              </Box>
            </Box>
          );
        })}
      </Box>
    </Stack>
  );
}
