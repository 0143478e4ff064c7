import { ClockCircleOutlined, EnvironmentOutlined, SearchOutlined, ToolOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Pagination,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TOOL_CATEGORIES } from '../../../../common/contracts/toolbox.ts';
import { type ToolCategory, type ToolOut, toolboxApi, toolboxKeys } from '../../api/toolbox.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PhoneTitle } from '../points/phone-back.tsx';
import { Availability, CategoryTag, useCategoryOptions } from './toolbox-parts.tsx';

const PAGE_SIZE = 10;

/** /m/toolbox — 共享工具箱: what my community's stations lend, what is free now, where to pick it up. */
export function PhoneToolboxPage() {
  const { t } = useTranslation();
  const categories = useCategoryOptions();
  const { values, page, update } = useSearchState(['q', 'category', 'free'] as const);
  const category = TOOL_CATEGORIES.find((c) => c === values.category);
  const free = values.free === '1';
  const filter = { q: values.q, category, available: free || undefined, page, pageSize: PAGE_SIZE };
  const tools = useQuery({
    queryKey: [...toolboxKeys.tools, 'phone', filter],
    queryFn: () => toolboxApi.tools(filter),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(values.q || category || free);
  return (
    <>
      <PhoneTitle
        title={t('toolbox.phone.catalogue')}
        extra={
          <Link to="/m/toolbox/loans">
            <Button icon={<ToolOutlined />} data-testid="go-my-loans">
              {t('toolbox.tileMine')}
            </Button>
          </Link>
        }
      />
      <Alert
        type="info"
        showIcon
        title={t('toolbox.phone.catalogueHint')}
        description={t('toolbox.phone.howTo')}
      />
      <Card styles={{ body: { padding: '10px 12px', display: 'flex', flexDirection: 'column', gap: 10 } }}>
        <Input.Search
          key={values.q ?? ''}
          defaultValue={values.q}
          size="large"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('toolbox.phone.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(q) => update({ q: q.trim() })}
          data-testid="phone-tool-search"
        />
        <Flex gap={8} align="center" justify="space-between">
          <Select
            allowClear
            size="large"
            value={category}
            onChange={(c?: ToolCategory) => update({ category: c })}
            placeholder={t('toolbox.tools.allCategories')}
            options={categories}
            style={{ flex: 1 }}
          />
          <Flex gap={6} align="center">
            <label htmlFor="tool-free">{t('toolbox.tools.onlyFree')}</label>
            <Switch id="tool-free" checked={free} onChange={(on) => update({ free: on ? '1' : undefined })} />
          </Flex>
        </Flex>
      </Card>
      {tools.isError ? (
        <QueryError error={tools.error} onRetry={() => tools.refetch()} />
      ) : !tools.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : tools.data.items.length === 0 ? (
        <Card>
          <Empty description={filtered ? t('toolbox.phone.noMatch') : t('toolbox.phone.none')} />
        </Card>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="phone-tools">
          {tools.data.items.map((x) => (
            <ToolCard key={x.id} tool={x} />
          ))}
        </div>
      )}
      {(tools.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={tools.data?.total ?? 0}
          onChange={(p) => update({ page: p })}
        />
      )}
    </>
  );
}

function ToolCard({ tool }: { tool: ToolOut }) {
  const { t } = useTranslation();
  return (
    <Card styles={{ body: { padding: '12px 14px' } }} data-testid="phone-tool">
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {tool.name}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            <CategoryTag category={tool.category} />
            <span className="linli-muted">{t('toolbox.tools.days', { count: tool.loanDays })}</span>
          </div>
        </div>
        <div style={{ textAlign: 'right', flexShrink: 0 }}>
          <Availability tool={tool} />
        </div>
      </Flex>
      <div className="linli-muted" style={{ marginTop: 8 }}>
        <EnvironmentOutlined /> {t('toolbox.phone.pickUp')}：{tool.venueName}
        {tool.venueAddress ? `（${tool.venueAddress}）` : ''}
      </div>
      {tool.openingHours && (
        <div className="linli-muted">
          <ClockCircleOutlined /> {tool.openingHours}
        </div>
      )}
      {tool.depositNote && <div className="linli-muted">{tool.depositNote}</div>}
    </Card>
  );
}
