import type { Locale } from '../core/context.js';
import { publicUrls } from '../core/public-urls.js';
import { formatDate, formatNumber, t, type Text } from '../views/format.js';
import type { WatchStage } from './expiry-watch.js';

/**
 * The words of the expiry watch, in Vietnamese and English: the producer's notice of one certificate and the city
 * office's digest of a run. Plain text (mail bodies are text); each message is built in its reader's language.
 */

/** A certificate announced at a stage, with what the messages name. */
export interface Announcement {
  certificateId: string;
  number: string;
  stars: number;
  expiresOn: string;
  daysLeft: number;
  stage: WatchStage;
  productId: string;
  productName: Text;
  producerId: string;
  producerName: string;
}

export interface Message {
  title: string;
  body: string;
  /** The mail's text: greeting, body, addresses, signature. */
  mailText: string;
}

/** Site-relative addresses of the back office (notifications link inside the site). */
export const certificateAdminPath = (id: string) => `/admin/certificates/${encodeURIComponent(id)}`;
export const CERTIFICATES_ADMIN_PATH = '/admin/certificates';

/**
 * The digest lists this many certificates per stage (the soonest to expire first; the expired, the latest first),
 * so a first run over thousands stays readable and every stage shows; the back office has the rest.
 */
export const DIGEST_PER_STAGE = 25;

const W = {
  dear: { vi: 'Kính gửi {name},', en: 'Dear {name},' },
  signature: {
    vi: '— Hệ thống OCOP Hà Nội. Thư gửi tự động, xin đừng trả lời thư này.',
    en: '— OCOP Hà Nội platform. This message was sent automatically; please do not reply.',
  },
  productPage: { vi: 'Trang sản phẩm', en: 'Product page' },
  backOffice: { vi: 'Giấy chứng nhận trong trang quản trị', en: 'The certificate in the back office' },
  expiringTitle: {
    vi: 'Giấy chứng nhận OCOP còn {days} ngày: {product}',
    en: 'OCOP certificate: {days} left for {product}',
  },
  expiredTitle: {
    vi: 'Giấy chứng nhận OCOP đã hết hạn: {product}',
    en: 'OCOP certificate expired: {product}',
  },
  expiringBody: {
    vi: 'Giấy chứng nhận số {number} ({stars} sao) của sản phẩm «{product}» hết hạn ngày {date}, còn {days} ngày. Để sản phẩm tiếp tục mang nhãn OCOP, hãy đăng ký đánh giá lại trước ngày đó.',
    en: 'Certificate {number} ({stars} stars) of “{product}” expires on {date}, {days} from today. For the product to keep the OCOP label, apply for re-evaluation before then.',
  },
  expiredBody: {
    vi: 'Giấy chứng nhận số {number} ({stars} sao) của sản phẩm «{product}» đã hết hạn ngày {date}. Sản phẩm không còn được mang nhãn OCOP, và nhãn OCOP đã được gỡ khỏi trang công khai của sản phẩm cho đến khi sản phẩm được công nhận lại.',
    en: 'Certificate {number} ({stars} stars) of “{product}” expired on {date}. The product may no longer carry the OCOP label, and the label has been removed from its public page until the product is certified again.',
  },
  digestTitle: {
    vi: 'Hạn giấy chứng nhận OCOP: {n} giấy chứng nhận cần chú ý',
    en: 'OCOP certificate expiry: {n} certificates need attention',
  },
  digestIntro: {
    vi: 'Kết quả kiểm tra hạn giấy chứng nhận OCOP ngày {date}:',
    en: 'OCOP certificate expiry check of {date}:',
  },
  digestMore: { vi: '… và {n} giấy chứng nhận khác', en: '… and {n} more' },
  digestAll: {
    vi: 'Danh sách đầy đủ trong trang quản trị:',
    en: 'The full list is in the back office:',
  },
  starsShort: { vi: '{n} sao', en: '{n} stars' },
  expiresOn: { vi: 'hết hạn {date}', en: 'expires {date}' },
  expiredOn: { vi: 'hết hạn từ {date}', en: 'expired {date}' },
} satisfies Record<string, Text>;

/** What each stage means to a reader, most urgent first (the digest's order). */
export const STAGE_LABELS: ReadonlyArray<[WatchStage, Text]> = [
  [
    'expired',
    { vi: 'Đã hết hạn (không còn được mang nhãn OCOP)', en: 'Expired (may no longer carry the OCOP label)' },
  ],
  ['30', { vi: 'Hết hạn trong 30 ngày', en: 'Expiring within 30 days' }],
  ['90', { vi: 'Hết hạn trong 90 ngày', en: 'Expiring within 90 days' }],
  ['180', { vi: 'Hết hạn trong 180 ngày', en: 'Expiring within 180 days' }],
];

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = values[key];
    return v === undefined ? whole : String(v);
  });
}

