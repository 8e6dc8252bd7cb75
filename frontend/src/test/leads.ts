import type { components } from '@/api/schema.gen';
import { me } from './server';

type S = components['schemas'];

export function makeLead(overrides: Partial<S['LeadRead']> = {}): S['LeadRead'] {
  return {
    id: '00000000-0000-7000-8000-0000000001a1',
    name: 'Grace Smith',
    first_name: 'Grace',
    last_name: 'Smith',
    company_name: 'Lumen Analytics',
    job_title: 'CTO',
    emails: [{ label: 'work', value: 'grace@lumen.test', primary: true }],
    phones: [],
    website: 'lumen.test',
    country: 'KR',
    industry: 'software',
    company_size: 240,
    source: 'referral',
    campaign: 'Spring Webinar',
    status: 'new',
    unqualified_reason: null,
    owner_id: me.id,
    owner_name: me.full_name,
    assignment_rule_id: null,
    assignment_rule_name: null,
    tags: [],
    notes: null,
    custom_fields: {},
    score: 64,
    rule_score: 55,
    score_source: 'model',
    score_reasons: [
      { label: 'Referral', points: 25, kind: 'rule' },
      { label: 'Country in KR/JP', points: 20, kind: 'rule' },
    ],
    conversion_probability: 0.64,
    probability_factors: [
      { feature: 'source=referral', label: 'Source: referral', impact: 0.61 },
      { feature: 'industry=manufacturing', label: 'Industry: manufacturing', impact: -0.07 },
    ],
    scored_at: '2026-03-01T00:00:00Z',
    web_form_id: null,
    submission_count: 0,
    last_submitted_at: null,
    converted_at: null,
    converted_company_id: null,
    converted_contact_id: null,
    converted_deal_id: null,
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    deleted_at: null,
    version: 3,
    ...overrides,
  };
}

export function makeWebForm(overrides: Partial<S['WebFormRead']> = {}): S['WebFormRead'] {
  return {
    id: '00000000-0000-7000-8000-0000000002f1',
    name: 'Contact us',
    form_key: 'key123',
    fields: [
      { name: 'first_name', label: 'First name', required: false },
      { name: 'email', label: 'Work email', required: true },
      { name: 'company_size', label: 'Employees', required: false },
      { name: 'message', label: 'How can we help?', required: false },
    ],
    allowed_origins: ['https://www.example.com'],
    redirect_url: 'https://www.example.com/thanks',
    default_owner_id: null,
    default_campaign: 'website',
    dedupe_window_hours: 720,
    active: true,
    submission_count: 12,
    spam_count: 3,
    last_submission_at: '2026-03-02T00:00:00Z',
    submit_url: 'http://localhost/api/v1/public/forms/key123/submissions',
    embed_html: '<form action="http://localhost/api/v1/public/forms/key123/submissions" method="post"></form>',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}
