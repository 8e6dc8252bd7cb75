import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';

export interface ChartRow {
  name: string;
  count: number;
}

/** Bar chart of lost deals per reason (its own chunk: recharts loads only on the report page). */
export default function LostReasonsChart({ rows }: { rows: ChartRow[] }) {
  const { t } = useTranslation();
  return (
    <BarChart
      h={Math.max(180, rows.length * 44)}
      data={rows}
      dataKey="name"
      orientation="vertical"
      yAxisProps={{ width: 140 }}
      series={[{ name: 'count', label: t('reports.lostReasons.count'), color: 'red.6' }]}
      withTooltip
      gridAxis="x"
      aria-label={t('reports.lostReasons.chart')}
    />
  );
}
