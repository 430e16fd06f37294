import { Button, Card, Code, Group, List, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { rowProblems } from '../reports/PunchImportCard.tsx';
import { postCsv } from '../timecards/timecardApi.ts';

/**
 * シフトの取り込み・出力 in 集計・出力 (issue 15): the published shifts of an office for the period as
 * CSV (`staff_code,date,start,end,breaks`, the import format), and an import of such a file —
 * every row checked first, all or nothing, imported shifts published.
 */
export function ShiftCsvCard({
  offices,
  from,
  to,
  encoding,
  csrfToken,
}: {
  offices: { id: number; name: string }[];
  from: string;
  to: string;
  encoding: 'utf-8' | 'shift_jis';
  csrfToken: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [officeId, setOfficeId] = useState<number | null>(offices[0]?.id ?? null);
  const [file, setFile] = useState<File | null>(null);
  const office = officeId ?? offices[0]?.id;
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      postCsv<{ imported: number; changed: number }>(`/offices/${office}/shift-imports`, chosen, csrfToken),
    onSuccess: async () => {
      setFile(null);
      if (input.current) input.current.value = '';
      await queryClient.invalidateQueries();
    },
  });
  if (office === undefined) return null;
  const problems =
    isApiError(upload.error) && upload.error.code === 'csv_rows_rejected'
      ? rowProblems(upload.error.fields, (row, field, message) =>
          t('timecard.import.rowProblem', { row, field, message }),
        )
      : [];
  const exportHref = `/api/v1/offices/${office}/shifts.csv?${new URLSearchParams({ from, to, encoding })}`;

  return (
    <Card withBorder padding="sm" className="tc-no-print">
      <Title order={2} size="h4" mb="xs">
        {t('shifts.csv.title')}
      </Title>
      <Stack gap="xs">
        <Text fz="sm">
          {t('shifts.csv.lead')} <Code>staff_code,date,start,end,breaks</Code>
        </Text>
        <Text fz="xs">{t('shifts.csv.hint')}</Text>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('shifts.csv.office')}
            value={String(office)}
            onChange={(event) => setOfficeId(Number(event.currentTarget.value))}
            data={offices.map((o) => ({ value: String(o.id), label: o.name }))}
          />
          <Button component="a" href={exportHref} download variant="outline">
            {t('shifts.csv.export')}
          </Button>
        </Group>
        <Group align="flex-end" gap="sm">
          <Stack gap={4}>
            <Text component="label" htmlFor={inputId} fz="sm" fw={500}>
              {t('shifts.csv.file')}
            </Text>
            <input
              id={inputId}
              ref={input}
              type="file"
              accept=".csv,text/csv"
              onChange={(event) => {
                upload.reset();
                setFile(event.currentTarget.files?.[0] ?? null);
              }}
            />
          </Stack>
          <Button onClick={() => file && upload.mutate(file)} disabled={!file} loading={upload.isPending}>
            {t('shifts.csv.import')}
          </Button>
        </Group>
        {upload.data ? (
          <NoticeAlert onClose={() => upload.reset()}>
            {t('shifts.csv.done', { count: upload.data.imported, changed: upload.data.changed })}
          </NoticeAlert>
        ) : null}
        {upload.error ? (
          problems.length > 0 ? (
            <div role="alert">
              <Text fz="sm" c="red.9" fw={500}>
                {upload.error.message}
              </Text>
              <List size="sm" c="red.9" mt={4}>
                {problems.map((problem) => (
                  <List.Item key={problem}>{problem}</List.Item>
                ))}
              </List>
            </div>
          ) : (
            <ErrorAlert error={upload.error} />
          )
        ) : null}
      </Stack>
    </Card>
  );
}
