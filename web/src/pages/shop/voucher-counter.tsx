import { CheckCircleFilled, ScanOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Input, type InputRef, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import {
  type CounterView,
  normaliseVoucherCode,
  shopApi,
  shopKeys,
  VOUCHER_CODE_LENGTH,
} from '../../api/shop.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime, formatShortDateTime } from '../../components/format.ts';
import { RedemptionStateTag } from './shop-parts.tsx';

type Fulfilled = CounterView & { code: string };

/**
 * 核销 at the provider's counter: type (or scan) the code the resident shows, see the item and the
 * masked name, confirm. The server finds a voucher only for the provider that issued it; anyone else
 * is told there is no such voucher.
 */
export function VoucherCounter({ size = 'large' }: { size?: 'middle' | 'large' }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const input = useRef<InputRef>(null);
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const [done, setDone] = useState<Fulfilled | null>(null);
  const [log, setLog] = useState<Fulfilled[]>([]);
  const lookup = useMutation({ mutationFn: (c: string) => shopApi.voucher(c) });
  const fulfil = useMutation({
    mutationFn: (c: string) => shopApi.fulfil(c),
    onSuccess: (v, c) => {
      const entry = { ...v, code: c };
      setDone(entry);
      setLog((l) => [entry, ...l].slice(0, 20));
      message.success(t('shop.counter.fulfilled'));
      qc.invalidateQueries({ queryKey: shopKeys.all });
    },
    // Someone else used or cancelled it meanwhile: show the voucher as it stands now.
    onError: (e, c) => {
      if (isApiError(e) && (e.code === 'voucher_not_issued' || e.code === 'voucher_expired'))
        lookup.mutate(c);
    },
  });
  const complete = code.length === VOUCHER_CODE_LENGTH;

  const search = (c = code) => {
    fulfil.reset();
    setDone(null);
    if (c.length === VOUCHER_CODE_LENGTH) lookup.mutate(c);
  };
  const restart = () => {
    setCode('');
    setDone(null);
    lookup.reset();
    fulfil.reset();
    setTimeout(() => input.current?.focus(), 0);
  };

  if (done)
    return (
      <Flex vertical gap={12}>
        <Card data-testid="counter-done">
          <Flex vertical align="center" gap={8} style={{ textAlign: 'center' }}>
            <CheckCircleFilled style={{ fontSize: 56, color: '#52c41a' }} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('shop.counter.fulfilled')}
            </Typography.Title>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {done.itemTitle} ×{done.quantity}
            </Typography.Text>
            <Typography.Text>
              {t('shop.holder')}：<span data-testid="counter-holder">{done.holderName}</span>
            </Typography.Text>
            <Typography.Text type="secondary">
              {done.code} · {done.fulfilledAt ? formatDateTime(done.fulfilledAt, i18n.language) : ''}
            </Typography.Text>
            <RedemptionStateTag state={done.state} />
          </Flex>
        </Card>
        <Button type="primary" size={size} block onClick={restart} data-testid="counter-next">
          {t('shop.counter.next')}
        </Button>
        <SessionLog log={log} />
      </Flex>
    );

  const v = lookup.data;
  const lapsed = !!v && v.state === 'issued' && new Date(v.expiresAt).getTime() <= Date.now();
  const shown = lookup.isSuccess && v && lookup.variables === code;
  return (
    <Flex vertical gap={12}>
      <Card styles={{ body: { padding: 16 } }}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('shop.counter.hint')}
        </Typography.Paragraph>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            search();
          }}
        >
          <Flex gap={8}>
            <Input
              ref={input}
              size="large"
              value={code}
              onChange={(e) => {
                const next = normaliseVoucherCode(e.target.value).slice(0, VOUCHER_CODE_LENGTH);
                setCode(next);
                if (next !== lookup.variables) lookup.reset();
                fulfil.reset();
              }}
              placeholder={t('shop.counter.placeholder')}
              autoComplete="off"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
              inputMode="text"
              aria-label={t('shop.code')}
              suffix={
                <span className="linli-muted">
                  {code.length}/{VOUCHER_CODE_LENGTH}
                </span>
              }
              style={{
                fontFamily: 'ui-monospace, Menlo, Consolas, "Liberation Mono", monospace',
                fontSize: 20,
                letterSpacing: '0.12em',
              }}
              data-testid="counter-code"
            />
            {scannerAvailable() && (
              <Button
                size="large"
                icon={<ScanOutlined />}
                onClick={() => setScanning(true)}
                aria-label={t('shop.counter.scan')}
                data-testid="counter-scan"
              />
            )}
          </Flex>
          <Button
            type="primary"
            htmlType="submit"
            size={size}
            block
            icon={<SearchOutlined />}
            disabled={!complete}
            loading={lookup.isPending}
            style={{ marginTop: 12 }}
            data-testid="counter-lookup"
          >
            {t('shop.counter.lookup')}
          </Button>
        </form>
      </Card>
      {lookup.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(lookup.error)}
          description={
            isApiError(lookup.error) && lookup.error.code === 'voucher_not_found'
              ? t('shop.counter.notFoundHint')
              : undefined
          }
          data-testid="counter-error"
        />
      )}
      {shown && (
        <Card data-testid="counter-voucher">
          <Descriptions column={1} size="middle">
            <Descriptions.Item label={t('shop.counter.item')}>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="counter-item">
                {v.itemTitle}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('shop.quantity')}>{v.quantity}</Descriptions.Item>
            <Descriptions.Item label={t('shop.holder')}>
              <span data-testid="counter-holder">{v.holderName}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('shop.counter.state')}>
              <RedemptionStateTag state={v.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('shop.validity')}>
              {formatDateTime(v.expiresAt, i18n.language)}
            </Descriptions.Item>
            {v.fulfilledAt && (
              <Descriptions.Item label={t('shop.fulfilledAt')}>
                {formatDateTime(v.fulfilledAt, i18n.language)}
              </Descriptions.Item>
            )}
          </Descriptions>
          {v.state === 'issued' && !lapsed ? (
            <Button
              type="primary"
              size="large"
              block
              loading={fulfil.isPending}
              onClick={() => fulfil.mutate(code)}
              style={{ marginTop: 8, height: 52, fontSize: 18 }}
              data-testid="counter-fulfil"
            >
              {t('shop.counter.confirm')}
            </Button>
          ) : (
            <Alert
              type="warning"
              showIcon
              title={lapsed ? t('shop.counter.lapsed') : t('shop.counter.notIssued')}
              data-testid="counter-unusable"
            />
          )}
          {fulfil.isError && (
            <Alert
              type="error"
              showIcon
              title={errorText(fulfil.error)}
              style={{ marginTop: 8 }}
              data-testid="counter-error"
            />
          )}
        </Card>
      )}
      <SessionLog log={log} />
      {scanning && (
        <ScanModal
          onClose={() => setScanning(false)}
          onCode={(c) => {
            setScanning(false);
            setCode(c);
            search(c);
          }}
        />
      )}
    </Flex>
  );
}

