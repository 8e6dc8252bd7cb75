import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { TaskForm, type TaskAssignee } from '@/components/TaskForm';
import type { RecordType } from './api/types';
import { useCreateRecordTask } from './api/use-create-task';

interface Props {
  recordType: RecordType;
  recordId: string;
  assignees?: TaskAssignee[];
  meId?: string;
  onClose: () => void;
}

/** A task attached to the record on screen (it then shows on the assignee's My day). */
export function NewTaskModal({ recordType, recordId, assignees, meId, onClose }: Props) {
  const { t } = useTranslation();
  const create = useCreateRecordTask();
  return (
    <Modal opened onClose={onClose} title={t('timeline.task.title')} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <TaskForm
        assignees={assignees}
        meId={meId}
        autoFocus
        submitLabel={t('timeline.task.create')}
        loading={create.isPending}
        error={create.error}
        onCancel={onClose}
        onSubmit={(body) =>
          create.mutate(
            { ...body, record_type: recordType, record_id: recordId },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('timeline.task.created') });
                onClose();
              },
            },
          )
        }
      />
    </Modal>
  );
}
