import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { csvProblems, isCsvRejection } from './csvUpload.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/**
 * What went wrong with an import: for a rejected file, the server's summary (nothing imported, how
 * many problems in all, at most 100 shown) and one line per problem, 「3行目: 列: 内容」, in row
 * order; for anything else (too large, unknown columns), the message.
 */
export function CsvImportReport({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!isCsvRejection(error)) return <ErrorAlert error={error} />;
  return (
    <div role="alert">
      <Text fz="sm" c="red.9" fw={500}>
        {error.message}
      </Text>
      <List size="sm" c="red.9" mt={4} aria-label={t('csvImport.reportLabel')}>
        {csvProblems(error.fields).map((problem) => (
          <List.Item key={`${problem.row}:${problem.field}`}>
            {problem.row === null
              ? `${problem.field}: ${problem.message}`
              : t('csvImport.rowProblem', {
                  row: problem.row,
                  field: problem.field,
                  message: problem.message,
                })}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
