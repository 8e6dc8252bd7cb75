import { ThemeIcon } from '@mantine/core';
import { IconFile, IconFileSpreadsheet, IconFileText, IconFileTypePdf, IconFileZip, IconPhoto, IconPresentation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Family = 'pdf' | 'image' | 'text' | 'sheet' | 'slides' | 'archive' | 'file';

export function fileFamily(contentType: string, fileName = ''): Family {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (contentType === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (contentType.startsWith('image/')) return 'image';
  if (/sheet|excel|csv/.test(contentType) || ['xlsx', 'xls', 'csv', 'ods'].includes(ext)) return 'sheet';
  if (/presentation|powerpoint/.test(contentType) || ['pptx', 'ppt', 'odp'].includes(ext)) return 'slides';
  if (/zip|compressed|tar/.test(contentType) || ['zip', 'gz', '7z'].includes(ext)) return 'archive';
  if (contentType.startsWith('text/') || /word|document|rtf/.test(contentType) || ['txt', 'md', 'docx', 'doc', 'odt'].includes(ext)) return 'text';
  return 'file';
}

const ICON = { pdf: IconFileTypePdf, image: IconPhoto, text: IconFileText, sheet: IconFileSpreadsheet, slides: IconPresentation, archive: IconFileZip, file: IconFile };
const COLOR = { pdf: 'red', image: 'grape', text: 'blue', sheet: 'green', slides: 'orange', archive: 'gray', file: 'gray' };

/** A small coloured icon saying what kind of file it is (PDF, image, text, sheet, …). */
export function FileTypeIcon({ contentType, fileName }: { contentType: string; fileName?: string }) {
  const { t } = useTranslation();
  const family = fileFamily(contentType, fileName);
  const Icon = ICON[family];
  return (
    <ThemeIcon variant="light" color={COLOR[family]} size={28} radius="sm" aria-label={t(`documents.fileType.${family}`)} role="img">
      <Icon size={18} />
    </ThemeIcon>
  );
}
