import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { loginBody } from '../../../../common/contracts/auth.ts';
import { isApiError } from '../../api/client.ts';
import { homePath, isPhoneFirst, useLogin, useSession } from '../../app/session.ts';
import { LangSwitch } from '../../components/lang-switch.tsx';
import type { Me } from '../../api/auth.ts';

type Values = { phone: string; password: string };

/** Where to go after signing in: back to the page that sent us here when it suits the user's shell. */
function destination(me: Me, from: string | undefined): string {
  const home = homePath(me);
  if (!from || from === '/' || from.startsWith('/login')) return home;
  if (from.startsWith('/admin') && isPhoneFirst(me) && !me.roles.some((r) => r.role === 'grid_worker'))
    return home;
  return from;
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from;

  if (session.data) return <Navigate to={destination(session.data, from)} replace />;

  const onFinish = (values: Values) => {
    const body = loginBody.parse(values);
    login.mutate(body, { onSuccess: (me) => navigate(destination(me, from), { replace: true }) });
  };

  const error = login.error;
  const errorText = !error ? null : isApiError(error, 429) ? t('auth.tooMany') : error.message;

  return (
    <div className="linli-login">
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LangSwitch type="text" />
      </div>
      <div className="linli-login-title">
        <div className="linli-brand" style={{ justifyContent: 'center', color: '#c8161d' }}>
          <span
            className="linli-brand-mark"
            style={{ background: '#c8161d', color: '#fff', width: 44, height: 44, fontSize: 24 }}
          >
            邻
          </span>
          <Typography.Title level={2} style={{ margin: 0, color: '#c8161d' }}>
            {t('app.name')}
          </Typography.Title>
        </div>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </div>
      <Card className="linli-login-card" title={t('auth.title')}>
        {errorText && (
          <Alert
            type="error"
            showIcon
            title={errorText}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<Values>
          layout="vertical"
          size="large"
          onFinish={onFinish}
          requiredMark={false}
          autoComplete="on"
        >
          <Form.Item
            name="phone"
            label={t('auth.phone')}
            rules={[
              { required: true, message: t('auth.phoneRequired') },
              { pattern: /^\+?\d{5,20}$/, message: t('auth.phoneInvalid') },
            ]}
          >
            <Input
              prefix={<MobileOutlined />}
              placeholder={t('auth.phonePlaceholder')}
              inputMode="tel"
              autoComplete="username"
              maxLength={20}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('auth.passwordPlaceholder')}
              autoComplete="current-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('app.footer')}
      </Typography.Text>
    </div>
  );
}
