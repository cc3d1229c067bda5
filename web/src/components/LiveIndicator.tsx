import { useLiveStatus } from '../lib/client';
import { usePrefs } from '../lib/prefs';

export function LiveIndicator({ paused }: { paused: boolean }) {
  const { t } = usePrefs();
  const status = useLiveStatus();
  const text = paused
    ? t('livePaused')
    : status === 'connected'
      ? t('liveConnected')
      : status === 'connecting'
        ? t('liveConnecting')
        : t('liveDisconnected');
  return (
    <span
      className={`live live-${paused ? 'paused' : status}`}
      role="status"
      data-live={paused ? 'paused' : status}
    >
      <span aria-hidden="true">{paused ? '‖' : status === 'connected' ? '●' : '○'} </span>
      {text}
    </span>
  );
}
