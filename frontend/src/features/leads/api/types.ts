import type { Schemas } from '@/api/client';
import type { LeadSource, LeadStatus } from '@/lib/leads';

export type Lead = Schemas['LeadRead'];
export type Tombstone = Schemas['Tombstone'];
export type LeadCreate = Schemas['LeadCreate'];
export type LeadUpdate = Schemas['LeadUpdate'];
export type ConversionPreview = Schemas['ConversionPreview'];
export type ConversionResult = Schemas['ConversionResult'];
export type LeadConvert = Schemas['LeadConvert'];
export type ScoringModel = Schemas['ScoringModelRead'];
export type ScoreReason = Schemas['ScoreReason'];
export type ProbabilityFactor = Schemas['ProbabilityFactor'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type User = Schemas['UserRead'];
export type { LeadSource, LeadStatus };

/** List pages may carry tombstones (sync clients); screens show live records only. */
export function isLiveLead(item: Lead | Tombstone): item is Lead {
  return 'status' in item;
}

export type LeadSort = 'score' | '-score' | 'name' | '-name' | 'created_at' | '-created_at';
export const LEAD_SORTS: LeadSort[] = ['score', '-score', 'name', '-name', 'created_at', '-created_at'];

export interface LeadListParams {
  q?: string;
  statuses?: LeadStatus[];
  source?: LeadSource;
  campaign?: string;
  ownerId?: string;
  scoreMin?: number;
  scoreMax?: number;
  /** Omitted with q: the server then ranks by relevance. */
  sort?: LeadSort;
  limit?: number;
  includeTotal?: boolean;
}
