import {
  ActionIcon,
  Button,
  Card,
  Code,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api as routes } from '@timecard/contract';
import {
  BUILTIN_LAYOUT_COLUMNS,
  EXPORT_COLUMN_KEYS,
  EXPORT_COLUMNS,
  type ExportColumnKey,
  type ExportTimeFormat,
} from '@timecard/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api.ts';
import { ConfirmModal } from '../../shared/ConfirmModal.tsx';
import { call } from '../../shared/client.ts';
import { ErrorAlert, NoticeAlert } from '../../shared/ErrorAlert.tsx';

const LAYOUTS_KEY = ['report-layouts'] as const;

/** GET /report-layouts: the contract's saved 出力レイアウト. */
export function useExportLayouts() {
  return useQuery({
    queryKey: LAYOUTS_KEY,
    queryFn: ({ signal }) => call(routes.reports.listLayouts, {}, { signal }).then((answer) => answer.items),
  });
}
export type ExportLayout = NonNullable<ReturnType<typeof useExportLayouts>['data']>[number];

/** The 出力レイアウト choice beside the download: the built-in layout, or a saved one. */
export function LayoutChoice({
  layouts,
  value,
  onChange,
}: {
  layouts: ExportLayout[];
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('reportLayouts.choice')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[
        { value: '', label: t('reportLayouts.builtin') },
        ...layouts.map((layout) => ({ value: String(layout.id), label: layout.name })),
      ]}
      miw={220}
    />
  );
}

/** What a saved layout writes, in words (beside the download, when one is chosen). */
export function LayoutSummary({ layout }: { layout: ExportLayout }) {
  const { t } = useTranslation();
  return (
    <Text fz="sm" maw={360}>
      {t('reportLayouts.summary', {
        encoding: t(`reportLayouts.encodings.${layout.encoding}`),
        time: t(`reportLayouts.timeFormats.${layout.timeFormat}`),
        lineEnding: t(`reportLayouts.lineEndings.${layout.lineEnding}`),
        count: layout.columns.length,
      })}
    </Text>
  );
}

interface Draft {
  name: string;
  columns: { key: ExportColumnKey; header: string }[];
  timeFormat: ExportTimeFormat;
  encoding: 'shift_jis' | 'utf-8';
  lineEnding: 'crlf' | 'lf';
  quoting: 'minimal' | 'all';
}

const NEW_DRAFT: Draft = {
  name: '',
  columns: BUILTIN_LAYOUT_COLUMNS.filter((c) => c.key !== 'warnings').map((c) => ({ ...c })),
  timeFormat: 'hmm',
  encoding: 'shift_jis',
  lineEnding: 'crlf',
  quoting: 'minimal',
};

function draftOf(layout: ExportLayout): Draft {
  return {
    name: layout.name,
    columns: layout.columns.map((c) => ({ ...c })),
    timeFormat: layout.timeFormat,
    encoding: layout.encoding,
    lineEnding: layout.lineEnding,
    quoting: layout.quoting,
  };
}

/** A draft changes often while typing: the preview asks the server once it has settled. */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The 出力レイアウト editor (管理者 only, on the 集計・出力 page beside the download it serves, ADR 023):
 * choose a layout or start a new one, add columns, order them with ↑ ↓, name their headers, see
 * the header line as the file will have it (the server writes it, formula-safe), save or delete.
 */
export function ExportLayoutEditor({ layouts }: { layouts: ExportLayout[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder padding="sm" className="tc-no-print">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('reportLayouts.editorTitle')}
        </Title>
        <Button
          variant="default"
          aria-expanded={open}
          aria-controls="report-layout-editor"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? t('reportLayouts.close') : t('reportLayouts.open')}
        </Button>
      </Group>
      {open ? (
        <div id="report-layout-editor">
          <Editor layouts={layouts} />
        </div>
      ) : null}
    </Card>
  );
}

