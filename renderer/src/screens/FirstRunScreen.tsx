// The first start: language → bench name → operator → Ozon account or demo → printer → test label. Every step
// can be skipped (and revisited later in Settings); the flow resumes at the first step not yet answered.
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FIRST_RUN_STEPS, type FirstRunStep, type Settings } from '../../../shared/contract/settings'
import { useStation } from '../api/StationContext'
import { AccountForm } from '../components/settings/AccountForm'
import { BenchSync } from '../components/settings/BenchSync'
import { errorText } from '../components/settings/errors'
import { useAccounts, useSettings } from '../components/settings/hooks'
import { LanguagePicker } from '../components/settings/LanguagePicker'
import { OperatorForm } from '../components/settings/OperatorForm'
import { PrinterSettings } from '../components/printing/PrinterSettings'
import { TestPrintPanel } from '../components/printing/TestPrint'

/**
 * Shows the first-run flow until it is finished, then the station (also while the settings load). It keeps the
 * UI in the bench profile's language in both.
 */
export function FirstRunGate({ children }: { children: ReactNode }) {
  const { data } = useSettings()
  return (
    <>
      <BenchSync />
      {data && !data.firstRun.completed ? <FirstRunScreen settings={data} /> : children}
    </>
  )
}

export function FirstRunScreen({ settings }: { settings: Settings }) {
  const { t } = useTranslation('firstRun')
  const station = useStation()
  const firstOpen = FIRST_RUN_STEPS.findIndex((s) => settings.firstRun.steps[s] === 'pending')
  const [index, setIndex] = useState(firstOpen < 0 ? FIRST_RUN_STEPS.length - 1 : firstOpen)
  const step = FIRST_RUN_STEPS[index]!
  const last = index === FIRST_RUN_STEPS.length - 1
  const accounts = useAccounts()
  // "Next" means: the step has its answer. The bench name is saved by its form (Next submits it); an operator
  // or an account must exist — otherwise the way on is "Skip" / "Continue in demo".
  const canGoOn =
    step === 'operator' ? settings.currentOperatorId !== null : step === 'account' ? accounts.data?.mode === 'live' : true

  const leave = async (state: 'done' | 'skipped') => {
    await station.call('settings.firstRunStep', { step, state })
    if (last) await station.call('settings.finishFirstRun')
    else setIndex(index + 1)
  }

  return (
    <div className="first-run" data-testid="first-run" data-step={step}>
      <header className="first-run-head">
        <span className="app-name">{t('common:appName')}</span>
        <span className="first-run-title">{t('title')}</span>
        <ol className="first-run-steps" aria-label={t('progress')}>
          {FIRST_RUN_STEPS.map((s, i) => (
            <li key={s} className={i === index ? 'current' : settings.firstRun.steps[s] !== 'pending' ? 'answered' : ''} aria-current={i === index ? 'step' : undefined}>
              <span className="step-no">{i + 1}</span> {t(`steps.${s}`)}
            </li>
          ))}
        </ol>
      </header>
      <main className="first-run-body">
        <h1>
          {t('stepOf', { n: index + 1, total: FIRST_RUN_STEPS.length })} · {t(`steps.${step}`)}
        </h1>
        <StepBody key={step} step={step} settings={settings} onDone={() => void leave('done')} />
        <nav className="first-run-nav">
          <button type="button" onClick={() => setIndex(index - 1)} disabled={index === 0}>
            {t('back')}
          </button>
          <button type="button" onClick={() => void leave('skipped')} data-testid="skip-step">
            {step === 'account' ? t('continueDemo') : t('skip')}
          </button>
          <button
            type={step === 'bench' ? 'submit' : 'button'}
            form={step === 'bench' ? BENCH_FORM_ID : undefined}
            className="primary big"
            onClick={step === 'bench' ? undefined : () => void leave('done')}
            disabled={!canGoOn}
            data-testid="next-step"
          >
            {last ? t('finish') : t('next')}
          </button>
        </nav>
      </main>
    </div>
  )
}

function StepBody({ step, settings, onDone }: { step: FirstRunStep; settings: Settings; onDone: () => void }) {
  const { t } = useTranslation('firstRun')
  switch (step) {
    case 'language':
      return (
        <>
          <p className="lead">{t('intro.language')}</p>
          <LanguagePicker />
        </>
      )
    case 'bench':
      return (
        <>
          <p className="lead">{t('intro.bench')}</p>
          <BenchNameForm current={settings.profile.benchName} onSaved={onDone} />
        </>
      )
    case 'operator': {
      const current = settings.operators.find((o) => o.id === settings.currentOperatorId)
      return (
        <>
          <p className="lead">{t('intro.operator')}</p>
          {current && <p className="saved-note">{t('operatorAdded', { name: current.name })}</p>}
          <OperatorForm makeCurrent autoFocus onAdded={onDone} />
          <p className="muted">{t('settings:operators.notSecurity')}</p>
        </>
      )
    }
    case 'account':
      return (
        <>
          <p className="lead">{t('intro.account')}</p>
          <AccountForm onSaved={() => undefined} />
          <p className="muted">{t('demoNote')}</p>
        </>
      )
    case 'printer':
      return <PrinterSettings firstRun />
    case 'testLabel':
      return <TestPrintPanel testId="test-label-placeholder" />
  }
}

const BENCH_FORM_ID = 'first-run-bench'

function BenchNameForm({ current, onSaved }: { current: string; onSaved: () => void }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const [name, setName] = useState(current)
  const [error, setError] = useState<string | null>(null)
  const save = async (e: FormEvent) => {
    e.preventDefault()
    try {
      await station.call('settings.update', { profile: { benchName: name } })
      onSaved()
    } catch (err) {
      setError(errorText(err, t))
    }
  }
  return (
    <form className="bench-name-form" id={BENCH_FORM_ID} onSubmit={(e) => void save(e)}>
      <div className="field">
        <label htmlFor="first-run-bench-name">{t('bench.name')}</label>
        <input id="first-run-bench-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={60} required />
        <div className="hint">{t('bench.nameHint')}</div>
        {error && <div className="field-error" role="alert">{error}</div>}
      </div>
    </form>
  )
}
