import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Result, Select, Skeleton } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pointsApi, pointsKeys } from '../../api/points.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { todayInShanghai } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useCommunityChoice } from './use-community-choice.tsx';
import { inForce } from './use-rulebook-in-force.ts';

type Values = { ruleCode: string; period: Dayjs };

/** 基础积分批次: a month's base points for every account holder of a community, for the committee to review. */
export function BaseBatchPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const { communityId, picker } = useCommunityChoice(t('postings.pickCommunity'));
  const [form] = Form.useForm<Values>();

  // The base rules of the rulebook in force for the community (its own, else its subdistrict's).
  const today = todayInShanghai();
  const books = useQuery({
    queryKey: [...pointsKeys.rulebooks, 'list', communityId],
    queryFn: () => pointsApi.rulebooks(communityId),
    enabled: !!communityId,
  });
  const current = (books.data ?? []).filter((b) => inForce(b, today));
  const pick = current.find((b) => b.orgUnitId === communityId) ?? current[0];
  const book = useQuery({
    queryKey: pointsKeys.rulebook(pick?.id ?? ''),
    queryFn: () => pointsApi.rulebook(pick!.id),
    enabled: !!pick,
  });
  const baseRules = (book.data?.chapters ?? [])
    .flatMap((c) => c.articles.flatMap((a) => a.rules))
    .filter((r) => r.kind === 'base');

  const create = useMutation({
    mutationFn: (v: Values) =>
      pointsApi.baseBatch({
        communityId: communityId!,
        ruleCode: v.ruleCode,
        period: v.period.format('YYYY-MM'),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: pointsKeys.all }),
  });
  const confirm = (v: Values) =>
    modal.confirm({
      title: t('baseBatch.confirm', { period: v.period.format('YYYY-MM') }),
      content: t('baseBatch.confirmHint'),
      okText: t('baseBatch.create'),
      cancelText: t('common.cancel'),
      onOk: () => create.mutateAsync(v).catch(() => undefined),
    });

  return (
    <>
      <PageHeader title={t('menu.pointsBaseBatch')} subTitle={t('baseBatch.hint')} />
      <Card style={{ maxWidth: 720 }}>
        {create.data ? (
          <Result
            status="success"
            title={t('baseBatch.result', { created: create.data.created, skipped: create.data.skipped })}
            extra={[
              can(me, 'points:review') && (
                <Link key="review" to="/admin/points/review">
                  <Button type="primary">{t('baseBatch.goReview')}</Button>
                </Link>
              ),
              <Button key="again" onClick={() => create.reset()}>
                {t('common.close')}
              </Button>,
            ]}
            data-testid="base-batch-result"
          />
        ) : (
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ period: dayjs(today) }}
            onFinish={confirm}
          >
            <Form.Item label={t('baseBatch.community')} required>
              {picker}
            </Form.Item>
            {!communityId ? (
              <Empty description={t('postings.pickCommunityFirst')} />
            ) : books.isPending || (!!pick && book.isPending) ? (
              <Skeleton active />
            ) : baseRules.length === 0 ? (
              <Alert type="warning" showIcon title={t('baseBatch.noBaseRules')} />
            ) : (
              <>
                <Form.Item
                  name="ruleCode"
                  label={t('baseBatch.rule')}
                  initialValue={baseRules[0]?.code}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <Select
                    options={baseRules.map((r) => ({
                      value: r.code,
                      label: t('points.paren', {
                        text: `${r.code} ${r.title}`,
                        inner: t('rulebooks.perUnitValue', {
                          points: r.pointsPerUnit,
                          unit: t(`points.unit.${r.unit}`),
                        }),
                      }),
                    }))}
                    data-testid="base-rule"
                  />
                </Form.Item>
                <Form.Item
                  name="period"
                  label={t('baseBatch.period')}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <DatePicker
                    picker="month"
                    allowClear={false}
                    disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                  />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={create.isPending}
                  data-testid="base-batch-create"
                >
                  {t('baseBatch.create')}
                </Button>
                <FormError error={create.error} />
              </>
            )}
          </Form>
        )}
      </Card>
    </>
  );
}
