import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { type Feature, PLANS, type Plan } from '@timecard/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ME_KEY } from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { featureName, languageOf, planName } from './planAccess.ts';

const PLANS_KEY = ['plans'] as const;

/**
 * 設定 > プラン (issue 13): the current plan, the four plans side by side (from the one matrix in
 * packages/domain), and a change in place — self-hosted there is no billing.
 */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const queryClient = useQueryClient();
  const plans = useQuery({
    queryKey: PLANS_KEY,
    queryFn: ({ signal }) => call(routes.plans.list, {}, { signal }),
  });
  const [chosen, setChosen] = useState<Plan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [changedTo, setChangedTo] = useState<Plan | null>(null);
  const change = useMutation({
    mutationFn: (plan: Plan) => call(routes.plans.change, { body: { plan } }),
    onSuccess: async (data) => {
      queryClient.setQueryData(PLANS_KEY, data);
      setChangedTo(data.current);
      setConfirming(false);
      setChosen(null);
      // The menu's plan badges and the gated pages follow the session's plan.
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });

  if (plans.isPending) return <Loading />;
  if (plans.isError) return <ErrorAlert error={plans.error} />;
  const data = plans.data;
  const target = chosen ?? data.current;
  const rank = (plan: Plan) => PLANS.indexOf(plan);
  const lost = data.features
    .filter((f) => rank(f.minPlan) > rank(target) && rank(f.minPlan) <= rank(data.current))
    .map((f) => featureName(f.id as Feature, language));

  return (
    <AdminPage title={t('plans.page.title')}>
      <Text fw={700} size="lg">
        {t('plans.page.current', { plan: planName(data.current, language) })}
      </Text>
      {changedTo && (
        <NoticeAlert>{t('plans.page.changed', { plan: planName(changedTo, language) })}</NoticeAlert>
      )}
      <Text>{t('plans.page.intro')}</Text>
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder withColumnBorders striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plans.page.feature')}</Table.Th>
              {data.plans.map((plan) => (
                <Table.Th key={plan.id} scope="col" ta="center">
                  <Stack gap={4} align="center">
                    <Text fw={700}>{plan.label[language]}</Text>
                    {plan.id === data.current && (
                      <Badge color="teal.9" variant="filled">
                        {t('plans.page.currentBadge')}
                      </Badge>
                    )}
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">
                <Text fw={700}>{t('plans.page.base')}</Text>
                {data.base.map((line) => (
                  <Text key={line.ja} size="sm">
                    {line[language]}
                  </Text>
                ))}
              </Table.Th>
              {data.plans.map((plan) => (
                <Mark key={plan.id} included />
              ))}
            </Table.Tr>
            {data.features.map((feature) => (
              <Table.Tr key={feature.id}>
                <Table.Th scope="row">
                  <Text fw={700}>{feature.name[language]}</Text>
                  <Text size="sm">{feature.description[language]}</Text>
                </Table.Th>
                {data.plans.map((plan) => (
                  <Mark key={plan.id} included={rank(plan.id) >= rank(feature.minPlan)} />
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t('plans.page.changeTitle')}
        </Title>
        {data.canChange ? (
          <Stack gap="sm">
            <Text size="sm">{t('plans.page.selfHosted')}</Text>
            <Group align="end">
              <NativeSelect
                label={t('plans.page.newPlan')}
                value={target}
                onChange={(event) => setChosen(event.currentTarget.value as Plan)}
                data={data.plans.map((plan) => ({ value: plan.id, label: plan.label[language] }))}
              />
              <Button disabled={target === data.current} onClick={() => setConfirming(true)}>
                {t('plans.page.change')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text>{t('plans.page.adminOnly')}</Text>
        )}
      </Paper>
      <ConfirmModal
        opened={confirming}
        title={t('plans.page.confirmTitle')}
        loading={change.isPending}
        error={change.error}
        onConfirm={() => change.mutate(target)}
        onCancel={() => setConfirming(false)}
      >
        <Text>
          {lost.length > 0
            ? t('plans.page.confirmDown', {
                from: planName(data.current, language),
                to: planName(target, language),
                features: lost.join('、'),
              })
            : t('plans.page.confirmUp', {
                from: planName(data.current, language),
                to: planName(target, language),
              })}
        </Text>
      </ConfirmModal>
    </AdminPage>
  );
}

function Mark({ included }: { included: boolean }) {
  const { t } = useTranslation();
  const label = included ? t('plans.page.included') : t('plans.page.notIncluded');
  return (
    <Table.Td ta="center" aria-label={label} title={label}>
      <Text aria-hidden fw={700} c={included ? 'teal.9' : 'gray.7'}>
        {included ? '✓' : '—'}
      </Text>
    </Table.Td>
  );
}
