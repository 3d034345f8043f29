// ru / en / zh, each named in its own language; the UI switches the moment one is chosen.
import { useTranslation } from 'react-i18next'
import { LANGUAGES, type BenchLanguage } from '../../../../shared/domain/settings'
import { useStation } from '../../api/StationContext'
import { chooseLanguage } from './hooks'

const NATIVE: Record<BenchLanguage, string> = { ru: 'Русский', en: 'English', zh: '中文' }

export function LanguagePicker({ onChosen }: { onChosen?: (language: BenchLanguage) => void }) {
  const { i18n } = useTranslation()
  const station = useStation()
  return (
    <div className="language-picker" role="radiogroup" data-testid="language-picker">
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          role="radio"
          aria-checked={i18n.language === lang}
          lang={lang}
          className={i18n.language === lang ? 'language-choice chosen' : 'language-choice'}
          onClick={() => void chooseLanguage(i18n, station, lang).then(() => onChosen?.(lang))}
        >
          {NATIVE[lang]}
        </button>
      ))}
    </div>
  )
}
