import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconEdit, IconGripVertical, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ConfirmModal } from '@/components/ConfirmModal';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { defaultPipeline, usePipelines } from '@/hooks/use-pipelines';
import type { Stage } from '../api/types';
import { useArchiveStage } from '../api/use-archive-stage';
import { useReorderStages } from '../api/use-reorder-stages';
import { PipelineFormModal } from './PipelineFormModal';
import { StageFormModal } from './StageFormModal';

const KIND_COLOR = { open: 'blue', won: 'green', lost: 'red' } as const;

function StageRow({ stage, onEdit, onArchive }: { stage: Stage; onEdit: () => void; onArchive: () => void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: stage.id });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      radius="sm"
      style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.5 : 1 }}
      data-testid="stage-row"
    >
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={t('settings.pipelines.dragStage', { name: stage.name })}
            style={{ cursor: 'grab' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={16} />
          </ActionIcon>
          <Text fw={500} size="sm">
            {stage.name}
          </Text>
          <Badge size="sm" variant="light" color={KIND_COLOR[stage.kind]}>
            {t(`settings.pipelines.kinds.${stage.kind}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {`${stage.probability}%`}
          </Text>
          {stage.rotting_days !== null && stage.rotting_days !== undefined && (
            <Text size="xs" c="dimmed">
              {t('settings.pipelines.rotsAfter', { count: stage.rotting_days })}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={onEdit} aria-label={`${t('common.edit')} ${stage.name}`}>
            {t('common.edit')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            leftSection={<IconArchive size={14} />}
            onClick={onArchive}
            aria-label={`${t('settings.pipelines.archive')} ${stage.name}`}
          >
            {t('settings.pipelines.archive')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/** Pipelines (add, rename, currency, default) and their stages: add, edit, reorder by drag (mouse or keyboard), archive. */
export function PipelinesPanel() {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const reorder = useReorderStages();
  const archive = useArchiveStage();
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editingPipeline, setEditingPipeline] = useState(false);
  const [editing, setEditing] = useState<{ stage?: Stage } | null>(null);
  const [archiving, setArchiving] = useState<Stage | null>(null);
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const pipeline = pipelines.data?.find((p) => p.id === chosen) ?? defaultPipeline(pipelines.data);
  const stages = useMemo(() => pipeline?.stages ?? [], [pipeline]);
  const nameOf = (id: string | number) => stages.find((s) => s.id === id)?.name ?? '';
  const positionOf = (id: string | number) => stages.findIndex((s) => s.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('settings.pipelines.announce.start', { name: nameOf(active.id), position: positionOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('settings.pipelines.announce.over', { name: nameOf(active.id), position: positionOf(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over ? t('settings.pipelines.announce.end', { name: nameOf(active.id), position: positionOf(over.id) }) : undefined,
    onDragCancel: ({ active }) => t('settings.pipelines.announce.cancel', { name: nameOf(active.id) }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!pipeline || !over || active.id === over.id) return;
    const ids = stages.map((s) => s.id);
    const next = arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
    reorder.mutate(
      { pipelineId: pipeline.id, stageIds: next },
      {
        onError: (e) =>
          notifications.show({
            color: 'red',
            title: t('settings.pipelines.reorderFailed'),
            message: isApiError(e) ? (e.problem?.detail ?? e.message) : t('common.networkError'),
          }),
      },
    );
  };

  const newPipelineButton = (
    <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      {t('settings.pipelines.new')}
    </Button>
  );

  let body;
  if (pipelines.isPending) body = <TableSkeleton rows={4} />;
  else if (pipelines.isError) body = <ProblemAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  else if (!pipeline) body = <EmptyState title={t('settings.pipelines.emptyTitle')} action={newPipelineButton} />;
  else
    body = (
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end">
            <Select
              label={t('settings.pipelines.pipeline')}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.is_default ? `${p.name} (${t('settings.pipelines.default')})` : p.name }))}
              value={pipeline.id}
              onChange={setChosen}
              allowDeselect={false}
              w={260}
            />
            <Text size="sm" c="dimmed" pb={6}>
              {t('settings.pipelines.currencyIs', { currency: pipeline.currency })}
            </Text>
            <Button
              variant="subtle"
              leftSection={<IconEdit size={16} />}
              onClick={() => setEditingPipeline(true)}
              aria-label={t('settings.pipelines.editPipeline', { name: pipeline.name })}
            >
              {t('settings.pipelines.edit')}
            </Button>
          </Group>
          <Group gap="xs">
            {newPipelineButton}
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({})}>
              {t('settings.pipelines.newStage')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('settings.pipelines.reorderHelp')}
        </Text>
        {stages.length === 0 ? (
          <EmptyState title={t('settings.pipelines.noStages')} />
        ) : (
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            onDragEnd={onDragEnd}
            accessibility={{ announcements, screenReaderInstructions: { draggable: t('settings.pipelines.dragInstructions') } }}
          >
            <SortableContext items={stages.map((s) => s.id)} strategy={verticalListSortingStrategy}>
              <Stack gap={6} aria-label={t('settings.pipelines.stages')} role="list">
                {stages.map((s) => (
                  <div role="listitem" key={s.id}>
                    <StageRow
                      stage={s}
                      onEdit={() => setEditing({ stage: s })}
                      onArchive={() => {
                        archive.reset();
                        setArchiving(s);
                      }}
                    />
                  </div>
                ))}
              </Stack>
            </SortableContext>
          </DndContext>
        )}
      </Stack>
    );

  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('settings.pipelines.subtitle')}
      </Text>
      {body}
      {creating && (
        <PipelineFormModal
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            setChosen(p.id);
          }}
        />
      )}
      {editingPipeline && pipeline && (
        <PipelineFormModal
          key={pipeline.id}
          pipeline={pipeline}
          onClose={() => setEditingPipeline(false)}
          onCreated={(p) => {
            setEditingPipeline(false);
            setChosen(p.id);
          }}
          onReloadLatest={async () => {
            const r = await pipelines.refetch();
            return r.data?.find((p) => p.id === pipeline.id);
          }}
        />
      )}
      {editing && pipeline && <StageFormModal key={editing.stage?.id ?? 'new'} pipelineId={pipeline.id} stage={editing.stage} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={t('settings.pipelines.archiveTitle')}
        body={t('settings.pipelines.archiveBody', { name: archiving?.name ?? '' })}
        confirmLabel={t('settings.pipelines.archive')}
        loading={archive.isPending}
        error={
          archive.isError ? (
            <ProblemAlert error={archive.error} title={isApiError(archive.error, 409) ? t('settings.pipelines.archiveBlocked') : undefined} />
          ) : undefined
        }
        onConfirm={() =>
          archiving &&
          pipeline &&
          archive.mutate(
            { pipelineId: pipeline.id, stageId: archiving.id },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('settings.pipelines.archived', { name: archiving.name }) });
                setArchiving(null);
              },
            },
          )
        }
      />
    </Stack>
  );
}
