import { Button, Card, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { postCsv } from '../timecards/timecardApi.ts';

/**
 * `row3.staff_code` → 「3行目: staff_code: スタッフが見つかりません。」, in row order, so the person
 * fixing the file reads it top to bottom.
 */
export function rowProblems(
  fields: Record<string, { message: string }>,
  line: (row: number, field: string, message: string) => string,
): string[] {
  return Object.entries(fields)
    .map(([name, field]) => {
      const match = /^row(\d+)\.(.+)$/.exec(name);
      return match
        ? { row: Number(match[1]), text: line(Number(match[1]), match[2]!, field.message) }
        : { row: Number.MAX_SAFE_INTEGER, text: `${name}: ${field.message}` };
    })
    .sort((a, b) => a.row - b.row)
    .map((p) => p.text);
}

/**
 * 打刻データの取り込み: a CSV (`staff_code,type,at`, UTF-8 or Shift_JIS) sent as it is to
 * POST /punch-imports — the server decodes it, checks every row and imports all or nothing.
 */
export function PunchImportCard({ csrfToken }: { csrfToken: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      postCsv<{ imported: number; skipped: number }>('/punch-imports', chosen, csrfToken),
    onSuccess: async () => {
      setFile(null);
      if (input.current) input.current.value = '';
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['reports'] }),
        queryClient.invalidateQueries({ queryKey: ['timecard'] }),
      ]);
    },
  });
  const problems =
    isApiError(upload.error) && upload.error.code === 'csv_rows_rejected'
      ? rowProblems(upload.error.fields, (row, field, message) =>
          t('timecard.import.rowProblem', { row, field, message }),
        )
      : [];

  return (
    <Card withBorder padding="sm" className="tc-no-print">
      <Title order={2} size="h4" mb="xs">
        {t('timecard.import.title')}
      </Title>
      <Stack gap="xs">
        <Text fz="sm">
          {t('timecard.import.lead')} <Code>staff_code,type,at</Code>
        </Text>
        <Text fz="xs" c="dimmed">
          {t('timecard.import.hint')}
        </Text>
        <Group align="flex-end" gap="sm">
          <Stack gap={4}>
            <Text component="label" htmlFor={inputId} fz="sm" fw={500}>
              {t('timecard.import.file')}
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
            {t('timecard.import.submit')}
          </Button>
        </Group>
        {upload.data ? (
          <NoticeAlert onClose={() => upload.reset()}>
            {t('timecard.import.done', { count: upload.data.imported })}
            {upload.data.skipped > 0 ? t('timecard.import.skipped', { count: upload.data.skipped }) : ''}
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
