import type { Schemas } from '@/api/client';

export type Deal = Schemas['DealRead'];
export type DealCreate = Schemas['DealCreate'];
export type DealUpdate = Schemas['DealUpdate'];
export type DealMove = Schemas['DealMove'];
export type DealStatus = Deal['status'];
export type Board = Schemas['Board'];
export type BoardColumn = Schemas['BoardColumn'];
export type StageHistoryEntry = Schemas['StageHistoryEntry'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type User = Schemas['UserRead'];
export type Customer = Schemas['CustomerRead'];
export type LostReasonsReport = Schemas['LostReasonsReport'];

export const DEAL_STATUSES: DealStatus[] = ['open', 'won', 'lost'];

export type DealSort =
  | 'name'
  | '-name'
  | 'amount'
  | '-amount'
  | 'expected_close_date'
  | '-expected_close_date'
  | 'created_at'
  | '-created_at'
  | 'updated_at'
  | '-updated_at'
  | 'probability'
  | '-probability';

export interface DealListParams {
  q?: string;
  pipelineId?: string;
  stageId?: string;
  ownerId?: string;
  customerId?: string;
  status?: DealStatus;
  amountMin?: string;
  amountMax?: string;
  closeFrom?: string;
  closeTo?: string;
  sort?: DealSort;
  limit?: number;
}

export interface BoardParams {
  pipelineId: string;
  ownerId?: string;
  /** Cards per column (the server's default when absent). */
  perStage?: number;
}
export type DealLine = Schemas['DealLineRead'];
export type DealLines = Schemas['DealLines'];
export type DealLineCreate = Schemas['DealLineCreate'];
export type DealLineUpdate = Schemas['DealLineUpdate'];
export type Product = Schemas['ProductRead'];
export type Quote = Schemas['QuoteRead'];
export type QuoteStatus = Schemas['QuoteStatus'];