function Editor({ layouts }: { layouts: ExportLayout[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const queryClient = useQueryClient();
  const [editingId, setEditingId] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft>(NEW_DRAFT);
  const [adding, setAdding] = useState<ExportColumnKey>('worked');
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const label = (key: ExportColumnKey) => EXPORT_COLUMNS[key].label[language];

  const choose = (value: string) => {
    const layout = layouts.find((l) => String(l.id) === value);
    setEditingId(layout ? layout.id : null);
    setDraft(layout ? draftOf(layout) : NEW_DRAFT);
    setNotice(null);
  };
  const change = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const setColumns = (update: (columns: Draft['columns']) => Draft['columns']) =>
    setDraft((current) => ({ ...current, columns: update(current.columns.slice()) }));
  const move = (index: number, by: -1 | 1) =>
    setColumns((columns) => {
      const target = index + by;
      if (target < 0 || target >= columns.length) return columns;
      [columns[index], columns[target]] = [columns[target]!, columns[index]!];
      return columns;
    });

  const settled = useSettled(draft);
  const preview = useQuery({
    queryKey: ['report-layouts', 'preview', settled],
    queryFn: ({ signal }) =>
      call(routes.reports.previewLayout, { body: { ...settled, name: settled.name || '-' } }, { signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const save = useMutation({
    mutationFn: () =>
      editingId === null
        ? call(routes.reports.createLayout, { body: draft })
        : call(routes.reports.updateLayout, { params: { id: editingId }, body: draft }),
    onSuccess: async (saved) => {
      setEditingId(saved.id);
      setDraft(draftOf(saved));
      setNotice(t('reportLayouts.saved', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: LAYOUTS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => call(routes.reports.deleteLayout, { params: { id } }),
    onSuccess: async () => {
      setConfirmDelete(false);
      setNotice(t('reportLayouts.deleted', { name: draft.name }));
      setEditingId(null);
      setDraft(NEW_DRAFT);
      await queryClient.invalidateQueries({ queryKey: LAYOUTS_KEY });
    },
  });
  const fieldError = (field: string) => {
    const error = save.error ?? preview.error;
    return error instanceof ApiError ? error.fields[field]?.message : undefined;
  };

  return (
    <>
      <Stack gap="sm" mt="sm">
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('reportLayouts.editing')}
            value={editingId === null ? '' : String(editingId)}
            onChange={(event) => choose(event.currentTarget.value)}
            data={[
              { value: '', label: t('reportLayouts.newLayout') },
              ...layouts.map((layout) => ({ value: String(layout.id), label: layout.name })),
            ]}
            miw={220}
          />
          <TextInput
            label={t('reportLayouts.name')}
            value={draft.name}
            onChange={(event) => change({ name: event.currentTarget.value })}
            error={fieldError('name')}
            maxLength={40}
            w={260}
          />
        </Group>

        <Table withTableBorder verticalSpacing={4} fz="sm" maw={760}>
          <Table.Caption>{t('reportLayouts.columnsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reportLayouts.position')}</Table.Th>
              <Table.Th scope="col">{t('reportLayouts.header')}</Table.Th>
              <Table.Th scope="col">{t('reportLayouts.order')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.columns.map((column, index) => {
              const name = label(column.key);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a column may appear twice; its place is its identity
                <Table.Tr key={`${column.key}-${index}`} data-column={column.key}>
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>
                    <TextInput
                      label={name}
                      value={column.header}
                      onChange={(event) => {
                        const header = event.currentTarget.value;
                        setColumns((columns) => {
                          columns[index] = { ...columns[index]!, header };
                          return columns;
                        });
                      }}
                      error={fieldError(`columns.${index}.header`)}
                      maxLength={60}
                      size="xs"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="default"
                        aria-label={t('reportLayouts.moveUp', { column: name })}
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={t('reportLayouts.moveDown', { column: name })}
                        disabled={index === draft.columns.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </ActionIcon>
                      <Button
                        size="compact-xs"
                        variant="outline"
                        color="red.9"
                        aria-label={t('reportLayouts.removeColumnOf', { column: name })}
                        onClick={() => setColumns((columns) => columns.filter((_, i) => i !== index))}
                      >
                        {t('reportLayouts.removeColumn')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('reportLayouts.columnToAdd')}
            value={adding}
            onChange={(event) => setAdding(event.currentTarget.value as ExportColumnKey)}
            data={EXPORT_COLUMN_KEYS.map((key) => ({ value: key, label: label(key) }))}
            miw={260}
          />
          <Button
            variant="default"
            onClick={() => setColumns((columns) => [...columns, { key: adding, header: label(adding) }])}
          >
            {t('reportLayouts.addColumn')}
          </Button>
        </Group>

        <Group align="flex-start" gap="xl">
          <Radio.Group
            label={t('reportLayouts.timeFormat')}
            value={draft.timeFormat}
            onChange={(value) => change({ timeFormat: value as ExportTimeFormat })}
          >
            <Stack gap={4} mt={4}>
              {(['hmm', 'decimal', 'minutes'] as const).map((value) => (
                <Radio key={value} value={value} label={t(`reportLayouts.timeFormats.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('reportLayouts.encoding')}
            value={draft.encoding}
            onChange={(value) => change({ encoding: value === 'utf-8' ? 'utf-8' : 'shift_jis' })}
          >
            <Stack gap={4} mt={4}>
              {(['shift_jis', 'utf-8'] as const).map((value) => (
                <Radio key={value} value={value} label={t(`reportLayouts.encodings.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('reportLayouts.lineEnding')}
            value={draft.lineEnding}
            onChange={(value) => change({ lineEnding: value === 'lf' ? 'lf' : 'crlf' })}
          >
            <Stack gap={4} mt={4}>
              {(['crlf', 'lf'] as const).map((value) => (
                <Radio key={value} value={value} label={t(`reportLayouts.lineEndings.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group
            label={t('reportLayouts.quoting')}
            value={draft.quoting}
            onChange={(value) => change({ quoting: value === 'all' ? 'all' : 'minimal' })}
          >
            <Stack gap={4} mt={4}>
              {(['minimal', 'all'] as const).map((value) => (
                <Radio key={value} value={value} label={t(`reportLayouts.quotings.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
        </Group>

        <Stack gap={4}>
          <Text fw={500} fz="sm" id="report-layout-preview-label">
            {t('reportLayouts.preview')}
          </Text>
          <Code block aria-labelledby="report-layout-preview-label" data-testid="layout-preview">
            {preview.data?.headerLine ?? ''}
          </Code>
          {preview.isError && !save.error ? <ErrorAlert error={preview.error} /> : null}
        </Stack>

        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('reportLayouts.save')}
          </Button>
          {editingId !== null ? (
            <Button variant="outline" color="red.9" onClick={() => setConfirmDelete(true)}>
              {t('reportLayouts.delete')}
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={save.error} />
        <NoticeAlert onClose={() => setNotice(null)}>{notice}</NoticeAlert>
        <Text fz="xs" maw={640}>
          {t('reportLayouts.noPresets')}
        </Text>
      </Stack>
      <ConfirmModal
        opened={confirmDelete}
        title={t('reportLayouts.deleteTitle')}
        loading={remove.isPending}
        error={remove.error}
        confirmColor="red.9"
        onConfirm={() => editingId !== null && remove.mutate(editingId)}
        onCancel={() => setConfirmDelete(false)}
      >
        <Text>{t('reportLayouts.deleteConfirm', { name: draft.name })}</Text>
      </ConfirmModal>
    </>
  );
}
