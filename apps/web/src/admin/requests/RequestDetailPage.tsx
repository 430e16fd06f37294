import {
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { RequestFormModal } from './RequestFormModal.tsx';
import { datesText, punchTimeText, type RequestItem, STATUS_COLOR } from './requestModel.ts';

type Decision = 'approve' | 'reject' | 'return' | 'cancel' | 'reopen';

const instant = (iso: string) =>
  new Date(iso).toLocaleString('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * A 申請: what is asked (打刻修正申請: the day before / after), its 承認経路 and every step with who,
 * when and comment; 【承認】【却下】【差戻し】 for those who decide, 取消 and 再申請 for the applicant.
 */
export function RequestDetailPage() {
  const { t } = useTranslation();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Decision | null>(null);
  const [resending, setResending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const request = useQuery({
    queryKey: ['requests', 'detail', id],
    queryFn: ({ signal }) => call(routes.requests.get, { params: { id } }, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
  const decide = useMutation({
    mutationFn: (action: Decision) =>
      call(routes.requests[action], { params: { id }, body: { comment: comment.trim() } }),
    onSuccess: async (answer) => {
      setConfirm(null);
      setComment('');
      setNotice(t('requests.decided', { id, status: t(`requests.statuses.${answer.status}`) }));
      await queryClient.invalidateQueries({ queryKey: ['requests'] });
      await queryClient.invalidateQueries({ queryKey: ['timecard'] });
    },
  });
  const ask = (action: Decision) => {
    if ((action === 'reject' || action === 'return') && !comment.trim()) {
      setCommentError(t('requests.rejectHint'));
      return;
    }
    setCommentError(null);
    decide.reset();
    setConfirm(action);
  };
  const data = request.data;

  return (
    <AdminPage title={t('requests.detailTitle', { id })}>
      <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
      <ErrorAlert error={request.error} />
      {request.isPending && !request.isError ? <Loading /> : null}
      {data ? (
        <>
          <Card withBorder padding="sm">
            <Stack gap="xs">
              <Group gap="sm">
                <Title order={2} size="h4">
                  {t(`requests.kinds.${data.kind}`)}
                </Title>
                <Badge color={STATUS_COLOR[data.status]} variant="filled" radius="sm" tt="none" size="lg">
                  {t(`requests.statuses.${data.status}`)}
                </Badge>
                {data.status === 'pending' && data.steps > 1 ? (
                  <Text fz="sm">{t('requests.step', { step: data.step + 1, steps: data.steps })}</Text>
                ) : null}
                {data.appliedAt ? <Text fz="sm">{t('requests.appliedNote')}</Text> : null}
              </Group>
              <Text fz="sm">
                {t('requests.fields.staff')}: {data.staff.name}
                {data.office ? `（${data.office.name}）` : ''}
              </Text>
              <Text fz="sm">
                {t('requests.fields.dates')}: {datesText(data)}
              </Text>
              <RequestBody request={data} />
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {t('requests.fields.reason')}: {data.reason}
              </Text>
            </Stack>
          </Card>

          {data.canDecide || data.canCancel || data.canResend || data.canReopen ? (
            <Card withBorder padding="sm">
              <Stack gap="xs">
                {data.canDecide ? (
                  <Textarea
                    label={t('requests.fields.comment')}
                    description={t('requests.rejectHint')}
                    value={comment}
                    onChange={(event) => setComment(event.currentTarget.value)}
                    error={commentError}
                    autosize
                    minRows={2}
                    maxLength={500}
                  />
                ) : null}
                <Group>
                  {data.canDecide ? (
                    <>
                      <Button color="teal.9" onClick={() => ask('approve')}>
                        {t('requests.approve')}
                      </Button>
                      <Button color="red.9" variant="outline" onClick={() => ask('reject')}>
                        {t('requests.reject')}
                      </Button>
                      <Button variant="default" onClick={() => ask('return')}>
                        {t('requests.return')}
                      </Button>
                    </>
                  ) : null}
                  {data.canResend ? (
                    <Button onClick={() => setResending(true)}>{t('requests.resend')}</Button>
                  ) : null}
                  {data.canCancel ? (
                    <Button color="red.9" variant="outline" onClick={() => ask('cancel')}>
                      {t('requests.cancel')}
                    </Button>
                  ) : null}
                  {data.canReopen ? (
                    <Button variant="outline" onClick={() => ask('reopen')}>
                      {t('requests.reopen')}
                    </Button>
                  ) : null}
                </Group>
              </Stack>
            </Card>
          ) : null}

          <Card withBorder padding="sm">
            <Title order={2} size="h5" mb="xs">
              {t('requests.route')}
            </Title>
            <List size="sm" type="ordered">
              {data.route
                .map((step, position) => ({ ...step, position }))
                .map((step) => (
                  <List.Item
                    key={`step${step.position}`}
                    fw={data.status === 'pending' && step.position === data.step ? 700 : 400}
                  >
                    {step.type === 'person'
                      ? t('requests.routePerson', { name: step.name ?? '' })
                      : step.type === 'admin'
                        ? t('requests.routeAdmin')
                        : t('requests.routeRight', {
                            right: t(`requests.rights.${step.right}`),
                            level: t(`requests.levels.${step.level}`),
                          })}
                  </List.Item>
                ))}
            </List>
          </Card>

          <Card withBorder padding="sm">
            <Title order={2} size="h5" mb="xs">
              {t('requests.history')}
            </Title>
            <Table fz="sm" withTableBorder>
              <Table.Tbody>
                {data.events.map((event) => (
                  <Table.Tr key={`${event.at}-${event.action}`}>
                    <Table.Td>{instant(event.at)}</Table.Td>
                    <Table.Td>{t(`requests.events.${event.action}`)}</Table.Td>
                    <Table.Td>{event.by ?? ''}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{event.comment}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>

          <ConfirmModal
            opened={confirm !== null}
            title={confirm ? t(`requests.${confirm}`) : undefined}
            onConfirm={() => confirm && decide.mutate(confirm)}
            onCancel={() => setConfirm(null)}
            loading={decide.isPending}
            error={decide.error}
            confirmColor={confirm === 'approve' ? 'teal.9' : 'red.9'}
          >
            <Text>
              {confirm === 'approve'
                ? t('requests.approveConfirm', { id })
                : confirm === 'cancel'
                  ? t('requests.cancelConfirm', { id })
                  : confirm
                    ? `${t('requests.detailTitle', { id })}: ${t(`requests.${confirm}`)}`
                    : ''}
            </Text>
          </ConfirmModal>
          {resending ? (
            <RequestFormModal
              resend={data}
              onClose={() => setResending(false)}
              onSent={(message) => {
                setResending(false);
                setNotice(message);
              }}
            />
          ) : null}
        </>
      ) : null}
    </AdminPage>
  );
}

function RequestBody({ request }: { request: RequestItem }) {
  const { t } = useTranslation();
  const body = request.body as Record<string, unknown>;
  const next = t('shifts.nextDayShort');
  if (request.kind === 'punch_correction') {
    const date = String(body.date);
    const after = (body.punches as { type: string; at: string }[]) ?? [];
    const list = (punches: { type: string; at: string }[], label: string) =>
      punches.length === 0 ? (
        <Text fz="sm">{t('requests.noPunches')}</Text>
      ) : (
        <List size="sm" aria-label={label}>
          {punches.map((p) => (
            <List.Item key={`${p.type}${p.at}`}>
              {t(`timecard.punchTypes.${p.type}`)} {punchTimeText(p.at, date, next)}
            </List.Item>
          ))}
        </List>
      );
    return (
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={2}>
          <Text fw={700} fz="sm">
            {t('requests.before')}
          </Text>
          {list(request.before ?? [], t('requests.before'))}
        </Stack>
        <Stack gap={2}>
          <Text fw={700} fz="sm">
            {t('requests.after')}
          </Text>
          {list(after, t('requests.after'))}
        </Stack>
      </SimpleGrid>
    );
  }
  if (request.kind === 'leave') {
    return (
      <Text fz="sm">
        {t('requests.fields.leaveType')}:{' '}
        {t(`requests.leaveTypes.${String(body.leaveType)}`, String(body.leaveType))} /{' '}
        {t(`requests.units.${String(body.unit)}`)}
        {body.minutes ? ` ${String(body.minutes)}` : ''}
      </Text>
    );
  }
  if (request.kind === 'overtime') {
    return (
      <Text fz="sm">
        {t('requests.fields.plannedEnd')}: {body.nextDay ? next : ''}
        {String(body.plannedEnd)}
      </Text>
    );
  }
  return (
    <Text fz="sm">
      {t('requests.fields.month')}: {String(body.month)}
    </Text>
  );
}
