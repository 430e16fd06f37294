import { Anchor, Badge, Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { datesText, type RequestRow, STATUS_COLOR } from './requestModel.ts';

/** 申請 as a dense table: No., 種類, 申請者, 対象日, 状態 (with the step), 申請日時; optional selection. */
export function RequestTable({
  items,
  linkBase,
  showStaff,
  selected,
  onSelect,
}: {
  items: RequestRow[];
  /** `/admin/workflow/requests` (approvers) or `/admin/requests` (own). */
  linkBase: string;
  showStaff: boolean;
  selected?: Set<number>;
  onSelect?: (ids: number[], checked: boolean) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text>{t('requests.empty')}</Text>;
  const selectable = items.filter((r) => r.canDecide).map((r) => r.id);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            {onSelect ? (
              <Table.Th scope="col" w={40}>
                <Checkbox
                  aria-label={t('requests.selectAll')}
                  checked={selectable.length > 0 && selectable.every((id) => selected?.has(id))}
                  disabled={selectable.length === 0}
                  onChange={(event) => onSelect(selectable, event.currentTarget.checked)}
                />
              </Table.Th>
            ) : null}
            <Table.Th scope="col">{t('requests.fields.number')}</Table.Th>
            <Table.Th scope="col">{t('requests.fields.kind')}</Table.Th>
            {showStaff ? <Table.Th scope="col">{t('requests.fields.staff')}</Table.Th> : null}
            {showStaff ? <Table.Th scope="col">{t('requests.fields.office')}</Table.Th> : null}
            <Table.Th scope="col">{t('requests.fields.dates')}</Table.Th>
            <Table.Th scope="col">{t('requests.fields.status')}</Table.Th>
            <Table.Th scope="col">{t('requests.fields.reason')}</Table.Th>
            <Table.Th scope="col">{t('requests.fields.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              {onSelect ? (
                <Table.Td>
                  <Checkbox
                    aria-label={t('requests.select', { id: r.id })}
                    checked={selected?.has(r.id) ?? false}
                    disabled={!r.canDecide}
                    onChange={(event) => onSelect([r.id], event.currentTarget.checked)}
                  />
                </Table.Td>
              ) : null}
              <Table.Td>
                <Anchor component={Link} to={`${linkBase}/${r.id}`} fz="sm">
                  {t('requests.detailTitle', { id: r.id })}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`requests.kinds.${r.kind}`)}</Table.Td>
              {showStaff ? <Table.Td>{r.staff.name}</Table.Td> : null}
              {showStaff ? <Table.Td>{r.office?.name ?? ''}</Table.Td> : null}
              <Table.Td>{datesText(r)}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[r.status]} variant="filled" radius="sm" tt="none">
                  {t(`requests.statuses.${r.status}`)}
                </Badge>
                {r.status === 'pending' && r.steps > 1 ? (
                  <Text fz="xs">{t('requests.step', { step: r.step + 1, steps: r.steps })}</Text>
                ) : null}
              </Table.Td>
              <Table.Td maw={260} style={{ overflowWrap: 'anywhere' }}>
                {r.reason}
              </Table.Td>
              <Table.Td>
                {new Date(r.createdAt).toLocaleString('ja-JP', {
                  timeZone: 'Asia/Tokyo',
                  year: 'numeric',
                  month: '2-digit',
                  day: '2-digit',
                  hour: '2-digit',
                  minute: '2-digit',
                })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
