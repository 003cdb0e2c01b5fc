import { Type } from 'typebox';
import { presentCertificate, type CertificateDto } from '../certificates/certificate.presenter.js';
import { findCertificate } from '../certificates/certificate.repository.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import type { Locale } from '../core/context.js';
import { normalizeVi } from '../core/vi-text.js';
import { formatDate, t, type Text } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { demoNote, facts, link, productImage, stars } from './components.js';
import { localePath, page, sendPage, type LocalePlugin } from './layout.js';
import { pageEnv, type PageEnv } from './page-context.js';
import { verdictOf, type Verdict } from './verification.js';

/** Certificate verification: the look-up form and the verdict page a label's QR code opens. */
const VERDICT: Record<Verdict, { title: Text; explain: Text }> = {
  valid: {
    title: { vi: 'HỢP LỆ', en: 'VALID' },
    explain: { vi: 'Giấy chứng nhận OCOP này còn hiệu lực.', en: 'This OCOP certificate is in force.' },
  },
  expiring: {
    title: { vi: 'SẮP HẾT HẠN', en: 'EXPIRING' },
    explain: {
      vi: 'Giấy chứng nhận còn hiệu lực nhưng sẽ hết hạn trong vòng 180 ngày.',
      en: 'The certificate is in force but expires within 180 days.',
    },
  },
  expired: {
    title: { vi: 'HẾT HẠN', en: 'EXPIRED' },
    explain: {
      vi: 'Giấy chứng nhận đã hết hạn: sản phẩm không còn được dùng nhãn OCOP.',
      en: 'The certificate has expired: the product may no longer carry the OCOP label.',
    },
  },
  revoked: {
    title: { vi: 'ĐÃ THU HỒI', en: 'REVOKED' },
    explain: {
      vi: 'Giấy chứng nhận đã bị thu hồi: sản phẩm không được dùng nhãn OCOP.',
      en: 'The certificate has been revoked: the product may not carry the OCOP label.',
    },
  },
  superseded: {
    title: { vi: 'ĐÃ ĐƯỢC THAY THẾ', en: 'SUPERSEDED' },
    explain: {
      vi: 'Giấy chứng nhận này đã được thay bằng giấy chứng nhận mới hơn; xem trang sản phẩm để biết giấy hiện hành.',
      en: 'A newer certificate has replaced this one; see the product page for the current one.',
    },
  },
  'not-found': {
    title: { vi: 'KHÔNG TÌM THẤY', en: 'NOT FOUND' },
    explain: {
      vi: 'Không có giấy chứng nhận OCOP nào mang số này. Hãy kiểm tra lại số in trên nhãn.',
      en: 'No OCOP certificate has this number. Please check the number printed on the label.',
    },
  },
  'not-genuine': {
    title: { vi: 'KHÔNG CHÍNH HÃNG', en: 'NOT GENUINE' },
    explain: {
      vi: 'Mã QR không hợp lệ: nó không khớp với giấy chứng nhận. Nhãn có thể bị làm giả hoặc in cho sản phẩm khác.',
      en: 'The QR code is not valid: it does not match the certificate. The label may be forged or printed for another product.',
    },
  },
};

