import { LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { orgApi, orgKeys } from '../../api/org.ts';
import { QueryState } from '../../components/query-state.tsx';
import { HouseholdCard } from './household-card.tsx';

/** /m/households/:id — any household the user may see; others (a neighbour's) read as "not found". */
export function PhoneHouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const household = useQuery({ queryKey: orgKeys.household(id), queryFn: () => orgApi.household(id) });
  return (
    <>
      <Link to="/m">
        <Button icon={<LeftOutlined />} size="large" type="text" style={{ paddingInline: 4 }}>
          {t('phone.back')}
        </Button>
      </Link>
      <QueryState
        query={household}
        notFoundTitle={t('household.notFound')}
        notFoundExtra={
          <Link to="/m">
            <Button type="primary" size="large">
              {t('phone.backHome')}
            </Button>
          </Link>
        }
      >
        {(h) => <HouseholdCard household={h} />}
      </QueryState>
    </>
  );
}
