import {
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type RouteOutput, api as routes } from '@timecard/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';

type LeaveType = RouteOutput<typeof routes.leave.listTypes>['items'][number];

/**
 * 休暇区分 (issue 17): 有給休暇 (built in) and the contract's 特別休暇 / 無給休暇, with the units each
 * may be taken in. Administrators add, change and archive them; others only see the list.
 */
export function LeaveTypesCard({ types, canEdit }: { types: LeaveType[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'special' | 'unpaid'>('special');
  const [name, setName] = useState('');
  const [paid, setPaid] = useState(false);
  const [allowFull, setAllowFull] = useState(true);
  const [allowHalf, setAllowHalf] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['leave'] });
  const create = useMutation({
    mutationFn: () =>
      call(routes.leave.createType, {
        body: { kind, name, paid: kind === 'special' && paid, allowFull, allowHalf },
      }),
    onSuccess: (added) => {
      setNotice(t('leave.types.added', { name: added.name }));
      setName('');
      setPaid(false);
      void refresh();
    },
  });
  return (
    <Card withBorder padding="sm">
      <Title order={2} size="h4" mb="xs">
        {t('leave.types.title')}
      </Title>
      {notice ? <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert> : null}
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('leave.types.name')}</Table.Th>
            <Table.Th scope="col">{t('leave.types.kind')}</Table.Th>
            <Table.Th scope="col">{t('leave.types.pay')}</Table.Th>
            <Table.Th scope="col">{t('leave.types.units')}</Table.Th>
            <Table.Th scope="col">{t('leave.types.state')}</Table.Th>
            {canEdit ? <Table.Th scope="col">{t('leave.types.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {types.map((type) =>
            editing === type.id ? (
              <TypeEditRow
                key={type.id}
                type={type}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) {
                    setNotice(t('leave.types.saved', { name: saved }));
                    void refresh();
                  }
                }}
              />
            ) : (
              <Table.Tr key={type.id}>
                <Table.Th scope="row">{type.name}</Table.Th>
                <Table.Td>{t(`leave.types.kinds.${type.kind}`)}</Table.Td>
                <Table.Td>{type.paid ? t('leave.types.paid') : t('leave.types.unpaidPay')}</Table.Td>
                <Table.Td>{unitsText(t, type)}</Table.Td>
                <Table.Td>{type.archived ? t('leave.types.archived') : t('leave.types.active')}</Table.Td>
                {canEdit ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="outline"
                      onClick={() => setEditing(type.id)}
                      aria-label={t('leave.types.editOf', { name: type.name })}
                    >
                      {t('leave.types.edit')}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
      {canEdit ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setNotice(null);
            create.mutate();
          }}
        >
          <Title order={3} size="h5" mt="sm" mb="xs">
            {t('leave.types.addTitle')}
          </Title>
          <ErrorAlert error={create.error} />
          <Stack gap="xs">
            <Group align="end">
              <TextInput
                label={t('leave.types.name')}
                value={name}
                maxLength={30}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <NativeSelect
                label={t('leave.types.kind')}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as 'special' | 'unpaid')}
                data={[
                  { value: 'special', label: t('leave.types.kinds.special') },
                  { value: 'unpaid', label: t('leave.types.kinds.unpaid') },
                ]}
              />
            </Group>
            <Group>
              {kind === 'special' ? (
                <Checkbox
                  label={t('leave.types.paid')}
                  checked={paid}
                  onChange={(e) => setPaid(e.currentTarget.checked)}
                />
              ) : null}
              <Checkbox
                label={t('leave.units.full')}
                checked={allowFull}
                onChange={(e) => setAllowFull(e.currentTarget.checked)}
              />
              <Checkbox
                label={t('leave.types.half')}
                checked={allowHalf}
                onChange={(e) => setAllowHalf(e.currentTarget.checked)}
              />
              <Button type="submit" loading={create.isPending}>
                {t('leave.types.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Card>
  );
}

function unitsText(t: (key: string) => string, type: LeaveType) {
  return [
    ...(type.allowFull ? [t('leave.units.full')] : []),
    ...(type.allowHalf ? [t('leave.types.half')] : []),
    ...(type.allowHours ? [t('leave.units.hours')] : []),
  ].join('・');
}

/** One 休暇区分 being changed in place; 有給休暇 keeps its name and 全日 (only 半休 and 時間単位 change). */
function TypeEditRow({ type, onDone }: { type: LeaveType; onDone: (saved: string | null) => void }) {
  const { t } = useTranslation();
  const annual = type.kind === 'annual';
  const [name, setName] = useState(type.name);
  const [paid, setPaid] = useState(type.paid);
  const [allowFull, setAllowFull] = useState(type.allowFull);
  const [allowHalf, setAllowHalf] = useState(type.allowHalf);
  const [allowHours, setAllowHours] = useState(type.allowHours);
  const [archived, setArchived] = useState(type.archived);
  const save = useMutation({
    mutationFn: () =>
      call(routes.leave.updateType, {
        params: { id: type.id },
        body: annual
          ? { allowHalf, allowHours }
          : { name, ...(type.kind === 'special' ? { paid } : {}), allowFull, allowHalf, archived },
      }),
    onSuccess: (saved) => onDone(saved.name),
  });
  return (
    <Table.Tr>
      <Table.Td colSpan={6}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate();
          }}
        >
          <ErrorAlert error={save.error} />
          <Group align="end">
            {annual ? (
              <Text fw={700}>{type.name}</Text>
            ) : (
              <TextInput
                label={t('leave.types.name')}
                value={name}
                maxLength={30}
                onChange={(e) => setName(e.currentTarget.value)}
              />
            )}
            {type.kind === 'special' ? (
              <Checkbox
                label={t('leave.types.paid')}
                checked={paid}
                onChange={(e) => setPaid(e.currentTarget.checked)}
              />
            ) : null}
            {annual ? null : (
              <Checkbox
                label={t('leave.units.full')}
                checked={allowFull}
                onChange={(e) => setAllowFull(e.currentTarget.checked)}
              />
            )}
            <Checkbox
              label={t('leave.types.half')}
              checked={allowHalf}
              onChange={(e) => setAllowHalf(e.currentTarget.checked)}
            />
            {annual ? (
              <Checkbox
                label={t('leave.units.hours')}
                checked={allowHours}
                onChange={(e) => setAllowHours(e.currentTarget.checked)}
              />
            ) : (
              <Checkbox
                label={t('leave.types.archive')}
                checked={archived}
                onChange={(e) => setArchived(e.currentTarget.checked)}
              />
            )}
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('leave.types.save')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => onDone(null)}>
              {t('leave.types.cancel')}
            </Button>
          </Group>
        </form>
      </Table.Td>
    </Table.Tr>
  );
}
