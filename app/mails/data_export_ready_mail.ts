import { BaseMail } from '@adonisjs/mail'
import { composeLinkMail } from '#mails/link_mail'
import router from '@adonisjs/core/services/router'
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
    composeLinkMail(this.message, this.user, {
      keys: 'privacy.mail',
      view: 'emails/data_export_ready',
      url: exportDownloadUrl(this.dataExport),
      expiry: { days: EXPORT_TTL_DAYS },
    })
  }
}
