import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { formatDate } from '../../components/format.ts';
import { LangSwitch } from '../../components/lang-switch.tsx';
import { caseListKeys, caseListsApi, type DutySheet } from './api.ts';

// The sheet is printed on A4 and posted at the compound's gate; on screen it is the same page with a
// print button. Styles live here: nothing else prints like it.
const CSS = `
.linli-duty { max-width: 800px; margin: 0 auto; padding: 24px; background: #fff; color: #1f1f1f;
  font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.linli-duty-bar { display: flex; justify-content: flex-end; gap: 8px; margin-bottom: 12px; }
.linli-duty-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px;
  border-bottom: 3px solid #c8161d; padding-bottom: 10px; margin-bottom: 14px; }
.linli-duty-title { font-size: 28px; font-weight: 700; color: #c8161d; letter-spacing: 4px; margin: 0; }
.linli-duty-sub { font-size: 18px; margin-top: 6px; }
.linli-duty-qr { text-align: center; font-size: 12px; width: 128px; flex: none; }
.linli-duty-qr img { width: 120px; height: 120px; display: block; margin: 0 auto 2px; }
.linli-duty h2 { font-size: 17px; margin: 16px 0 6px; padding-left: 8px; border-left: 4px solid #c8161d; }
.linli-duty table { width: 100%; border-collapse: collapse; font-size: 14px; }
.linli-duty th, .linli-duty td { border: 1px solid #bfbfbf; padding: 6px 8px; text-align: left; vertical-align: top; }
.linli-duty th { background: #fafafa; font-weight: 600; }
.linli-duty .phone { font-weight: 700; white-space: nowrap; font-size: 15px; }
.linli-duty-foot { margin-top: 18px; font-size: 12px; color: #595959; display: flex; justify-content: space-between; }
@media print {
  .linli-duty-bar { display: none; }
  .linli-duty { max-width: none; padding: 0; }
  .linli-duty th { background: #f0f0f0 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .linli-duty-head { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .linli-duty table { page-break-inside: auto; }
  .linli-duty tr { page-break-inside: avoid; }
}
`;

/** 部门职责清单 (public, no login): /public/duty-sheet/:compoundId. */
export function DutySheetPage() {
  const { t } = useTranslation();
  const { compoundId = '' } = useParams();
  const sheet = useQuery({
    queryKey: caseListKeys.dutySheet(compoundId),
    queryFn: () => caseListsApi.dutySheet(compoundId),
    retry: (n, e) => !isApiError(e, 404) && !isApiError(e, 422) && n < 2,
  });
  return (
    <div className="linli-duty" data-testid="duty-sheet">
      <style>{CSS}</style>
      <div className="linli-duty-bar">
        <LangSwitch />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!sheet.data}>
          {t('caseLists.duty.print')}
        </Button>
      </div>
      {sheet.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : sheet.isError ? (
        <Result status="404" title={t('caseLists.duty.notFound')} />
      ) : (
        <Sheet s={sheet.data} />
      )}
    </div>
  );
}

function Sheet({ s }: { s: DutySheet }) {
  const { t, i18n } = useTranslation();
  const dt = (k: string, o?: Record<string, unknown>) =>
    t(`caseLists.duty.${k}` as 'caseLists.duty.title', o);
  return (
    <>
      <div className="linli-duty-head">
        <div>
          <h1 className="linli-duty-title">{dt('title')}</h1>
          <div className="linli-duty-sub">
            {dt('subtitle', { community: s.communityName, compound: s.compoundName })}
          </div>
        </div>
        <div className="linli-duty-qr">
          <img src={`data:image/svg+xml;utf8,${encodeURIComponent(s.qrSvg)}`} alt={s.reportUrl} />
          {dt('scan')}
        </div>
      </div>

      <h2>{dt('gridWorkers')}</h2>
      <table>
        <thead>
          <tr>
            <th style={{ width: '22%' }}>{dt('grid')}</th>
            <th style={{ width: '16%' }}>{dt('gridWorkers')}</th>
            <th style={{ width: '20%' }}>{dt('phone')}</th>
            <th>{dt('buildings')}</th>
          </tr>
        </thead>
        <tbody>
          {s.gridWorkers.map((g) => (
            <tr key={g.grid}>
              <td>{g.grid}</td>
              <td>{g.name}</td>
              <td className="phone">{g.workPhone ?? '—'}</td>
              <td>{g.buildings}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{dt('departments')}</h2>
      <table>
        <thead>
          <tr>
            <th style={{ width: '26%' }}>{dt('departments')}</th>
            <th>{dt('responsibilities')}</th>
            <th style={{ width: '20%' }}>{dt('dutyPhone')}</th>
          </tr>
        </thead>
        <tbody>
          {s.departments.map((d) => (
            <tr key={d.name}>
              <td>{d.name}</td>
              <td>{d.responsibilities.join('、')}</td>
              <td className="phone">{d.dutyPhone}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{dt('property')}</h2>
      {s.propertyCompanies.length ? (
        <table>
          <tbody>
            {s.propertyCompanies.map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td className="phone" style={{ width: '20%' }}>
                  {p.phone ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div>{dt('noProperty')}</div>
      )}

      <div className="linli-duty-foot">
        <span>{dt('footer', { district: s.districtName, subdistrict: s.subdistrictName })}</span>
        <span>{formatDate(s.printedAt, i18n.language)}</span>
      </div>
    </>
  );
}
