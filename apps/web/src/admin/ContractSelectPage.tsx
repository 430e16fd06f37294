import { Badge, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ME_KEY, rememberCsrfToken, useMe } from '../shared/api.ts';
import { call } from '../shared/client.ts';
import { ErrorAlert } from '../shared/ErrorAlert.tsx';
import { Loading } from '../shared/Loading.tsx';
import { PublicPage } from '../shared/PublicPage.tsx';
import { useLogout } from './useLogout.ts';

/** After login, an account in several contracts chooses one (its name and 契約ID shown). */
export function ContractSelectPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const logout = useLogout();
  const select = useMutation({
    mutationFn: (contractId: string) => call(routes.auth.selectContract, { body: { contractId } }),
    onSuccess: (answer) => {
      rememberCsrfToken('admin', answer.csrfToken);
      queryClient.setQueryData(ME_KEY, answer);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      navigate('/admin', { replace: true });
    },
  });

  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/admin/login" replace />;
  return (
    <PublicPage title={t('admin.selectContract.title')}>
      <Stack>
        <Text>{t('admin.selectContract.lead')}</Text>
        <ErrorAlert error={select.error ?? me.error} />
        {me.data.contracts.map((contract) => (
          <Button
            key={contract.id}
            variant={me.data?.contract?.id === contract.id ? 'filled' : 'default'}
            size="lg"
            h="auto"
            py="sm"
            justify="space-between"
            loading={select.isPending && select.variables === contract.id}
            onClick={() => select.mutate(contract.id)}
            rightSection={
              contract.loginStatus === 'stopped' ? (
                <Badge color="gray.7" variant="filled">
                  {t('staffStatus.stopped')}
                </Badge>
              ) : null
            }
            styles={{ label: { whiteSpace: 'normal', textAlign: 'left', display: 'block' } }}
          >
            <Text component="span" fw={700} display="block">
              {contract.name}
            </Text>
            <Text component="span" size="sm" display="block">
              {t('admin.selectContract.contractId', { id: contract.id })}
            </Text>
          </Button>
        ))}
        <Button variant="subtle" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('admin.menu.logout')}
        </Button>
      </Stack>
    </PublicPage>
  );
}
