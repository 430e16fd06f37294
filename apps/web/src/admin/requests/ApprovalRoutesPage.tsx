import { Button, Card, Group, List, Modal, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { Loading } from '../../shared/Loading.tsx';
import { AdminPage } from '../AdminPage.tsx';
import { useOffices, useStaffList } from '../staff/staffQueries.ts';
import {
  type ApprovalStep,
  draftOf,
  MAX_STEPS,
  NEW_STEP,
  type RouteRow,
  routeRowsOf,
  STEP_LEVELS,
  STEP_RIGHTS,
  type StepDraft,
  stepsOf,
} from './approvalRouteModel.ts';

const KEY = ['approval-routes'] as const;

/**
 * ワークフロー > 承認経路 (エンタープライズ, administrators; issue 18): per office and 申請の種類, the
 * route new requests follow — up to 3 steps, each a person, anyone with a right on the office, or the
 * administrators — or the default (the office's 実績 編集, then any administrator). Open requests
 * keep the route they were made with (ADR 017).
 */
export function ApprovalRoutesPage() {
  const { t } = useTranslation();
  const offices = useOffices();
  const staff = useStaffList({ usage: 'active' });
  const data = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => call(routes.approvalRoutes.list, {}, { signal }),
  });
  const [editing, setEditing] = useState<RouteRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const people = (staff.data?.pages ?? []).flatMap((page) => page.items);
  const nameOf = (id: number) => people.find((p) => p.id === id)?.name ?? `#${id}`;
  const officeName = (id: number) => offices.data?.find((o) => o.id === id)?.name ?? '';

  const stepText = (step: ApprovalStep) =>
    step.type === 'person'
      ? t('requests.routePerson', { name: nameOf(step.staffId) })
      : step.type === 'admin'
        ? t('requests.routeAdmin')
        : t('requests.routeRight', {
            right: t(`requests.rights.${step.right}`),
            level: t(`requests.levels.${step.level}`),
          });

  if (data.error) return <ErrorAlert error={data.error} />;
  if (offices.error) return <ErrorAlert error={offices.error} />;
  if (!data.data || !offices.data) return <Loading />;
  const rows = routeRowsOf(data.data, offices.data);

  return (
    <AdminPage title={t('requests.routes.title')}>
      <Text>{t('requests.routes.lead')}</Text>
      {notice && <NoticeAlert>{notice}</NoticeAlert>}
      {offices.data.map((office) => (
        <Card key={office.id} withBorder padding="sm">
          <Table verticalSpacing="xs" aria-labelledby={`route-office-${office.id}`}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>
              <Title order={2} size="h4" id={`route-office-${office.id}`} c="var(--mantine-color-text)">
                {office.name}
              </Title>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('requests.routes.kind')}</Table.Th>
                <Table.Th scope="col">{t('requests.route')}</Table.Th>
                <Table.Th scope="col">{t('requests.routes.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows
                .filter((row) => row.officeId === office.id)
                .map((row) => (
                  <Table.Tr key={row.kind}>
                    <Table.Th scope="row">{t(`requests.kinds.${row.kind}`)}</Table.Th>
                    <Table.Td>
                      {row.isDefault && (
                        <Text fz="sm" c="dimmed">
                          {t('requests.routes.default')}
                        </Text>
                      )}
                      <List type="ordered" fz="sm">
                        {row.steps.map((step, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: a route's steps are ordered by position
                          <List.Item key={i}>{stepText(step)}</List.Item>
                        ))}
                      </List>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('requests.routes.editOf', {
                          office: office.name,
                          kind: t(`requests.kinds.${row.kind}`),
                        })}
                        onClick={() => {
                          setNotice(null);
                          setEditing(row);
                        }}
                      >
                        {t('requests.routes.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
      {editing && (
        <RouteEditor
          row={editing}
          title={t('requests.routes.editTitle', {
            office: officeName(editing.officeId),
            kind: t(`requests.kinds.${editing.kind}`),
          })}
          people={people.map((p) => ({
            value: String(p.id),
            label: p.code ? `${p.name} (${p.code})` : p.name,
          }))}
          onClose={() => setEditing(null)}
          onSaved={(reset) => {
            setEditing(null);
            setNotice(t(reset ? 'requests.routes.resetDone' : 'requests.routes.saved'));
          }}
        />
      )}
    </AdminPage>
  );
}

function RouteEditor({
  row,
  title,
  people,
  onClose,
  onSaved,
}: {
  row: RouteRow;
  title: string;
  people: { value: string; label: string }[];
  onClose: () => void;
  onSaved: (reset: boolean) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [drafts, setDrafts] = useState<StepDraft[]>(row.isDefault ? [NEW_STEP] : row.steps.map(draftOf));
  const [missing, setMissing] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (steps: ApprovalStep[]) =>
      call(routes.approvalRoutes.put, { body: { officeId: row.officeId, kind: row.kind, steps } }),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      onSaved(answer.steps.length === 0);
    },
  });
  const set = (i: number, patch: Partial<StepDraft>) => {
    setMissing(null);
    setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const result = stepsOf(drafts);
          if ('missingPerson' in result) setMissing(result.missingPerson);
          else save.mutate(result.steps);
        }}
      >
        <Stack gap="sm">
          <Text fz="sm">{t('requests.routes.editLead', { max: MAX_STEPS })}</Text>
          {drafts.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are edited in place, by position
            <Card key={i} withBorder padding="xs">
              <Group align="flex-end" wrap="wrap">
                <NativeSelect
                  label={t('requests.routes.stepType', { n: i + 1 })}
                  value={d.type}
                  onChange={(e) => set(i, { type: e.currentTarget.value as StepDraft['type'] })}
                  data={(['person', 'right', 'admin'] as const).map((type) => ({
                    value: type,
                    label: t(`requests.routes.types.${type}`),
                  }))}
                />
                {d.type === 'person' && (
                  <NativeSelect
                    label={t('requests.routes.person', { n: i + 1 })}
                    value={d.staffId}
                    error={missing === i ? t('requests.routes.personRequired') : undefined}
                    onChange={(e) => set(i, { staffId: e.currentTarget.value })}
                    data={[{ value: '', label: t('requests.routes.choosePerson') }, ...people]}
                  />
                )}
                {d.type === 'right' && (
                  <>
                    <NativeSelect
                      label={t('requests.routes.right', { n: i + 1 })}
                      value={d.right}
                      onChange={(e) => set(i, { right: e.currentTarget.value as StepDraft['right'] })}
                      data={STEP_RIGHTS.map((right) => ({
                        value: right,
                        label: t(`requests.rights.${right}`),
                      }))}
                    />
                    <NativeSelect
                      label={t('requests.routes.level', { n: i + 1 })}
                      value={d.level}
                      onChange={(e) => set(i, { level: e.currentTarget.value as StepDraft['level'] })}
                      data={STEP_LEVELS.map((level) => ({
                        value: level,
                        label: t(`requests.levels.${level}`),
                      }))}
                    />
                  </>
                )}
                <Button
                  variant="default"
                  disabled={drafts.length === 1}
                  onClick={() => {
                    setMissing(null);
                    setDrafts(drafts.filter((_, j) => j !== i));
                  }}
                >
                  {t('requests.routes.removeStep', { n: i + 1 })}
                </Button>
              </Group>
            </Card>
          ))}
          {drafts.length < MAX_STEPS && (
            <Group>
              <Button variant="default" onClick={() => setDrafts([...drafts, NEW_STEP])}>
                {t('requests.routes.addStep')}
              </Button>
            </Group>
          )}
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="space-between">
            <Button
              variant="default"
              disabled={row.isDefault}
              loading={save.isPending && save.variables?.length === 0}
              onClick={() => save.mutate([])}
            >
              {t('requests.routes.reset')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('requests.routes.cancel')}
              </Button>
              <Button type="submit" color="teal.9" loading={save.isPending && save.variables?.length !== 0}>
                {t('requests.routes.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
