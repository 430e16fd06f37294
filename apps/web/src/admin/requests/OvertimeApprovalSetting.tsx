import { Card, Switch, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import { useTranslation } from 'react-i18next';
import { call } from '../../shared/client.ts';
import { ErrorAlert } from '../../shared/ErrorAlert.tsx';

const KEY = ['requests', 'settings'] as const;

/**
 * 残業は承認制 (administrators, ADR 025): when on, work past the shift or schedule counts only up to
 * an approved 残業申請's planned end; the rest shows on the timecard as 未承認残業.
 */
export function OvertimeApprovalSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => call(routes.requests.getSettings, {}, { signal }),
  });
  const save = useMutation({
    mutationFn: (overtimeNeedsApproval: boolean) =>
      call(routes.requests.putSettings, { body: { overtimeNeedsApproval } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      await queryClient.invalidateQueries({ queryKey: ['timecard'] });
    },
  });
  if (!settings.data) return <ErrorAlert error={settings.error} />;
  return (
    <Card withBorder padding="sm">
      <Switch
        label={t('requests.overtimeSetting.label')}
        description={t('requests.overtimeSetting.description')}
        checked={save.isPending ? save.variables : settings.data.overtimeNeedsApproval}
        disabled={save.isPending}
        onChange={(e) => save.mutate(e.currentTarget.checked)}
      />
      {save.error ? <ErrorAlert error={save.error} /> : null}
      {save.isSuccess ? (
        <Text fz="sm" mt="xs" role="status">
          {t('requests.overtimeSetting.saved')}
        </Text>
      ) : null}
    </Card>
  );
}
