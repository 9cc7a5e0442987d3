import { useCallback, useEffect, useState } from 'react';
import type { JobRecord } from '../providers/cloud/job-store';
import { providerNamed } from '../providers/cloud/providers';
import { useServices } from '../ui/services-context';

/**
 * Paid submits that got no clear answer and that the provider cannot look up: each may have been
 * billed, so Reelgraph never sends it again on its own. Forgetting one lets the next run send it.
 */
export function UncertainSubmits() {
  const { jobs } = useServices();
  const [records, setRecords] = useState<JobRecord[] | undefined>();
  const refresh = useCallback(() => void jobs.uncertain().then(setRecords), [jobs]);
  useEffect(refresh, [refresh]);
  if (!records?.length) return null;
  return (
    <fieldset aria-label="Submits that may have been billed">
      <legend>Submits that may have been billed</legend>
      <p className="hint">
        These submits got no clear answer, and their provider cannot say whether it made the task. Check your usage with
        the provider first: forgetting one means the next run sends it again, and you may pay twice.
      </p>
      {records.map((record) => (
        <div key={record.key} className="row">
          <span>
            {providerNamed(record.provider).label} · {record.model} · {new Date(record.submittedAt).toLocaleString()}
            {record.message && <small className="hint"> ({record.message})</small>}
          </span>
          <button
            type="button"
            aria-label={`Forget the ${record.model} submit of ${new Date(record.submittedAt).toLocaleString()}`}
            onClick={() => void jobs.delete(record.key).then(refresh)}
          >
            Forget
          </button>
        </div>
      ))}
    </fieldset>
  );
}
