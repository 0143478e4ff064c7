import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { PRIMARY } from '../../app/providers.tsx';
import type { FigureRow } from '../../api/shop.ts';

// Only the parts of ECharts these charts use; the full build is several times larger.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const GOLD = '#d48806';

function useChart(option: echarts.EChartsCoreOption) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return el;
}

/** Month by month: 兑换总价值 in yuan as bars, points as a line on their own axis. */
export function MonthsChart({
  rows,
  valueName,
  pointsName,
}: {
  rows: FigureRow[];
  valueName: string;
  pointsName: string;
}) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisTick: { show: false } },
      yAxis: [
        // Headroom above the bars, so their labels stay clear of the points line.
        { type: 'value', name: '¥', boundaryGap: [0, '30%'], splitLine: { lineStyle: { color: '#f0f0f0' } } },
        { type: 'value', name: pointsName, splitLine: { show: false } },
      ],
      series: [
        {
          name: valueName,
          type: 'bar',
          data: rows.map((r) => r.cashValueFen / 100),
          barMaxWidth: 36,
          itemStyle: { color: PRIMARY, borderRadius: [4, 4, 0, 0] },
          label: { show: true, position: 'top', formatter: (p: { value: number }) => p.value.toFixed(2) },
        },
        {
          name: pointsName,
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => r.points),
          itemStyle: { color: GOLD },
          symbolSize: 8,
        },
      ],
    }),
    [rows, valueName, pointsName],
  );
  const el = useChart(option);
  return <div ref={el} style={{ width: '100%', height: 300 }} data-testid="figures-months-chart" />;
}

/** The biggest items by 兑换总价值, as horizontal bars (at most ten). */
export function ItemsChart({ rows, valueName }: { rows: FigureRow[]; valueName: string }) {
  const top = useMemo(() => rows.slice(0, 10).reverse(), [rows]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: top.map((r) => r.label), axisTick: { show: false } },
      series: [
        {
          name: valueName,
          type: 'bar',
          data: top.map((r) => r.cashValueFen / 100),
          barMaxWidth: 22,
          itemStyle: { color: PRIMARY, borderRadius: [0, 4, 4, 0] },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number }) => `¥${p.value.toFixed(2)}`,
          },
        },
      ],
    }),
    [top, valueName],
  );
  const el = useChart(option);
  return (
    <div
      ref={el}
      style={{ width: '100%', height: Math.max(300, top.length * 36 + 40) }}
      data-testid="figures-items-chart"
    />
  );
}
