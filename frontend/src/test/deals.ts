import type { components } from '@/api/schema.gen';
import { me } from './server';

type S = components['schemas'];

export const PIPELINE_ID = '00000000-0000-7000-8000-00000000p001';

export function makeStage(overrides: Partial<S['StageRead']> = {}): S['StageRead'] {
  return {
    id: '00000000-0000-7000-8000-00000000s001',
    pipeline_id: PIPELINE_ID,
    name: 'Qualified',
    probability: 20,
    kind: 'open',
    rotting_days: 14,
    position: 0,
    archived_at: null,
    ...overrides,
  };
}

export const stages = {
  qualified: makeStage(),
  proposal: makeStage({ id: '00000000-0000-7000-8000-00000000s002', name: 'Proposal', probability: 60, position: 1 }),
  lost: makeStage({ id: '00000000-0000-7000-8000-00000000s003', name: 'Lost', probability: 0, kind: 'lost', position: 2, rotting_days: null }),
};

export function makePipeline(overrides: Partial<S['PipelineRead']> = {}): S['PipelineRead'] {
  return {
    id: PIPELINE_ID,
    name: 'Sales',
    is_default: true,
    currency: 'KRW',
    position: 0,
    stages: [stages.qualified, stages.proposal, stages.lost],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

export function makeDeal(overrides: Partial<S['DealRead']> = {}): S['DealRead'] {
  return {
    id: '00000000-0000-7000-8000-00000000d001',
    name: 'Acme renewal',
    customer_id: '00000000-0000-7000-8000-0000000000a1',
    customer_name: 'Acme Corp',
    contact_ids: [],
    pipeline_id: PIPELINE_ID,
    stage_id: stages.qualified.id,
    stage_name: stages.qualified.name,
    status: 'open',
    amount: '12500000.00',
    currency: 'KRW',
    weighted_amount: '2500000.00',
    expected_close_date: '2026-06-30',
    probability: 20,
    probability_override: null,
    owner_id: me.id,
    owner_name: me.full_name,
    source: null,
    lead_id: null,
    next_step: null,
    lost_reason_id: null,
    lost_reason_note: null,
    won_at: null,
    lost_at: null,
    closed_at: null,
    stage_entered_at: '2026-03-01T00:00:00Z',
    rotting: false,
    days_in_stage: 3,
    board_rank: 1,
    has_lines: false,
    custom_fields: {},
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    deleted_at: null,
    version: 1,
    ...overrides,
  };
}

export function makeBoard(deals: S['DealRead'][]): S['Board'] {
  const pipeline = makePipeline();
  return {
    pipeline,
    base_currency: 'KRW',
    unconverted_currencies: [],
    columns: pipeline.stages.map((stage) => {
      const inStage = deals.filter((d) => d.stage_id === stage.id);
      return {
        stage,
        count: inStage.length,
        total: stage.id === stages.qualified.id ? '15500000.00' : '0.00',
        weighted_total: stage.id === stages.qualified.id ? '3100000.00' : '0.00',
        deals: inStage,
        more: false,
      };
    }),
  } as S['Board'];
}

export const lostReasons: S['LostReasonRead'][] = [
  { id: '00000000-0000-7000-8000-00000000r001', name: 'Price too high', active: true, position: 10 } as S['LostReasonRead'],
  { id: '00000000-0000-7000-8000-00000000r002', name: 'Went dark', active: true, position: 20 } as S['LostReasonRead'],
];

/**
 * jsdom has no layout: give columns and cards boxes (300 px apart, cards stacked) so dnd-kit's
 * keyboard sensor can find the stage to the right.
 */
export function stubBoardLayout(): () => void {
  const original = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const rect = (x: number, y: number, w: number, h: number) =>
      ({ x, y, left: x, top: y, width: w, height: h, right: x + w, bottom: y + h, toJSON: () => ({}) }) as DOMRect;
    const colEl = this.closest('[data-testid="board-column"]');
    if (!colEl) {
      // The drag overlay is fixed-positioned from inline styles (plus a translate while moving).
      const fixed = this.closest<HTMLElement>('[style*="position: fixed"]');
      if (!fixed) return rect(0, 0, 0, 0);
      const px = (v: string) => Number.parseFloat(v) || 0;
      const m = /translate3d\(([-\d.]+)px,\s*([-\d.]+)px/.exec(fixed.style.transform);
      return rect(px(fixed.style.left) + Number(m?.[1] ?? 0), px(fixed.style.top) + Number(m?.[2] ?? 0), px(fixed.style.width), px(fixed.style.height));
    }
    const cols = [...document.querySelectorAll('[data-testid="board-column"]')];
    const ci = cols.indexOf(colEl);
    const card = this.closest('[data-deal-id]');
    if (card) {
      const cards = [...colEl.querySelectorAll('[data-deal-id]')];
      return rect(ci * 300 + 10, 80 + cards.indexOf(card) * 100, 260, 90);
    }
    return rect(ci * 300, 0, 280, 600);
  };
  return () => {
    Element.prototype.getBoundingClientRect = original;
  };
}

export function makeLine(overrides: Partial<S['DealLineRead']> = {}): S['DealLineRead'] {
  return {
    id: '00000000-0000-7000-8000-00000000l001',
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    version: 1,
    deal_id: '00000000-0000-7000-8000-00000000d001',
    product_id: null,
    description: 'Onboarding workshop',
    quantity: '2',
    unit_price: '500000.00',
    discount_percent: '10',
    tax_percent: '10',
    net_amount: '900000.00',
    tax_amount: '90000.00',
    total_amount: '990000.00',
    position: 0,
    ...overrides,
  };
}

export function makeQuote(overrides: Partial<S['QuoteRead']> = {}): S['QuoteRead'] {
  return {
    id: '00000000-0000-7000-8000-00000000q001',
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    version: 3,
    deal_id: '00000000-0000-7000-8000-00000000d001',
    number: 'Q-2026-0001',
    revision: 1,
    is_latest: true,
    status: 'pending_approval',
    valid_until: '2026-04-01',
    currency: 'KRW',
    lines: [],
    subtotal: '1000000.00',
    discount_total: '100000.00',
    tax_total: '90000.00',
    total: '990000.00',
    max_discount_percent: '25',
    notes: null,
    created_by_id: null,
    approval: { requested_at: '2026-03-01T00:00:00Z', decided_by_id: null, decided_at: null, decision: null, comment: null },
    sent_at: null,
    link_expires_at: null,
    link_active: false,
    accepted_name: null,
    accepted_at: null,
    accepted_ip: null,
    content_sha256: null,
    declined_reason: null,
    declined_at: null,
    ...overrides,
  };
}
