import { Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CsvImportReport } from '../../shared/CsvImportReport.tsx';
import { CsvUploadControls, useCsvUpload } from '../../shared/CsvUploadControls.tsx';
import { NoticeAlert } from '../../shared/ErrorAlert.tsx';
import { useAdminSession } from '../AdminLayout.tsx';
import { AdminPage } from '../AdminPage.tsx';

/** The template's columns, in its order (the server's STAFF_CSV_TEMPLATE). */
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

/** Saves the template through the browser's download (the session cookie goes with the GET). */
function downloadTemplate() {
  const link = document.createElement('a');
  link.href = TEMPLATE_URL;
  link.download = 'staff_import_template.csv';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * 従業員 > CSV取込 (issue 11 §6): a file in the template's format, sent as it is to POST
 * /staff-imports; the server checks every row with the staff form's rules and imports all or nothing.
 */
export function StaffImportPage() {
  const { t } = useTranslation();
  const me = useAdminSession();
  const queryClient = useQueryClient();
  const upload = useCsvUpload<{ imported: number; mailsQueued: number }>('/staff-imports', me.csrfToken, () =>
    queryClient.invalidateQueries({ queryKey: ['staff'] }),
  );
  const result = upload.mutation.data;

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
          <CsvUploadControls
            upload={upload}
            fileLabel={t('staffImport.file')}
            submitLabel={t('staffImport.submit')}
          />
          {result ? (
            <NoticeAlert onClose={() => upload.mutation.reset()}>
              {t('staffImport.done', { count: result.imported })}
              {result.mailsQueued > 0 ? t('staffImport.mails', { count: result.mailsQueued }) : ''}{' '}
              <Anchor component={Link} to="/admin/staff" fz="sm">
                {t('staffImport.toList')}
              </Anchor>
            </NoticeAlert>
          ) : null}
          <CsvImportReport error={upload.mutation.error} />
        </Stack>
      </Card>
    </AdminPage>
  );
}
