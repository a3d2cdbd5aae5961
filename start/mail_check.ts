/** Warns at boot of the web server when production mail goes nowhere (see mail_delivery.ts). */
import { warnIfMailIsUnsent } from '#services/mail_delivery'

warnIfMailIsUnsent()
