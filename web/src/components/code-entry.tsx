import { Alert, Button, Input, Typography } from 'antd';
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