function say(locale: Locale, text: Text, values: Record<string, string | number> = {}): string {
  return fill(t(locale, text), values);
}

function days(locale: Locale, n: number): string {
  if (locale === 'vi') return formatNumber(locale, n);
  return n === 1 ? '1 day' : `${formatNumber(locale, n)} days`;
}

function mail(locale: Locale, name: string, paragraphs: readonly string[]): string {
  return [say(locale, W.dear, { name }), ...paragraphs, say(locale, W.signature)].join('\n\n') + '\n';
}

/** The producer's notice that a certificate reached `a.stage`. */
export function producerMessage(
  locale: Locale,
  recipientName: string,
  a: Announcement,
  publicUrl: string,
): Message {
  const product = t(locale, a.productName);
  const values = {
    product,
    number: a.number,
    stars: a.stars,
    date: formatDate(locale, a.expiresOn),
    days: days(locale, a.daysLeft),
  };
  const expired = a.stage === 'expired';
  const title = say(locale, expired ? W.expiredTitle : W.expiringTitle, values);
  const body = say(locale, expired ? W.expiredBody : W.expiringBody, values);
  const base = publicUrl.replace(/\/+$/, '');
  const links = [
    `${say(locale, W.productPage)}: ${publicUrls(base, locale).product(a.productId)}`,
    `${say(locale, W.backOffice)}: ${base}${certificateAdminPath(a.certificateId)}`,
  ].join('\n');
  return { title, body, mailText: mail(locale, recipientName, [body, links]) };
}

/** How many certificates reached each stage, most urgent first, leaving out the empty ones. */
export function stageCounts(locale: Locale, items: readonly Announcement[]): string[] {
  return STAGE_LABELS.flatMap(([stage, label]) => {
    const n = items.filter((i) => i.stage === stage).length;
    return n === 0 ? [] : [`${t(locale, label)}: ${formatNumber(locale, n)}`];
  });
}

function digestLine(locale: Locale, a: Announcement, base: string): string {
  const when = say(locale, a.stage === 'expired' ? W.expiredOn : W.expiresOn, {
    date: formatDate(locale, a.expiresOn),
  });
  const what = [
    a.number,
    t(locale, a.productName),
    a.producerName,
    say(locale, W.starsShort, { n: a.stars }),
  ];
  return `- ${[...what, when].join(' · ')}\n  ${base}${certificateAdminPath(a.certificateId)}`;
}

function digestSection(
  locale: Locale,
  stage: WatchStage,
  label: Text,
  items: readonly Announcement[],
  base: string,
) {
  const sooner = (a: Announcement, b: Announcement) => a.expiresOn.localeCompare(b.expiresOn);
  const inStage = items
    .filter((a) => a.stage === stage)
    .sort(stage === 'expired' ? (a, b) => sooner(b, a) : sooner);
  if (inStage.length === 0) return [];
  const lines = inStage.slice(0, DIGEST_PER_STAGE).map((a) => digestLine(locale, a, base));
  const rest = inStage.length - lines.length;
  if (rest > 0) lines.push(say(locale, W.digestMore, { n: formatNumber(locale, rest) }));
  return [[`${t(locale, label)}: ${formatNumber(locale, inStage.length)}`, ...lines].join('\n')];
}

/** The city office's digest of one run: counts per stage, then each stage's certificates, most urgent first. */
export function digestMessage(
  locale: Locale,
  recipientName: string,
  items: readonly Announcement[],
  today: string,
  publicUrl: string,
): Message {
  const base = publicUrl.replace(/\/+$/, '');
  const title = say(locale, W.digestTitle, { n: formatNumber(locale, items.length) });
  const counts = stageCounts(locale, items);
  const intro = [say(locale, W.digestIntro, { date: formatDate(locale, today) }), ...counts].join('\n');
  const sections = STAGE_LABELS.flatMap(([stage, label]) => digestSection(locale, stage, label, items, base));
  const tail = `${say(locale, W.digestAll)} ${base}${CERTIFICATES_ADMIN_PATH}`;
  return {
    title,
    body: counts.join(' · '),
    mailText: mail(locale, recipientName, [intro, ...sections, tail]),
  };
}
