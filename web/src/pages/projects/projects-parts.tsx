import { CameraOutlined } from '@ant-design/icons';
import { App, Image, Space, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useTranslation } from 'react-i18next';
import type { PlanState, ProjectCategory, ProjectState } from '../../../../common/contracts/projects.ts';
import { type UploadedFile, fileUrl, pointsApi } from '../../api/points.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useMyCommunity } from '../points/use-my-community.ts';

const STATE_COLORS: Record<ProjectState, string> = {
  planned: 'default',
  in_progress: 'processing',
  done: 'success',
};
const PLAN_COLORS: Record<PlanState, string> = { draft: 'default', published: 'processing', done: 'success' };

export function ProjectStateTag({ state, delayed }: { state: ProjectState; delayed?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
        {t(`projects.states.${state}`)}
      </Tag>
      {delayed && (
        <Tag color="error" style={{ marginInlineEnd: 0 }}>
          {t('projects.delayed')}
        </Tag>
      )}
    </Space>
  );
}

export function PlanStateTag({ state }: { state: PlanState }) {
  const { t } = useTranslation();
  return <Tag color={PLAN_COLORS[state]}>{t(`projects.plans.states.${state}`)}</Tag>;
}

export function CategoryTag({ category }: { category: ProjectCategory }) {
  const { t } = useTranslation();
  return <Tag>{t(`projects.categories.${category}`)}</Tag>;
}

/** ★★★★☆ 4.2 (12) — an average rating in a line. */
export function RatingText({ average, count }: { average: number | null; count: number }) {
  const { t } = useTranslation();
  if (average === null) return <span style={{ color: '#999' }}>{t('projects.noRating')}</span>;
  const full = Math.round(average);
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid="rating-text">
      <span style={{ color: '#fadb14' }}>{'★'.repeat(full)}</span>
      <span style={{ color: '#ddd' }}>{'★'.repeat(5 - full)}</span> {average.toFixed(1)}
      <span style={{ color: '#999' }}> · {t('projects.ratingCount', { count })}</span>
    </span>
  );
}

/** The community or subdistrict a view works on: the one in the URL, else the user's own community. */
export function useUnitChoice() {
  const { t } = useTranslation();
  const { values, update } = useSearchState(['orgUnitId'] as const);
  const { community, isPending } = useMyCommunity();
  const orgUnitId = values.orgUnitId ?? community?.id;
  const picker = (
    <OrgUnitPicker
      value={orgUnitId}
      onChange={(id) => update({ orgUnitId: id })}
      selectableKinds={['community', 'subdistrict']}
      allowClear={false}
      placeholder={t('projects.pickUnit')}
      initialLabel={orgUnitId && orgUnitId === community?.id ? community.name : undefined}
      style={{ width: 260 }}
    />
  );
  return { orgUnitId, isPending: !values.orgUnitId && isPending, picker };
}

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Photos of a progress update: uploaded to /api/files, named by id. */
export function PhotoUpload({
  value,
  onChange,
}: {
  value: UploadFile<UploadedFile>[];
  onChange: (files: UploadFile<UploadedFile>[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Upload<UploadedFile>
      listType="picture-card"
      accept={PHOTO_TYPES.join(',')}
      multiple
      maxCount={9}
      fileList={value}
      onChange={({ fileList }) => onChange(fileList)}
      beforeUpload={(file) => (PHOTO_TYPES.includes(file.type) ? true : Upload.LIST_IGNORE)}
      customRequest={({ file, onSuccess, onError }) => {
        pointsApi
          .upload(file as File)
          .then((r) => onSuccess?.(r))
          .catch((e: Error) => {
            message.error(e.message);
            onError?.(e);
          });
      }}
      data-testid="project-photo-upload"
    >
      {value.length < 9 && (
        <button type="button" className="linli-upload-button">
          <CameraOutlined style={{ fontSize: 22 }} />
          <div>{t('projects.addPhoto')}</div>
        </button>
      )}
    </Upload>
  );
}

export const uploadedIds = (files: UploadFile<UploadedFile>[]) =>
  files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);

export function Photos({ ids }: { ids: string[] }) {
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={8} style={{ marginTop: 8 }}>
        {ids.map((id) => (
          <Image
            key={id}
            src={fileUrl(id)}
            width={88}
            height={88}
            style={{ objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

export function currentYear(): number {
  return Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  );
}
