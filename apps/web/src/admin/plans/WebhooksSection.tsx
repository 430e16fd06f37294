import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { WEBHOOK_EVENT_TYPES } from '@timecard/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';

const WEBHOOKS_KEY = ['webhooks'] as const;
const dateTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('ja-JP') : '—');
/** `punch.created` → the locale key `webhooks.event.punch_created`. */
const eventKey = (type: string) => `webhooks.event.${type.replace('.', '_')}`;

/**
 * 設定 > API連携 › Webhook (issue 14, エンタープライズ): endpoints with their events, the signing
 * secret shown once, each endpoint's state and 【削除】, and a delivery log with status codes and
 * 【再送】.
 */
export function WebhooksSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const endpoints = useQuery({
    queryKey: WEBHOOKS_KEY,
    queryFn: ({ signal }) => call(routes.webhooks.list, {}, { signal }),
  });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [deleting, setDeleting] = useState<{ id: number; url: string } | null>(null);
  const [logOf, setLogOf] = useState<{ id: number; url: string } | null>(null);
  const create = useMutation({
    mutationFn: () =>
      call(routes.webhooks.create, {
        body: { url, events: events as (typeof WEBHOOK_EVENT_TYPES)[number][] },
      }),
    onSuccess: async () => {
      setUrl('');
      setEvents([]);
      await queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => call(routes.webhooks.delete, { params: { id } }),
    onSuccess: async (_data, id) => {
      setDeleting(null);
      if (logOf?.id === id) setLogOf(null);
      await queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    },
  });

  return (
    <Stack gap="md" mt="xl">
      <Title order={2} size="h3">
        {t('webhooks.title')}
      </Title>
      <Text>{t('webhooks.lead')}</Text>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t('webhooks.create')}
        </Title>
        <Stack gap="sm">
          <TextInput
            label={t('webhooks.url')}
            description={t('webhooks.urlHint')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://"
            maw={640}
          />
          <Checkbox.Group label={t('webhooks.events')} value={events} onChange={setEvents}>
            <Stack gap={6} mt={6}>
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <Checkbox key={type} value={type} label={`${t(eventKey(type))} (${type})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group>
            <Button
              onClick={() => create.mutate()}
              loading={create.isPending}
              disabled={!url || events.length === 0}
            >
              {t('webhooks.submit')}
            </Button>
          </Group>
          <ErrorAlert error={create.error} />
          {create.data ? (
            <Alert color="teal.9" variant="outline" title={t('webhooks.secretTitle')}>
              <Code block>{create.data.secret}</Code>
              <Text size="sm" mt="xs">
                {t('webhooks.secretUsage')}
              </Text>
            </Alert>
          ) : null}
        </Stack>
      </Paper>
      {endpoints.isPending ? (
        <Loading />
      ) : endpoints.isError ? (
        <ErrorAlert error={endpoints.error} />
      ) : endpoints.data.items.length === 0 ? (
        <Text>{t('webhooks.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder aria-label={t('webhooks.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks.url')}</Table.Th>
                <Table.Th>{t('webhooks.events')}</Table.Th>
                <Table.Th>{t('webhooks.state')}</Table.Th>
                <Table.Th>{t('webhooks.failures')}</Table.Th>
                <Table.Th>{t('webhooks.createdAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {endpoints.data.items.map((endpoint) => (
                <Table.Tr key={endpoint.id}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{endpoint.url}</Table.Td>
                  <Table.Td>{endpoint.events.join(', ')}</Table.Td>
                  <Table.Td>
                    <Badge color={endpoint.state === 'active' ? 'teal.9' : 'red.9'} variant="filled">
                      {t(`webhooks.states.${endpoint.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{endpoint.consecutiveFailures}</Table.Td>
                  <Table.Td>{dateTime(endpoint.createdAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="outline" color="blue.9" onClick={() => setLogOf(endpoint)}>
                        {t('webhooks.log')}
                      </Button>
                      <Button size="xs" variant="outline" color="red.9" onClick={() => setDeleting(endpoint)}>
                        {t('webhooks.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {logOf ? <DeliveryLog endpoint={logOf} /> : null}
      <ConfirmModal
        opened={deleting !== null}
        title={t('webhooks.deleteTitle')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onCancel={() => setDeleting(null)}
      >
        <Text style={{ wordBreak: 'break-all' }}>
          {t('webhooks.deleteConfirm', { url: deleting?.url ?? '' })}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}

/** The deliveries of one endpoint, newest first, with their last status code and 【再送】. */
function DeliveryLog({ endpoint }: { endpoint: { id: number; url: string } }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = [...WEBHOOKS_KEY, endpoint.id, 'deliveries'];
  const log = useInfiniteQuery({
    queryKey: key,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(
        routes.webhooks.deliveries,
        { params: { id: endpoint.id }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        { signal },
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Pending deliveries change on their own: look again while any is waiting.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending')) ? 3000 : false,
  });
  const redeliver = useMutation({
    mutationFn: (id: number) => call(routes.webhooks.redeliver, { params: { id } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    },
  });
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm" style={{ wordBreak: 'break-all' }}>
        {t('webhooks.logTitle', { url: endpoint.url })}
      </Title>
      <ErrorAlert error={redeliver.error} />
      {redeliver.isSuccess ? (
        <Text c="teal.9" size="sm" mb="xs">
          {t('webhooks.redelivered')}
        </Text>
      ) : null}
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : items.length === 0 ? (
        <Text>{t('webhooks.logNone')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder fz="sm" aria-label={t('webhooks.log')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks.at')}</Table.Th>
                <Table.Th>{t('webhooks.events')}</Table.Th>
                <Table.Th>{t('webhooks.eventId')}</Table.Th>
                <Table.Th>{t('webhooks.status')}</Table.Th>
                <Table.Th>{t('webhooks.attempts')}</Table.Th>
                <Table.Th>{t('webhooks.statusCode')}</Table.Th>
                <Table.Th>{t('webhooks.error')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((delivery) => (
                <Table.Tr key={delivery.id}>
                  <Table.Td>{dateTime(delivery.lastAttemptAt ?? delivery.createdAt)}</Table.Td>
                  <Table.Td>{delivery.eventType}</Table.Td>
                  <Table.Td>
                    <Code>{delivery.eventId}</Code>
                  </Table.Td>
                  <Table.Td>{t(`webhooks.deliveryStates.${delivery.status}`)}</Table.Td>
                  <Table.Td>{delivery.attempts}</Table.Td>
                  <Table.Td>{delivery.lastStatusCode ?? '—'}</Table.Td>
                  <Table.Td>{delivery.lastError ?? ''}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="outline"
                      color="blue.9"
                      loading={redeliver.isPending && redeliver.variables === delivery.id}
                      onClick={() => redeliver.mutate(delivery.id)}
                    >
                      {t('webhooks.redeliver')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage ? (
        <Button
          variant="subtle"
          color="blue.9"
          mt="xs"
          onClick={() => log.fetchNextPage()}
          loading={log.isFetchingNextPage}
        >
          {t('webhooks.more')}
        </Button>
      ) : null}
    </Paper>
  );
}
