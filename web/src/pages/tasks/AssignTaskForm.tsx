import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNotice } from '../../components/ErrorNotice';
import { choicesOf, SelectField } from '../../components/Field';
import { AssignTaskDocument, type DirectoryQuery, type MetricTargetInput } from '../../gql/graphql';
import { usePrefs } from '../../lib/prefs';
import { navigate } from '../../lib/router';
import { fromLocalInput } from '../../lib/time';
import { newKey } from '../../lib/uuid';

interface TargetRow {
  key: string;
  label: string;
  target: string;
  unit: string;
}

const emptyTarget = (): TargetRow => ({ key: '', label: '', target: '', unit: '' });

/** 派发: the office assigns a task to a unit, with a deadline and quantified targets. */
export function AssignTaskForm({ directory }: { directory: DirectoryQuery }) {
  const { t, timeZone, zoneName } = usePrefs();
  const id = useId();
  const [result, assign] = useMutation(AssignTaskDocument);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [form, setForm] = useState({
    title: '',
    description: '',
    programId: '',
    partner: '',
    unitId: '',
    assignee: '',
    deadline: '',
  });
  const [targets, setTargets] = useState<TargetRow[]>([]);
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: event.target.value }));
  /** The programme or the unit, one of the directory's. */
  const choice = (
    name: 'program' | 'unit',
    label: string,
    items: readonly { id: string; name: string }[],
  ) => {
    const field = `${name}Id` as const;
    return (
      <SelectField
        id={`${id}-${name}`}
        label={label}
        required
        value={form[field]}
        onChange={set(field)}
        blank={t('choose')}
        choices={choicesOf(items)}
      />
    );
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const deadline = fromLocalInput(form.deadline, timeZone) ?? form.deadline;
    const metricTargets: MetricTargetInput[] = targets
      .filter((row) => row.key.trim() || row.label.trim())
      .map((row) => ({
        key: row.key.trim(),
        label: row.label.trim(),
        target: Number(row.target),
        ...(row.unit.trim() ? { unit: row.unit.trim() } : {}),
      }));
    const response = await assign({
      input: {
        title: form.title,
        description: form.description || null,
        programId: form.programId,
        partner: form.partner || null,
        unitId: form.unitId,
        assignee: form.assignee || null,
        deadline,
        targets: metricTargets,
        idempotencyKey,
      },
    });
    if (response.data) {
      setIdempotencyKey(newKey());
      navigate(`/tasks/${response.data.assignTask.task.id}`);
    }
  };

  return (
    <details className="panel assign">
      <summary>
        <span aria-hidden="true">＋ </span>
        {t('assignTitle')}
      </summary>
      <form onSubmit={(e) => void submit(e)} aria-label={t('assignTitle')} className="form-grid">
        <div className="field field-wide">
          <label htmlFor={`${id}-title`}>{t('fieldTitle')}</label>
          <input id={`${id}-title`} required maxLength={200} value={form.title} onChange={set('title')} />
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-description`}>{t('fieldDescription')}</label>
          <textarea
            id={`${id}-description`}
            rows={2}
            value={form.description}
            onChange={set('description')}
          />
        </div>
        {choice('program', t('fieldProgram'), directory.programs)}
        <div className="field">
          <label htmlFor={`${id}-partner`}>{t('fieldPartner')}</label>
          <input id={`${id}-partner`} value={form.partner} onChange={set('partner')} />
        </div>
        {choice('unit', t('fieldUnit'), directory.units)}
        <div className="field">
          <label htmlFor={`${id}-assignee`}>{t('fieldAssignee')}</label>
          <input id={`${id}-assignee`} value={form.assignee} onChange={set('assignee')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-deadline`}>{t('fieldDeadline', { zone: zoneName })}</label>
          <input
            id={`${id}-deadline`}
            type="datetime-local"
            required
            value={form.deadline}
            onChange={set('deadline')}
          />
        </div>
        <fieldset className="field field-wide targets">
          <legend>{t('fieldTargets')}</legend>
          {targets.map((row, index) => (
            <div className="target-row" key={index}>
              {(['key', 'label', 'target', 'unit'] as const).map((field) => (
                <label key={field} className="mini-field">
                  <span>
                    {t(
                      field === 'key'
                        ? 'targetKey'
                        : field === 'label'
                          ? 'targetLabel'
                          : field === 'target'
                            ? 'targetValue'
                            : 'targetUnit',
                    )}
                  </span>
                  <input
                    type={field === 'target' ? 'number' : 'text'}
                    required={field !== 'unit'}
                    step="any"
                    value={row[field]}
                    onChange={(e) =>
                      setTargets((rows) =>
                        rows.map((r, i) => (i === index ? { ...r, [field]: e.target.value } : r)),
                      )
                    }
                  />
                </label>
              ))}
              <button
                type="button"
                onClick={() => setTargets((rows) => rows.filter((_, i) => i !== index))}
                aria-label={`${t('removeTarget')} ${index + 1}`}
              >
                ✕
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setTargets((rows) => [...rows, emptyTarget()])}>
            ＋ {t('addTarget')}
          </button>
        </fieldset>
        {result.error && <ErrorNotice error={result.error} />}
        <div className="form-actions field-wide">
          <button type="submit" className="primary" disabled={result.fetching}>
            {t('assignSubmit')}
          </button>
        </div>
      </form>
    </details>
  );
}
