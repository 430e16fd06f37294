import { Alert, Button, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { APP_ME_KEY, type AppMe, useAppMe } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Loading } from '../shared/Loading.tsx';
import { rememberOffice, useAppLogout } from './appSession.ts';
import { TerminalFrame } from './TerminalFrame.tsx';

/**
 * The app's 事業所 list: offices where the account has 事業所管理 = 編集 are selectable; the others are
 * listed under 『事業所編集権限のない事業所』 and cannot be chosen (seed, product.md §2).
 */
export function TerminalOfficesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useAppMe();
  const logout = useAppLogout();
  const select = useMutation({
    mutationFn: (target: { contractId: string; officeId: number }) =>
      call(routes.app.selectOffice, { body: target }),
    onSuccess: (_answer, target) => {
      rememberOffice(target);
      queryClient.setQueryData<AppMe | null>(APP_ME_KEY, (old) => (old ? { ...old, selected: target } : old));
      navigate('/app/terminal');
    },
  });

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} m="md" />;
  if (!me.data) return <Navigate to="/app" replace />;
  const contracts = me.data.contracts;
  const several = contracts.length > 1;
  const locked = contracts.flatMap((contract) =>
    contract.offices.filter((office) => !office.editable).map((office) => ({ contract, office })),
  );
  const selectable = contracts.filter((contract) => contract.offices.some((office) => office.editable));

  return (
    <TerminalFrame
      title={t('terminal.offices.title')}
      headerRight={
        <Button variant="default" size="md" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('terminal.logout')}
        </Button>
      }
    >
      <Stack gap="xl">
        <Text size="lg">{t('terminal.offices.lead')}</Text>
        <ErrorAlert error={select.error} />
        {selectable.length === 0 ? (
          <Alert color="gray" variant="light">
            <Text size="lg">{t('terminal.offices.none')}</Text>
          </Alert>
        ) : (
          selectable.map((contract) => (
            <Stack key={contract.id} gap="sm">
              {several ? (
                <Title order={2} size="h3">
                  {contract.name}
                </Title>
              ) : null}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {contract.offices
                  .filter((office) => office.editable)
                  .map((office) => (
                    <Button
                      key={office.id}
                      size="xl"
                      h={88}
                      loading={select.isPending && select.variables?.officeId === office.id}
                      onClick={() => select.mutate({ contractId: contract.id, officeId: office.id })}
                    >
                      {office.name}
                    </Button>
                  ))}
              </SimpleGrid>
            </Stack>
          ))
        )}
        {locked.length > 0 ? (
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('terminal.offices.locked')}
            </Title>
            <Text>{t('terminal.offices.lockedHint')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {locked.map(({ contract, office }) => (
                <Button key={`${contract.id}-${office.id}`} size="xl" h={88} disabled variant="default">
                  {several ? `${office.name}（${contract.name}）` : office.name}
                </Button>
              ))}
            </SimpleGrid>
          </Stack>
        ) : null}
      </Stack>
    </TerminalFrame>
  );
}
