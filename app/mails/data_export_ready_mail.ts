import { BaseMail } from '@adonisjs/mail'
import router from '@adonisjs/core/services/router'
import i18nManager from '@adonisjs/i18n/services/main'
import { appUrl } from '#config/app'
import type User from '#models/user'
import type DataExport from '#models/data_export'
import { EXPORT_TTL_DAYS } from '#services/privacy/exports'

/** The signed link to download a finished GDPR export; the route also requires the owner's session. */
export function exportDownloadUrl(dataExport: DataExport, absolute = true) {
  const seconds = Math.max(1, Math.floor(dataExport.expiresAt.diffNow('seconds').seconds))
  return router.urlBuilder.signedUrlFor(
    'privacy.exports.download',
    { export: dataExport.id },
    {
      expiresIn: seconds,
      purpose: 'data-export',
      ...(absolute ? { prefixUrl: appUrl.replace(/\/+$/, '') } : {}),
    }
  )
}

export default class DataExportReadyMail extends BaseMail {
  constructor(
    private user: User,
    private dataExport: DataExport
  ) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.user.locale)
    const copy = {
      locale: i18n.locale,
      preheader: i18n.t('privacy.mail.preheader'),
      greeting: i18n.t('mail.greeting', { name: this.user.fullName }),
      intro: i18n.t('privacy.mail.intro'),
      action: i18n.t('privacy.mail.action'),
      expiry: i18n.t('privacy.mail.expiry', { days: EXPORT_TTL_DAYS }),
      ignore: i18n.t('privacy.mail.ignore'),
      fallback: i18n.t('mail.linkFallback'),
      signature: i18n.t('mail.signature'),
      url: exportDownloadUrl(this.dataExport),
    }
    this.message
      .to(this.user.email, this.user.fullName)
      .subject(i18n.t('privacy.mail.subject'))
      .htmlView('emails/data_export_ready', copy)
      .text(
        [
          copy.greeting,
          '',
          copy.intro,
          '',
          copy.url,
          '',
          copy.expiry,
          copy.ignore,
          '',
          copy.signature,
        ].join('\n')
      )
  }
}
