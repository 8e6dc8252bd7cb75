import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';

export interface CalibrationPoint {
  predicted: number;
  observed: number;
  count: number;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Predicted vs observed conversion per probability bin against the diagonal of perfect calibration
 * (its own chunk: recharts loads only on the model page). Dot size follows the bin's lead count.
 */
export default function CalibrationChart({ bins }: { bins: CalibrationPoint[] }) {
  const { t } = useTranslation();
  return (
    <div role="img" aria-label={t('leads.model.calibrationChart')} style={{ width: '100%', height: 300 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 10, right: 20, bottom: 24, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="predicted"
            domain={[0, 1]}
            ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
            tickFormatter={pct}
            tick={{ fontSize: 12 }}
            label={{ value: t('leads.model.predicted'), position: 'insideBottom', offset: -12 }}
          />
          <YAxis type="number" dataKey="observed" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tickFormatter={pct} width={48} tick={{ fontSize: 12 }} />
          <ZAxis type="number" dataKey="count" range={[40, 400]} name={t('leads.model.count')} />
          <ReferenceLine
            segment={[
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ]}
            stroke="#adb5bd"
            strokeDasharray="6 4"
            ifOverflow="extendDomain"
          />
          <Tooltip
            formatter={(value, name) => (name === t('leads.model.count') ? String(value) : pct(Number(value)))}
            cursor={{ strokeDasharray: '3 3' }}
          />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 13 }} />
          <Scatter name={t('leads.model.observed')} data={bins} fill="#4c6ef5" line={{ stroke: '#4c6ef5' }} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
