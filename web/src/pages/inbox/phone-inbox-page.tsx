import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PhoneTitle } from '../points/phone-back.tsx';
import { InboxList, InboxToolbar, useInbox } from './inbox-list.tsx';

/** 消息通知 on the phone: the same list, one column, big rows. */
export function PhoneInboxPage() {
  const { t } = useTranslation();
  const { list, unreadOnly, page, update } = useInbox();
  return (
    <>
      <PhoneTitle title={t('inbox.title')} />
      <InboxToolbar unreadOnly={unreadOnly} onShow={(u) => update({ show: u ? 'unread' : undefined })} />
      <Card styles={{ body: { padding: 0 } }}>
        <InboxList list={list} unreadOnly={unreadOnly} page={page} onPage={(p) => update({ page: p })} />
      </Card>
    </>
  );
}
