import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { Link } from 'react-router';
import { errorText } from './error-text.ts';

/**
 * Typing the code shown under a rotating check-in QR (meetings, volunteer activities): the hint, a big
 * code field (upper case, as the code is shown), the server's refusal, and the submit button.
 * Test ids are `<testId>-input`, `-error`, `-submit`.
 */
export function CodeEntry({
  hint,
  placeholder,
  submitLabel,
  code,
  onCode,
  error,
  pending,
  disabled,
  onSubmit,
  testId,
}: {
  hint: string;
  placeholder: string;
  submitLabel: string;
  code: string;
  onCode: (code: string) => void;
  error: unknown;
  pending: boolean;
  disabled: boolean;
  onSubmit: () => void;
  testId: string;
}) {
  return (
    <>
      <Typography.Text type="secondary">{hint}</Typography.Text>
      <Input
        size="large"
        value={code}
        onChange={(e) => onCode(e.target.value.toUpperCase())}
        placeholder={placeholder}
        maxLength={12}
        autoComplete="off"
        style={{ fontSize: 24, letterSpacing: 4, textAlign: 'center' }}
        data-testid={`${testId}-input`}
      />
      {!!error && <Alert type="error" showIcon title={errorText(error)} data-testid={`${testId}-error`} />}
      <Button
        type="primary"
        size="large"
        block
        disabled={disabled || code.trim().length < 4}
        loading={pending}
        onClick={onSubmit}
        data-testid={`${testId}-submit`}
      >
        {submitLabel}
      </Button>
    </>
  );
}

/** What the phone shows once a code was accepted: a tick, what happened, and the way back. */
export function CodeAccepted({
  title,
  backTo,
  backLabel,
  testId,
}: {
  title: string;
  backTo: string;
  backLabel: string;
  testId: string;
}) {
  return (
    <Flex vertical align="center" gap={12} data-testid={testId}>
      <CheckCircleFilled style={{ fontSize: 56, color: '#389e0d' }} />
      <Typography.Title level={4} style={{ margin: 0, textAlign: 'center' }}>
        {title}
      </Typography.Title>
      <Link to={backTo}>
        <Button size="large">{backLabel}</Button>
      </Link>
    </Flex>
  );
}
