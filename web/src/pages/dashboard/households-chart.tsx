import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { PRIMARY } from '../../app/providers.tsx';

// Only the parts of ECharts this chart uses; the full build is several times larger.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type Bar = { name: string; value: number };

/** Households per unit, a horizontal bar chart that follows its container's width. */
export function HouseholdsChart({ bars, seriesName }: { bars: Bar[]; seriesName: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const sorted = [...bars].sort((a, b) => a.value - b.value);
    chart.setOption({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: sorted.map((b) => b.name), axisTick: { show: false } },
      series: [
        {
          name: seriesName,
          type: 'bar',
          data: sorted.map((b) => b.value),
          barMaxWidth: 22,
          itemStyle: { color: PRIMARY, borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right' },
        },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [bars, seriesName]);
  return (
    <div
      ref={el}
      style={{ width: '100%', height: Math.max(220, bars.length * 36 + 40) }}
      data-testid="households-chart"
    />
  );
}
