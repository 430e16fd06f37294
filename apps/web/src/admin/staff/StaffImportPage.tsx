import { Anchor, Button, Card, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CsvImportReport } from '../../shared/CsvImportReport.tsx';
import { uploadCsv } from '../../shared/csvUpload.ts';
import { NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';

/** The columns of the template, in its order (the server's STAFF_CSV_TEMPLATE). */
const COLUMNS = [
  'name',
  'kana',
  'code',
  'email',
  'employmentType',
  'hiredOn',
  'office',
  'workStyle',
] as const;
const TEMPLATE_URL = '/api/v1/staff-imports/template.csv';
/** The server's CSV_UPLOAD_LIMIT_MB: a larger file is refused (413) with the same figure. */
const LIMIT_MB = 10;

/**
 * 従業員 > CSV取込 (issue 11 §6): a file in the template's format, sent as it is to POST
 * /staff-imports; the server checks every row with the staff form's rules and imports all or nothing.
 */
export function StaffImportPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState(0);
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      setSent(0);
      return uploadCsv<{ imported: number; mailsQueued: number }>(
        '/staff-imports',
        chosen,
        me.csrfToken,
        setSent,
      );
    },
    onSuccess: async () => {
      setFile(null);
      if (input.current) input.current.value = '';
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
    },
  });

  const downloadTemplate = () => {
    const link = document.createElement('a');
    link.href = TEMPLATE_URL;
    link.download = 'staff_import_template.csv';
    document.body.append(link);
    link.click();
    link.remove();
  };

  return (
    <AdminPage title={t('staffImport.title')}>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Text fz="sm">{t('staffImport.lead')}</Text>
          <Group>
            <Button variant="default" onClick={downloadTemplate}>
              {t('staffImport.template')}
            </Button>
          </Group>
          <Title order={2} size="h5">
            {t('staffImport.columnsTitle')}
          </Title>
          <List size="sm" spacing={2}>
            {COLUMNS.map((column) => (
              <List.Item key={column}>{t(`staffImport.columns.${column}`)}</List.Item>
            ))}
          </List>
          <Text fz="xs" c="dimmed">
            {t('staffImport.hint', { limit: LIMIT_MB })}
          </Text>
          <Group align="flex-end" gap="sm">
            <Stack gap={4}>
              <Text component="label" htmlFor={inputId} fz="sm" fw={500}>
                {t('staffImport.file')}
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
              {t('staffImport.submit')}
            </Button>
          </Group>
          {upload.isPending ? (
            <Stack gap={4}>
              <Progress
                value={sent < 1 ? Math.round(sent * 100) : 100}
                striped={sent >= 1}
                animated={sent >= 1}
                aria-label={t('staffImport.progressLabel')}
              />
              <Text fz="sm" aria-live="polite">
                {sent < 1
                  ? t('staffImport.uploading', { percent: Math.round(sent * 100) })
                  : t('staffImport.processing')}
              </Text>
            </Stack>
          ) : null}
          {upload.data ? (
            <NoticeAlert onClose={() => upload.reset()}>
              {t('staffImport.done', { count: upload.data.imported })}
              {upload.data.mailsQueued > 0 ? t('staffImport.mails', { count: upload.data.mailsQueued }) : ''}{' '}
              <Anchor component={Link} to="/admin/staff" fz="sm">
                {t('staffImport.toList')}
              </Anchor>
            </NoticeAlert>
          ) : null}
          <CsvImportReport error={upload.error} />
        </Stack>
      </Card>
    </AdminPage>
  );
}
