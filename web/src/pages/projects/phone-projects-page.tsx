import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Empty,
  Flex,
  Input,
  Modal,
  Pagination,
  Rate,
  Segmented,
  Skeleton,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ResidentProject, projectKeys, projectsApi } from '../../api/projects.ts';
import { FormError } from '../../components/form-error.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PhoneTitle } from '../points/phone-back.tsx';
import { CategoryTag, ProjectStateTag, RatingText } from './projects-parts.tsx';

const PAGE_SIZE = 20;

/** /m/projects — my community's 暖心实项目 this year; finished ones I can rate once. */
export function PhoneProjectsPage() {
  const { t } = useTranslation();
  const { values, page, update } = useSearchState(['state'] as const);
  const state = values.state === 'done' || values.state === 'in_progress' ? values.state : undefined;
  const [rating, setRating] = useState<ResidentProject | null>(null);
  const filter = { state, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: [...projectKeys.resident, filter],
    queryFn: () => projectsApi.resident(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PhoneTitle title={t('projects.phone.title')} />
      <Card styles={{ body: { padding: '10px 12px' } }}>
        <Segmented
          block
          value={state ?? 'all'}
          onChange={(v) => update({ state: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('projects.phone.all') },
            { value: 'done', label: t('projects.states.done') },
            { value: 'in_progress', label: t('projects.states.in_progress') },
          ]}
        />
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : list.data.items.length === 0 ? (
        <Card>
          <Empty description={t('projects.none')} />
        </Card>
      ) : (
        <Flex vertical gap={8}>
          {list.data.items.map((p) => (
            <Card key={p.id} size="small" data-testid="phone-project" data-project-id={p.id}>
              <Typography.Text strong>
                {p.number}. {p.title}
              </Typography.Text>
              <Flex gap={4} wrap style={{ margin: '6px 0' }}>
                <CategoryTag category={p.category} />
                <ProjectStateTag state={p.state} delayed={p.delayed} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.responsibleUnit} · {p.deadline}
              </Typography.Text>
              <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
                <RatingText average={p.ratingAverage} count={p.ratingCount} />
                {p.myRating ? (
                  <Typography.Text type="success">
                    {t('projects.phone.rated', { score: p.myRating.score })}
                  </Typography.Text>
                ) : p.canRate ? (
                  <Button type="primary" size="small" onClick={() => setRating(p)} data-testid="rate-button">
                    {t('projects.phone.rate')}
                  </Button>
                ) : null}
              </Flex>
            </Card>
          ))}
          <Pagination
            simple
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onChange={(p) => update({ page: p })}
            style={{ alignSelf: 'center' }}
          />
        </Flex>
      )}
      {rating && <RateModal project={rating} onClose={() => setRating(null)} />}
    </>
  );
}

function RateModal({ project, onClose }: { project: ResidentProject; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [score, setScore] = useState(5);
  const [comment, setComment] = useState('');
  const rate = useMutation({
    mutationFn: () => projectsApi.rate(project.id, score, comment),
    onSuccess: () => {
      message.success(t('projects.phone.thanks'));
      qc.invalidateQueries({ queryKey: projectKeys.resident });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('projects.phone.rateTitle', { title: project.title })}
      onCancel={onClose}
      onOk={() => rate.mutate()}
      okText={t('projects.phone.submit')}
      okButtonProps={
        { loading: rate.isPending, disabled: score < 1, 'data-testid': 'rate-submit' } as ButtonProps
      }
      destroyOnHidden
    >
      <Rate value={score} onChange={setScore} style={{ fontSize: 32 }} data-testid="rate-stars" />
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('projects.phone.comment')}
        style={{ marginTop: 12 }}
        data-testid="rate-comment"
      />
      <FormError error={rate.error} />
    </Modal>
  );
}
