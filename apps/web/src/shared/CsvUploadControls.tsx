import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { type RefObject, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadCsv } from './csvUpload.ts';

export interface CsvUpload<T> {
  mutation: UseMutationResult<T, Error, File>;
  /** The fraction of the file sent (0–1); at 1 the server is checking the rows. */
  sent: number;
  file: File | null;
  setFile: (file: File | null) => void;
  input: RefObject<HTMLInputElement | null>;
}

/**
 * A CSV import's state: the chosen file, its upload to `path` (POST, text/csv) with progress, and
 * the picker cleared after a success. The answer and the error are the mutation's.
 */
export function useCsvUpload<T>(
  path: string,
  csrfToken: string,
  onSuccess?: (data: T) => Promise<unknown> | undefined,
): CsvUpload<T> {
  const [sent, setSent] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const mutation = useMutation({
    mutationFn: (chosen: File) => {
      setSent(0);
      return uploadCsv<T>(path, chosen, csrfToken, setSent);
    },
    onSuccess: async (data) => {
      setFile(null);
      if (input.current) input.current.value = '';
      await onSuccess?.(data);
    },
  });
  return { mutation, sent, file, setFile, input };
}

/**
 * The file picker (a visible <label>), the import button and, while the file is sent and checked,
 * a progress bar: the share uploaded, then an animated bar until the server answers.
 */
export function CsvUploadControls<T>({
  upload,
  fileLabel,
  submitLabel,
}: {
  upload: CsvUpload<T>;
  fileLabel: string;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const { mutation, sent, file } = upload;
  const percent = Math.round(sent * 100);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        <Stack gap={4}>
          <Text component="label" htmlFor={inputId} fz="sm" fw={500}>
            {fileLabel}
          </Text>
          <input
            id={inputId}
            ref={upload.input}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              mutation.reset();
              upload.setFile(event.currentTarget.files?.[0] ?? null);
            }}
          />
        </Stack>
        <Button onClick={() => file && mutation.mutate(file)} disabled={!file} loading={mutation.isPending}>
          {submitLabel}
        </Button>
      </Group>
      {mutation.isPending ? (
        <Stack gap={4}>
          <Progress.Root>
            {/* The section carries role="progressbar": it gets the accessible name. */}
            <Progress.Section
              value={sent < 1 ? percent : 100}
              striped={sent >= 1}
              animated={sent >= 1}
              aria-label={t('csvImport.progressLabel')}
            />
          </Progress.Root>
          <Text fz="sm" aria-live="polite">
            {sent < 1 ? t('csvImport.uploading', { percent }) : t('csvImport.processing')}
          </Text>
        </Stack>
      ) : null}
    </Stack>
  );
}