const TEXT = {
  formTitle: { vi: 'Kiểm tra giấy chứng nhận OCOP', en: 'Check an OCOP certificate' },
  formIntro: {
    vi: 'Nhập số giấy chứng nhận in trên nhãn sản phẩm, hoặc quét mã QR trên nhãn bằng điện thoại.',
    en: 'Enter the certificate number printed on the product label, or scan the label’s QR code with your phone.',
  },
  description: {
    vi: 'Kiểm tra nhãn OCOP: giấy chứng nhận còn hiệu lực, sắp hết hạn, hết hạn hay đã bị thu hồi.',
    en: 'Check an OCOP label: whether its certificate is valid, expiring, expired or revoked.',
  },
  number: { vi: 'Số giấy chứng nhận', en: 'Certificate number' },
  numberHint: {
    vi: 'Số in trên nhãn sản phẩm hoặc trên giấy chứng nhận.',
    en: 'The number printed on the product label or on the certificate.',
  },
  check: { vi: 'Kiểm tra', en: 'Check' },
  empty: { vi: 'Hãy nhập số giấy chứng nhận.', en: 'Please enter a certificate number.' },
  resultTitle: { vi: 'Kiểm tra giấy chứng nhận {n}', en: 'Certificate {n} check' },
  belongsTo: { vi: 'Số giấy chứng nhận này thuộc về', en: 'This certificate number belongs to' },
  product: { vi: 'Sản phẩm', en: 'Product' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  stars: { vi: 'Hạng sao', en: 'Stars' },
  issued: { vi: 'Ngày cấp', en: 'Issued on' },
  expires: { vi: 'Ngày hết hạn', en: 'Expires on' },
  revokedOn: { vi: 'Ngày thu hồi', en: 'Revoked on' },
  decision: { vi: 'Quyết định công nhận', en: 'Decision' },
  another: { vi: 'Kiểm tra số khác', en: 'Check another number' },
} satisfies Record<string, Text>;

function lookupForm(locale: Locale, value = '', error = false): SafeHtml {
  return html`<form class="search" action="${localePath(locale, '/verify')}" method="get">
    <div class="field">
      <label for="number">${t(locale, TEXT.number)}</label>
      <input
        type="text"
        id="number"
        name="number"
        value="${value}"
        required
        maxlength="64"
        autocomplete="off"
        aria-describedby="number-hint"
        ${error ? html` aria-invalid="true"` : ''}
      />
      <p id="number-hint" class="muted">
        ${error ? html`<strong>${t(locale, TEXT.empty)}</strong> ` : ''}${t(locale, TEXT.numberHint)}
      </p>
    </div>
    <button type="submit">${t(locale, TEXT.check)}</button>
  </form>`;
}

interface Found {
  dto: CertificateDto;
  images: string[];
}

/** The certificate printed under this number (a look-up by number only: an internal id is not a label's number). */
async function certificateByNumber(env: PageEnv, number: string): Promise<Found | null> {
  const row = await findCertificate(env.ctx, number);
  if (!row || row.number !== number) return null;
  return {
    dto: presentCertificate(row, env.today, env.urls, env.locale),
    images: JSON.parse(row.product_images) as string[],
  };
}

function certificateDetails(locale: Locale, found: Found, showStars: boolean): SafeHtml {
  const c = found.dto;
  return html`<div class="hero">
    <div>${productImage(locale, found.images, c.product.name)}</div>
    <div>
      ${facts([
        [
          t(locale, TEXT.product),
          link(locale, `/products/${encodeURIComponent(c.product.id)}`, c.product.name),
        ],
        [
          t(locale, TEXT.producer),
          link(locale, `/producers/${encodeURIComponent(c.producer.id)}`, c.producer.name),
        ],
        [t(locale, TEXT.stars), showStars ? stars(locale, c.stars) : null],
        [t(locale, TEXT.decision), `${c.decisionNumber} (${formatDate(locale, c.decisionDate)})`],
        [t(locale, TEXT.issued), formatDate(locale, c.issuedOn)],
        [t(locale, TEXT.expires), formatDate(locale, c.expiresOn)],
        [t(locale, TEXT.revokedOn), c.revokedOn ? formatDate(locale, c.revokedOn) : null],
      ])}
    </div>
  </div>`;
}

function verdictBody(locale: Locale, number: string, verdict: Verdict, found: Found | null): SafeHtml {
  const v = VERDICT[verdict];
  const inForce = verdict === 'valid' || verdict === 'expiring';
  const details = found
    ? html`${verdict === 'not-genuine' ? html`<h2>${t(locale, TEXT.belongsTo)}</h2>` : ''}${demoNote(locale, found.dto.demo)}${certificateDetails(locale, found, inForce)}`
    : '';
  return html`<h1>${t(locale, TEXT.resultTitle).replace('{n}', number)}</h1>
    <div role="status">
      <p class="verdict ${verdict}">${t(locale, v.title)}</p>
      <p><strong>${t(locale, v.explain)}</strong></p>
    </div>
    ${details}
    <h2>${t(locale, TEXT.another)}</h2>
    ${lookupForm(locale)}`;
}

const NumberParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 64 }) });
const SignatureQuery = Type.Object({
  p: Type.Optional(Type.String({ maxLength: 64 })),
  s: Type.Optional(Type.String({ maxLength: 64 })),
});
const LookupQuery = Type.Object({ number: Type.Optional(Type.String({ maxLength: 200 })) });

export const verifyPages: LocalePlugin = (app, { locale }) => {
  app.get('/verify', { schema: { hide: true, querystring: LookupQuery } }, (request, reply) => {
    const env = pageEnv(app, request, locale);
    const given = (request.query as { number?: string }).number;
    const number = given === undefined ? '' : normalizeVi(given).replace(/\s+/g, '');
    if (number) return reply.redirect(localePath(locale, `/verify/${encodeURIComponent(number)}`), 303);
    const body = html`<h1>${t(locale, TEXT.formTitle)}</h1>
      <p>${t(locale, TEXT.formIntro)}</p>
      ${lookupForm(locale, '', given !== undefined)}`;
    const markup = page(
      {
        locale,
        path: '/verify',
        title: t(locale, TEXT.formTitle),
        description: t(locale, TEXT.description),
        publicUrl: env.publicUrl,
      },
      body,
    );
    return sendPage(reply, markup, given === undefined ? 200 : 400);
  });

  app.get(
    '/verify/:number',
    { schema: { hide: true, params: NumberParams, querystring: SignatureQuery } },
    async (request, reply) => {
      const env = pageEnv(app, request, locale);
      const { number } = request.params as { number: string };
      const { p, s } = request.query as { p?: string; s?: string };
      const found = await certificateByNumber(env, number);
      const verdict = verdictOf(env.secret, {
        number,
        certificate: found
          ? { productId: found.dto.product.id, status: found.dto.status as CertificateStatus }
          : null,
        p,
        s,
      });
      const title = `${t(locale, VERDICT[verdict].title)} — ${t(locale, TEXT.resultTitle).replace('{n}', number)}`;
      const markup = page(
        {
          locale,
          path: `/verify/${encodeURIComponent(number)}`,
          title,
          description: `${t(locale, VERDICT[verdict].explain)} ${t(locale, TEXT.description)}`,
          publicUrl: env.publicUrl,
          noindex: verdict === 'not-found' || verdict === 'not-genuine',
        },
        verdictBody(locale, number, verdict, found),
      );
      // A revocation must show at once: this answer is never cached.
      return sendPage(reply, markup, 200, 'no-store');
    },
  );
  return Promise.resolve();
};
