import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from '../i18n/en';
import { zh, type MessageKey } from '../i18n/zh';
import { DEFAULT_TIME_ZONE, formatDate, formatInstant } from './time';

export type Lang = 'zh-CN' | 'en';
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface Prefs {
  readonly lang: Lang;
  readonly timeZone: string;
  setLang(lang: Lang): void;
  setTimeZone(zone: string): void;
  t: Translate;
  /** An instant as wall-clock time in the chosen zone. */
  instant(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  /** "北京时间" for Asia/Shanghai, else the zone's name. */
  zoneName: string;
}

const PrefsContext = createContext<Prefs | null>(null);
const LANG_KEY = 'chessboard.lang';
const ZONE_KEY = 'chessboard.timeZone';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (stored(LANG_KEY) === 'en' ? 'en' : 'zh-CN'));
  const [timeZone, setZoneState] = useState<string>(() => stored(ZONE_KEY) ?? DEFAULT_TIME_ZONE);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  }, []);
  const setTimeZone = useCallback((zone: string) => {
    localStorage.setItem(ZONE_KEY, zone);
    setZoneState(zone);
  }, []);

  const value = useMemo<Prefs>(() => {
    const dict = lang === 'en' ? en : zh;
    const t: Translate = (key, values) => {
      const template: string = dict[key] ?? zh[key] ?? key;
      if (!values) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in values ? String(values[name]) : whole,
      );
    };
    const zoneName = timeZone === 'Asia/Shanghai' ? (lang === 'en' ? 'Beijing time' : '北京时间') : timeZone;
    return {
      lang,
      timeZone,
      setLang,
      setTimeZone,
      t,
      instant: (iso) => formatInstant(iso, timeZone),
      date: (iso) => formatDate(iso, timeZone),
      zoneName,
    };
  }, [lang, timeZone, setLang, setTimeZone]);

  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const prefs = useContext(PrefsContext);
  if (!prefs) throw new Error('usePrefs outside PrefsProvider');
  return prefs;
}
