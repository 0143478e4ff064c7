import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Flex, Progress, Row, Skeleton, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyKind } from '../../api/meetings.ts';
import { meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';

/** 议事统计: meetings by level and kind, attendance, decisions and tasks done, cases resolved. */
export function MeetingFiguresPage() {
  const { t } = useTranslation();
  const [orgUnitId, setOrgUnitId] = useState<string>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs('2025-12-01'), dayjs('2026-11-30')]);
  const q = { orgUnitId, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const figures = useQuery({ queryKey: [...meetingsKeys.figures, q], queryFn: () => meetingsApi.figures(q) });
  const f = figures.data;
  const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100));
  return (
    <>
      <PageHeader title={t('menu.meetingFigures')} subTitle={t('meetings.figuresHint')} />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 280 }}>
          <OrgUnitPicker value={orgUnitId} onChange={(v) => setOrgUnitId(v)} />
        </div>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
      </Flex>
      {figures.isError ? (
        <QueryError error={figures.error} onRetry={() => figures.refetch()} />
      ) : !f ? (
        <Skeleton active />
      ) : (
        <div data-testid="meeting-figures">
          <Row gutter={[16, 16]}>
            {(
              [
                ['figMeetings', f.meetings],
                ['figHeld', f.held],
                ['figAttendance', f.attendance],
                ['figDecisions', f.decisions],
                ['figCases', f.agendaCases],
                ['figResolved', f.casesResolved],
                ['figOverdue', f.tasksOverdue],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} md={8} xl={6}>
                <Card>
                  <Statistic
                    title={t(`meetings.${k}`)}
                    value={v}
                    valueStyle={k === 'figOverdue' && v > 0 ? { color: '#cf1322' } : undefined}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={6}>
              <Card>
                <div className="linli-muted" style={{ marginBottom: 4 }}>
                  {t('meetings.figTasks')}（{f.tasksDone} / {f.tasks}）
                </div>
                <Progress percent={pct(f.tasksDone, f.tasks)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={10}>
              <Card title={t('meetings.byLevel')}>
                <Table
                  size="small"
                  rowKey="level"
                  pagination={false}
                  dataSource={f.byLevel}
                  columns={[
                    {
                      title: t('meetings.orgUnit'),
                      dataIndex: 'level',
                      render: (l: 'community') => t(`meetings.level.${l}`),
                    },
                    { title: t('meetings.figMeetings'), dataIndex: 'meetings', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('meetings.byKind')}>
                <Table
                  size="small"
                  rowKey="kind"
                  pagination={false}
                  dataSource={f.byKind}
                  columns={[
                    {
                      title: t('meetings.bodyKindLabel'),
                      dataIndex: 'kind',
                      render: (k: BodyKind) => t(`meetings.bodyKind.${k}`),
                    },
                    {
                      title: t('meetings.figMeetings'),
                      dataIndex: 'meetings',
                      width: 260,
                      render: (n: number) => (
                        <Flex align="center" gap={8}>
                          <Progress
                            percent={pct(n, f.meetings)}
                            showInfo={false}
                            style={{ flex: 1, margin: 0 }}
                          />
                          <span style={{ width: 40, textAlign: 'right' }}>{n}</span>
                        </Flex>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </>
  );
}
