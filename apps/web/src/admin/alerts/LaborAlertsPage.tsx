import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { hoursText } from './hours.ts';
import { OvertimeCharts } from './OvertimeCharts.tsx';
import '../timecards/timecard.css';

type AlertList = Awaited<ReturnType<typeof call<typeof routes.laborAlerts.list>>>;
type LaborAlert = AlertList['items'][number];

// Filled badges with white text: each colour passes WCAG AA (orange.9 does not, hence the darker hex).
const SEVERITY_COLOR = { violation: 'red.9', warning: '#a63d00', notice: 'gray.8' } as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The sentence of an alert, in the page's language (the exact words of the issue for the projection). */
export function useAlertMessage() {
  const { t } = useTranslation();
  return (a: LaborAlert) =>
    t(`alerts.msg.${a.code}`, {
      window: a.windowMonths ?? '',
      count: a.count ?? '',
      days: a.days ?? '',
      hours: a.projectedMinutes === null ? '' : Math.round(a.projectedMinutes / 60),
    });
}

/**
 * 労務アラート (issue 19, プレミアム): alerts by severity with filters, a link to the timecard, 確認済 with a
 * comment (in the 操作ログ), and the overtime charts with their tables. Staff see their own.
 */
export function LaborAlertsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [severity, setSeverity] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState<string | null>('no');
  const [acking, setAcking] = useState<LaborAlert | null>(null);
  const [comment, setComment] = useState('');
  const message = useAlertMessage();
  const query = {
    ...(MONTH.test(from) ? { from } : {}),
    ...(MONTH.test(to) ? { to } : {}),
    ...(officeId ? { officeId: Number(officeId) } : {}),
    ...(severity ? { severity: severity as LaborAlert['severity'] } : {}),
    ...(acknowledged ? { acknowledged: acknowledged as 'yes' | 'no' } : {}),
  };
  const list = useQuery({
    queryKey: ['labor-alerts', query],
    queryFn: ({ signal }) => call(routes.laborAlerts.list, { query }, { signal }),
  });
  const offices = useQuery({
    queryKey: ['labor-alerts', 'offices'],
    queryFn: ({ signal }) => call(routes.laborAlerts.officeOvertime, { query: {} }, { signal }),
  });
  const ack = useMutation({
    mutationFn: (a: LaborAlert) => call(routes.laborAlerts.acknowledge, { body: { key: a.key, comment } }),
    onSuccess: async () => {
      setAcking(null);
      setComment('');
      await queryClient.invalidateQueries({ queryKey: ['labor-alerts'] });
    },
  });

  const when = (a: LaborAlert) => a.date ?? a.month;
  const value = (a: LaborAlert) => {
    if (a.code === 'MULTI_MONTH_AVERAGE_OVER_80H' && a.averageMinutes !== null)
      return `${hoursText(Math.round(a.averageMinutes))} / 80:00`;
    if (a.code === 'MONTH_END_PROJECTION' && a.projectedMinutes !== null)
      return `${hoursText(a.minutes ?? 0)} → ${hoursText(a.projectedMinutes)} / ${hoursText(a.limitMinutes ?? 0)}`;
    if (a.minutes === null) return a.days !== null ? `${a.days}` : '—';
    return a.limitMinutes === null
      ? hoursText(a.minutes)
      : `${hoursText(a.minutes)} / ${hoursText(a.limitMinutes)}`;
  };

  return (
    <AdminPage
      title={t('alerts.title')}
      actions={
        <Button variant="default" className="tc-no-print" onClick={() => window.print()}>
          {t('alerts.print')}
        </Button>
      }
    >
      <Text>{t('alerts.lead')}</Text>
      <Paper withBorder p="md" className="tc-no-print">
        <Title order={2} size="h4" mb="sm">
          {t('alerts.filters')}
        </Title>
        <Group align="flex-end" gap="md">
          <TextInput
            type="month"
            label={t('alerts.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="month"
            label={t('alerts.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Select
            label={t('alerts.office')}
            placeholder={t('alerts.allOffices')}
            clearable
            value={officeId}
            onChange={setOfficeId}
            data={(offices.data?.offices ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
          />
          <Select
            label={t('alerts.severity')}
            placeholder={t('alerts.allSeverities')}
            clearable
            value={severity}
            onChange={setSeverity}
            data={(['violation', 'warning', 'notice'] as const).map((s) => ({
              value: s,
              label: t(`alerts.sev.${s}`),
            }))}
          />
          <Select
            label={t('alerts.ackState')}
            placeholder={t('alerts.ackAll')}
            clearable
            value={acknowledged}
            onChange={setAcknowledged}
            data={[
              { value: 'no', label: t('alerts.ackNo') },
              { value: 'yes', label: t('alerts.ackYes') },
            ]}
          />
        </Group>
      </Paper>
      {list.error && <ErrorAlert error={list.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <Stack gap="sm">
          <Group gap="sm" aria-label={t('alerts.counts')} role="group">
            <Text fw={700}>{t('alerts.counts')}</Text>
            {(['violation', 'warning', 'notice'] as const).map((s) => (
              <Badge key={s} color={SEVERITY_COLOR[s]} size="lg" variant="filled">
                {t(`alerts.sev.${s}`)} {list.data.counts[s]}
              </Badge>
            ))}
          </Group>
          {list.data.items.length === 0 ? (
            <Text>{t('alerts.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900} className="tc-print-full">
              <Table striped withTableBorder fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('alerts.col.severity')}</Table.Th>
                    <Table.Th>{t('alerts.col.staff')}</Table.Th>
                    <Table.Th>{t('alerts.col.office')}</Table.Th>
                    <Table.Th>{t('alerts.col.when')}</Table.Th>
                    <Table.Th>{t('alerts.col.what')}</Table.Th>
                    <Table.Th>{t('alerts.col.value')}</Table.Th>
                    <Table.Th>{t('alerts.col.link')}</Table.Th>
                    <Table.Th>{t('alerts.col.ack')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((a) => (
                    <Table.Tr key={a.key} data-code={a.code}>
                      <Table.Td>
                        <Badge color={SEVERITY_COLOR[a.severity]} variant="filled">
                          {t(`alerts.sev.${a.severity}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {a.staffName}
                        {a.staffCode ? ` (${a.staffCode})` : ''}
                      </Table.Td>
                      <Table.Td>{a.officeName ?? '—'}</Table.Td>
                      <Table.Td>{when(a)}</Table.Td>
                      <Table.Td>{message(a)}</Table.Td>
                      <Table.Td>{value(a)}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          c="teal.9"
                          to={`/admin/timecards/${a.staffId}?month=${a.month}${a.date ? `#day-${a.date}` : ''}`}
                        >
                          {when(a)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {a.acknowledged ? (
                          <Text fz="sm">
                            {t('alerts.ackedBy', {
                              by: a.acknowledged.by ?? '',
                              comment: a.acknowledged.comment,
                            })}
                          </Text>
                        ) : (
                          <Button
                            size="xs"
                            variant="default"
                            className="tc-no-print"
                            onClick={() => setAcking(a)}
                          >
                            {t('alerts.ackButton')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ) : null}
      <OvertimeCharts officeId={officeId ? Number(officeId) : undefined} />
      <Modal opened={acking !== null} onClose={() => setAcking(null)} title={t('alerts.ackTitle')}>
        {acking && (
          <Stack>
            <Text>
              {acking.staffName} — {message(acking)}
            </Text>
            <Textarea
              label={t('alerts.ackComment')}
              value={comment}
              maxLength={500}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            {ack.error && <ErrorAlert error={ack.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAcking(null)}>
                {t('alerts.cancel')}
              </Button>
              <Button color="teal.9" loading={ack.isPending} onClick={() => ack.mutate(acking)}>
                {t('alerts.ackSave')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </AdminPage>
  );
}
