import { useEffect, useId, useRef, useState } from 'react';
import { usePrefs } from '../lib/prefs';
import { DAY, HOUR } from '../lib/time';
import { InstantInput } from './Field';

interface Props {
  /** The instant shown, or null for now. */
  readonly value: string | null;
  readonly onChange: (asOf: string | null) => void;
  /** The earliest instant worth travelling to (the first event). */
  readonly min: string | null;
}

const COMMIT_DELAY_MS = 300;

/**
 * A slider from the first event to now (hour steps; arrow keys move an hour, the buttons a
 * day) and a precise date-time field. The far right end is "now", the live view.
 */
export function TimeTravel({ value, onChange, min }: Props) {
  const { t, zoneName, instant } = usePrefs();
  const id = useId();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const max = Math.ceil(now / HOUR) * HOUR;
  const minMs = Math.min(min ? Math.floor(Date.parse(min) / HOUR) * HOUR : max - 365 * DAY, max - HOUR);
  const committed = value ? Date.parse(value) : max;
  const [position, setPosition] = useState(committed);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => setPosition(value ? Date.parse(value) : max), [value, max]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const commit = (ms: number, delay = COMMIT_DELAY_MS): void => {
    const clamped = Math.max(minMs, Math.min(max, ms));
    setPosition(clamped);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      onChange(clamped >= max ? null : new Date(clamped).toISOString());
    }, delay);
  };

  const historical = value !== null;
  return (
    <fieldset className={`time-travel${historical ? ' is-historical' : ''}`}>
      <legend>
        <span aria-hidden="true">↺ </span>
        {t('timeTravel')}
      </legend>
      <div className="time-travel-row">
        <label htmlFor={`${id}-slider`} className="visually-hidden">
          {t('timeTravelSlider')}
        </label>
        <input
          id={`${id}-slider`}
          className="time-travel-slider"
          type="range"
          min={minMs}
          max={max}
          step={HOUR}
          value={Math.max(minMs, Math.min(max, position))}
          aria-valuetext={position >= max ? t('liveView') : instant(new Date(position).toISOString())}
          onChange={(event) => commit(Number(event.target.value))}
        />
      </div>
      <div className="time-travel-row time-travel-controls">
        <label htmlFor={`${id}-instant`}>{t('timeTravelInstant', { zone: zoneName })}</label>
        <InstantInput
          id={`${id}-instant`}
          value={new Date(position).toISOString()}
          onChange={(iso) => {
            if (iso) commit(Date.parse(iso), 600);
          }}
        />
        <button type="button" onClick={() => commit(position - DAY, 0)} aria-label={t('timeTravelBackDay')}>
          −1d
        </button>
        <button
          type="button"
          onClick={() => commit(position + DAY, 0)}
          aria-label={t('timeTravelForwardDay')}
        >
          +1d
        </button>
        <button type="button" onClick={() => commit(max, 0)} disabled={!historical && position >= max}>
          {t('timeTravelNow')}
        </button>
      </div>
    </fieldset>
  );
}

/** The unmistakable mark of a page that shows the past. */
export function HistoricalBanner({ asOf }: { asOf: string | null }) {
  const { t, instant, zoneName } = usePrefs();
  if (!asOf) return null;
  return (
    <div className="historical-banner" role="status" data-testid="historical-banner">
      <span aria-hidden="true">↺ </span>
      {t('historicalView', { instant: `${instant(asOf)} (${zoneName})` })}
    </div>
  );
}
