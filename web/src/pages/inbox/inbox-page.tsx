import { Card, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { InboxList, InboxToolbar, useInbox } from './inbox-list.tsx';

/** 消息通知 on the desktop: the signed-in user's own notices. */
export function InboxPage() {
  const { t } = useTranslation();
  const { list, unreadOnly, page, update } = useInbox();
  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Card style={{ maxWidth: 960 }}>
        <Flex vertical gap={12}>
          <InboxToolbar unreadOnly={unreadOnly} onShow={(u) => update({ show: u ? 'unread' : undefined })} />
          <InboxList list={list} unreadOnly={unreadOnly} page={page} onPage={(p) => update({ page: p })} />
        </Flex>
      </Card>
    </>
  );
}
