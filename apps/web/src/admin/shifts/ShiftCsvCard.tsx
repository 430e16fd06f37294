import { Button, Card, Code, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvImportReport } from '../../shared/CsvImportReport.tsx';
import { CsvUploadControls, useCsvUpload } from '../../shared/CsvUploadControls.tsx';
import { NoticeAlert } from '../../shared/ErrorAlert.tsx';

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
  const [officeId, setOfficeId] = useState<number | null>(null);
  const office = officeId ?? offices[0]?.id;
  const upload = useCsvUpload<{ imported: number; changed: number }>(
    `/offices/${office}/shift-imports`,
    csrfToken,
    () => queryClient.invalidateQueries(),
  );
  if (office === undefined) return null;
  const result = upload.mutation.data;
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
        <CsvUploadControls
          upload={upload}
          fileLabel={t('shifts.csv.file')}
          submitLabel={t('shifts.csv.import')}
        />
        {result ? (
          <NoticeAlert onClose={() => upload.mutation.reset()}>
            {t('shifts.csv.done', { count: result.imported, changed: result.changed })}
          </NoticeAlert>
        ) : null}
        <CsvImportReport error={upload.mutation.error} />
      </Stack>
    </Card>
  );
}
