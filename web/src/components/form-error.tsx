import { Alert } from 'antd';
import { errorText } from './error-text.ts';

/** A failed save, shown inside the form that caused it (the form stays open with the user's input). */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert type="error" showIcon title={errorText(error)} style={{ marginTop: 8 }} data-testid="form-error" />
  );
}