/** What this counter fulfilled since the page opened (the API lists no provider history). */
function SessionLog({ log }: { log: Fulfilled[] }) {
  const { t, i18n } = useTranslation();
  if (log.length === 0) return null;
  return (
    <Card size="small" title={t('shop.counter.log')} styles={{ body: { padding: 0 } }}>
      {log.map((f) => (
        <div
          key={f.redemptionId}
          className="linli-phone-card-row"
          style={{ padding: '8px 12px', borderBottom: '1px solid #f0f0f0' }}
        >
          <div>
            <div>
              {f.itemTitle} ×{f.quantity} · {f.holderName}
            </div>
            <div className="linli-muted">{f.code}</div>
          </div>
          <span className="linli-muted">
            {f.fulfilledAt ? formatShortDateTime(f.fulfilledAt, i18n.language) : ''}
          </span>
        </div>
      ))}
    </Card>
  );
}

// The Shape Detection API: Chrome on Android and some desktops; elsewhere the clerk types the code.
type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

function detectorClass(): DetectorClass | undefined {
  return (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
}

function scannerAvailable(): boolean {
  return !!detectorClass() && !!navigator.mediaDevices?.getUserMedia;
}

/** The back camera, read for a QR code a few times a second until one holds a voucher code. */
function ScanModal({ onClose, onCode }: { onClose: () => void; onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const found = useRef(onCode);
  found.current = onCode;
  useEffect(() => {
    const Ctor = detectorClass();
    if (!Ctor) return;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const detector = new Ctor({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        timer = setInterval(async () => {
          if (!video.current || video.current.readyState < 2) return;
          const codes = await detector.detect(video.current).catch(() => []);
          const value = codes
            .map((c) => normaliseVoucherCode(c.rawValue))
            .find((c) => c.length === VOUCHER_CODE_LENGTH);
          if (value && !stopped) {
            stopped = true;
            found.current(value);
          }
        }, 250);
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);
  return (
    <Modal open title={t('shop.counter.scanTitle')} footer={null} onCancel={onClose} destroyOnHidden centered>
      {failed ? (
        <Alert type="warning" showIcon title={t('shop.counter.scanUnavailable')} />
      ) : (
        <>
          <video
            ref={video}
            muted
            playsInline
            style={{
              width: '100%',
              aspectRatio: '1 / 1',
              objectFit: 'cover',
              background: '#000',
              borderRadius: 8,
            }}
          />
          <Typography.Paragraph
            type="secondary"
            style={{ marginTop: 8, marginBottom: 0, textAlign: 'center' }}
          >
            {t('shop.counter.scanHint')}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
