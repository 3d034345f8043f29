// Formatting in the bench's locale and time zone (the browser's/OS's).
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

export function localeOf(language: string): string {
  return language === 'zh' ? 'zh-CN' : language === 'en' ? 'en-GB' : 'ru-RU'
}
