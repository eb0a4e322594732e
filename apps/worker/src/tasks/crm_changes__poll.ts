import { z } from 'zod';
import { chainOf } from '../sync/attempts';
import { fanOutCrmPolls, pollCrmChanges } from '../sync/crm-changes';
import { defineTask } from './define-task';

/**
 * CRM edits flowing back to Shopify (issue 12; DESIGN.md, "crontab"): every minute each org with a two-way store is
 * asked, through Dataverse change tracking, which contacts changed. The crontab run (no org) queues one poll per org,
 * so one slow org holds up no other; a run with an org polls it. A failed poll keeps its delta link and the next
 * minute reads the same changes again (the pushes they queue fold by job key).
 */
export const crmChangesPoll = defineTask(
  'crm_changes__poll',
  z.object({ orgId: z.uuid().optional() }),
  async (payload, context) => {
    if (payload.orgId === undefined) {
      const orgs = await fanOutCrmPolls(context);
      context.logger.info({ orgs: orgs.length }, 'CRM change polls queued');
      return;
    }
    const report = await pollCrmChanges(context, payload.orgId, { ...chainOf(context), source: 'poll' });
    context.logger.info({ orgId: payload.orgId, ...report }, 'CRM changes read');
  },
);
