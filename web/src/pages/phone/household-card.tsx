import { HomeOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Descriptions, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HouseholdOut } from '../../api/org.ts';
import { ageOf, formatArea } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { TagList } from '../../components/tag-list.tsx';

/** One household as a phone card: address on top, then members as a touch-sized list. */
export function HouseholdCard({ household: h }: { household: HouseholdOut }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <>
      <Card data-testid="phone-household">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          <HomeOutlined style={{ color: '#c8161d', marginRight: 8 }} />
          {h.address}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('household.room')}>
            {h.unitNo ? `${h.unitNo}-${h.room}` : h.room}
          </Descriptions.Item>
          <Descriptions.Item label={t('household.floorArea')}>{formatArea(h.floorAreaM2)}</Descriptions.Item>
          {h.tags.length > 0 && (
            <Descriptions.Item label={t('household.tags')}>
              <TagList tags={h.tags} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        title={t('household.membersCount', { count: h.members.length })}
        styles={{ body: { padding: 0 } }}
      >
        <List
          className="linli-touch-list"
          dataSource={h.members}
          locale={{ emptyText: t('household.noMembers') }}
          renderItem={(m) => (
            <List.Item
              extra={
                m.phone ? (
                  <a
                    href={`tel:${m.phone}`}
                    aria-label={t('phone.call', { name: m.name })}
                    style={{ padding: 8 }}
                  >
                    <PhoneOutlined style={{ fontSize: 20 }} />
                  </a>
                ) : undefined
              }
            >
              <List.Item.Meta
                avatar={
                  <Avatar icon={<UserOutlined />} style={{ background: '#fbe3e4', color: '#c8161d' }} />
                }
                title={
                  <span>
                    {m.name} <Tag style={{ marginLeft: 4 }}>{labels.relation(m.relation)}</Tag>
                  </span>
                }
                description={
                  <span>
                    {m.birthYear !== null && t('phone.age', { age: ageOf(m.birthYear) })}
                    {m.phone && <span style={{ marginLeft: 8 }}>{m.phone}</span>}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
