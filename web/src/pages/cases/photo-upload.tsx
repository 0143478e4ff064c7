import { CameraOutlined } from '@ant-design/icons';
import { App, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import { useTranslation } from 'react-i18next';
import { type UploadedFile, uploadPhoto } from './cases-api.ts';

const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_PHOTOS = 9;

export type PhotoList = UploadFile<UploadedFile>[];

/** The ids of the photos that finished uploading. */
export function photoIdsOf(list: PhotoList): string[] {
  return list.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
}

export function isUploading(list: PhotoList): boolean {
  return list.some((f) => f.status === 'uploading');
}

/** Up to nine photos, each uploaded as soon as it is chosen (the phone's camera or gallery). */
export function PhotoUpload({
  value,
  onChange,
  max = MAX_PHOTOS,
  testId = 'photo-upload',
}: {
  value: PhotoList;
  onChange: (list: PhotoList) => void;
  max?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Upload<UploadedFile>
      listType="picture-card"
      accept={PHOTO_TYPES.join(',')}
      multiple
      maxCount={max}
      fileList={value}
      onChange={({ fileList }) => onChange(fileList)}
      beforeUpload={(file) => {
        if (!PHOTO_TYPES.includes(file.type)) {
          message.error(t('cases.report.photoType'));
          return Upload.LIST_IGNORE;
        }
        if (file.size > MAX_PHOTO_BYTES) {
          message.error(t('cases.report.photoTooLarge'));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadPhoto(file as File)
          .then((r) => onSuccess?.(r))
          .catch((e: Error) => {
            message.error(e.message);
            onError?.(e);
          });
      }}
      data-testid={testId}
    >
      {value.length < max && (
        <button type="button" className="linli-upload-button">
          <CameraOutlined style={{ fontSize: 22 }} />
          <div>{t('cases.report.addPhoto')}</div>
        </button>
      )}
    </Upload>
  );
}
