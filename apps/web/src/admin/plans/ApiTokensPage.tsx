import {
  Alert,
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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_AREAS, api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { WebhooksSection } from './WebhooksSection.tsx';

const TOKENS_KEY = ['api-tokens'] as const;

const dateTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('ja-JP') : '—');

/**
 * 設定 > API連携 (issue 14, エンタープライズ): tokens for other programs. A new token is shown once;
 * the list shows each token's scopes and when it was last used, with 【削除】. Below them, the
 * webhooks (WebhooksSection).
 */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: ({ signal }) => call(routes.apiTokens.list, {}, { signal }),
  });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const [deleting, setDeleting] = useState<{ id: number; name: string } | null>(null);
  const create = useMutation({
    mutationFn: () => call(routes.apiTokens.create, { body: { name, scopes, expiresOn: expiresOn || null } }),
    onSuccess: async () => {
      setName('');
      setScopes([]);
      setExpiresOn('');
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => call(routes.apiTokens.delete, { params: { id } }),
    onSuccess: async () => {
      setDeleting(null);
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });

  return (
    <AdminPage title={t('plans.api.title')}>
      <Text>{t('plans.api.lead')}</Text>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('plans.api.create')}
        </Title>
        <Stack gap="sm">
          <TextInput
            label={t('plans.api.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Checkbox.Group label={t('plans.api.scopes')} value={scopes} onChange={setScopes}>
            <Table withTableBorder fz="sm" mt={4} maw={480}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plans.api.area')}</Table.Th>
                  <Table.Th>{t('plans.api.read')}</Table.Th>
                  <Table.Th>{t('plans.api.write')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {API_AREAS.map((area) => (
                  <Table.Tr key={area}>
                    <Table.Td>{t(`plans.api.areas.${area}`)}</Table.Td>
                    {(['read', 'write'] as const).map((access) => (
                      <Table.Td key={access}>
                        <Checkbox
                          value={`${area}:${access}`}
                          aria-label={`${t(`plans.api.areas.${area}`)} ${t(`plans.api.${access}`)}`}
                        />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Checkbox.Group>
          <TextInput
            type="date"
            label={t('plans.api.expiresOn')}
            description={t('plans.api.expiresHint')}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            maw={240}
          />
          <Group>
            <Button
              onClick={() => create.mutate()}
              loading={create.isPending}
              disabled={!name || scopes.length === 0}
            >
              {t('plans.api.submit')}
            </Button>
          </Group>
          <ErrorAlert error={create.error} />
          {create.data ? (
            <Alert color="teal.9" variant="outline" title={t('plans.api.shownOnce')}>
              <Code block>{create.data.token}</Code>
              <Text size="sm" mt="xs">
                {t('plans.api.usage')}
              </Text>
            </Alert>
          ) : null}
        </Stack>
      </Paper>
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorAlert error={tokens.error} />
      ) : tokens.data.items.length === 0 ? (
        <Text>{t('plans.api.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans.api.name')}</Table.Th>
                <Table.Th>{t('plans.api.scopes')}</Table.Th>
                <Table.Th>{t('plans.api.createdAt')}</Table.Th>
                <Table.Th>{t('plans.api.expiresOn')}</Table.Th>
                <Table.Th>{t('plans.api.lastUsed')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    {token.name}
                    <Text size="xs">{token.prefix}…</Text>
                  </Table.Td>
                  <Table.Td>{token.scopes.join(', ')}</Table.Td>
                  <Table.Td>{dateTime(token.createdAt)}</Table.Td>
                  <Table.Td>{dateTime(token.expiresAt)}</Table.Td>
                  <Table.Td>{dateTime(token.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="outline" color="red.9" onClick={() => setDeleting(token)}>
                      {t('plans.api.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={t('plans.api.deleteTitle')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onCancel={() => setDeleting(null)}
      >
        <Text>{t('plans.api.deleteConfirm', { name: deleting?.name ?? '' })}</Text>
      </ConfirmModal>
      <WebhooksSection />
    </AdminPage>
  );
}
