import type { Locale } from '../core/context.js';
import { t, type Text } from '../views/format.js';

/**
 * The strings of the self-assessment pages. The client island receives the `CLIENT_KEYS` subset in the page's
 * language (a data attribute), so the live result and the server's result use the same words.
 */
export const TEXT = {
  indexTitle: { vi: 'Tự đánh giá sản phẩm OCOP', en: 'OCOP product self-assessment' },
  indexIntro: {
    vi: 'Chọn bộ sản phẩm của bạn, chấm thử từng tiêu chí theo Quyết định 148/QĐ-TTg và xem sản phẩm có thể đạt mấy sao, còn thiếu gì để lên sao tiếp theo. Không cần đăng nhập; máy chủ không lưu câu trả lời của bạn.',
    en: 'Choose your product set, score each criterion of Decision 148/QĐ-TTg yourself and see how many stars the product could get and what stands before the next star. No sign-in; the server stores none of your answers.',
  },
  indexDescription: {
    vi: 'Tự chấm điểm sản phẩm OCOP theo 26 bộ tiêu chí của Quyết định 148/QĐ-TTg trước khi nộp hồ sơ: tổng điểm, số sao và những gì còn thiếu.',
    en: 'Score an OCOP product on the 26 scorecards of Decision 148/QĐ-TTg before applying: total, stars and what is missing.',
  },
  sector: { vi: 'Ngành {code}: {name}', en: 'Sector {code}: {name}' },
  scorecard: { vi: 'Bộ {n}: {name}', en: 'Set {n}: {name}' },
  sheetTitle: { vi: 'Tự đánh giá: {name}', en: 'Self-assessment: {name}' },
  sheetDescription: {
    vi: 'Phiếu tự đánh giá bộ sản phẩm {n} ({name}) theo Quyết định 148/QĐ-TTg: tổng điểm, số sao ước tính và các bước để lên sao.',
    en: 'Self-assessment sheet of product set {n} ({name}) under Decision 148/QĐ-TTg: total, estimated stars and the steps to the next star.',
  },
  sheetIntro: {
    vi: 'Với mỗi tiêu chí, chọn phương án đúng với sản phẩm của bạn. Kết quả được tính lại ngay khi bạn chọn. Địa chỉ trang giữ các câu trả lời: hãy đánh dấu hoặc gửi địa chỉ đó để làm tiếp sau.',
    en: 'For each criterion, choose the option that fits your product. The result is recomputed as you choose. The page address keeps your answers: bookmark or share it to continue later.',
  },
  quotedInVietnamese: {
    vi: '',
    en: 'The criteria are quoted in Vietnamese, as written in Decision 148/QĐ-TTg.',
  },
  allSets: { vi: 'Chọn bộ sản phẩm khác', en: 'Choose another product set' },
  part: { vi: 'Phần {code}', en: 'Part {code}' },
  upTo: { vi: 'tối đa {n} điểm', en: 'up to {n} points' },
  unanswered: { vi: 'Chưa trả lời', en: 'Not answered' },
  points: { vi: '{n} điểm', en: '{n} points' },
  point: { vi: '{n} điểm', en: '{n} point' },
  mandatoryFor: { vi: 'bắt buộc để đạt {n}★', en: 'required for {n}★' },
  answerRequired: {
    vi: 'Phải trả lời tiêu chí này để đạt {n}★.',
    en: 'This criterion must be answered to reach {n}★.',
  },
  knockOut: {
    vi: 'Ghi chú loại trừ này đúng với sản phẩm của tôi (dừng chấm điểm):',
    en: 'This knock-out note applies to my product (scoring stops):',
  },
  cases: {
    vi: 'Chỉ chấm một trong các trường hợp sau: hãy trả lời các tiêu chí của đúng một trường hợp.',
    en: 'Only one of the following cases is scored: answer the criteria of one case only.',
  },
  submit: { vi: 'Tính điểm', en: 'Score' },
  startOver: { vi: 'Làm lại từ đầu', en: 'Start over' },
  errorsTitle: { vi: 'Chưa thể tính điểm vì:', en: 'The sheet cannot be scored:' },
  answeredTwice: {
    vi: '{id}: có hai câu trả lời cho một tiêu chí',
    en: '{id}: two answers were given for one criterion',
  },
  tooLong: { vi: '{id}: câu trả lời không hợp lệ', en: '{id}: the answer is not valid' },
  tooMany: { vi: 'Có quá nhiều câu trả lời.', en: 'Too many answers were given.' },
  resultTitle: { vi: 'Kết quả ước tính', en: 'Estimated result' },
  noAnswers: {
    vi: 'Chưa có câu trả lời nào: hãy chọn phương án cho các tiêu chí bên dưới.',
    en: 'No answers yet: choose an option for the criteria below.',
  },
  total: { vi: 'Tổng điểm', en: 'Total' },
  outOf: { vi: '{n}/{max} điểm', en: '{n}/{max} points' },
  band: { vi: 'Hạng theo tổng điểm', en: 'Band of the total' },
  cap: { vi: 'Mức cao nhất theo tiêu chí bắt buộc', en: 'Highest level the mandatory criteria allow' },
  stars: { vi: 'Số sao ước tính', en: 'Estimated stars' },
  starsLabel: { vi: '{n} sao OCOP', en: '{n}-star OCOP' },
  notCertified: {
    vi: 'Dưới 3★ sản phẩm chưa được công nhận OCOP.',
    en: 'Below 3★ a product is not certified OCOP.',
  },
  potentialFive: {
    vi: 'Từ 90 điểm, hội đồng cấp tỉnh đề xuất “tiềm năng 5 sao”; hội đồng trung ương quyết định 5★.',
    en: 'From 90 points the provincial council proposes “potential 5 stars”; the central council decides on 5★.',
  },
  unmetTitle: { vi: 'Tiêu chí bắt buộc còn thiếu', en: 'Mandatory criteria not met' },
  unmetItem: {
    vi: '{criterion}: cần ít nhất “{option}” ({points}), bắt buộc để đạt {stars}★; hiện tại: {chosen}',
    en: '{criterion}: needs at least “{option}” ({points}), required for {stars}★; now: {chosen}',
  },
  nextTitle: { vi: 'Để lên {n}★', en: 'To reach {n}★' },
  pointsNeeded: { vi: 'Cần thêm {n} điểm.', en: '{n} more points are needed.' },
  onlyMandatory: {
    vi: 'Đã đủ điểm; chỉ còn thiếu tiêu chí bắt buộc.',
    en: 'The points are enough; only mandatory criteria are missing.',
  },
  stepsTitle: { vi: 'Cách ít bước nhất:', en: 'The fewest steps:' },
  step: {
    vi: 'nâng tiêu chí {criterion} từ “{from}” lên “{to}” (+{points})',
    en: 'raise criterion {criterion} from “{from}” to “{to}” (+{points})',
  },
  noStep: { vi: 'Không có cách nào đạt sao tiếp theo.', en: 'No change of answers reaches the next star.' },
  totalAfter: { vi: 'Sau các bước này: {n}/100 điểm.', en: 'After these steps: {n}/100 points.' },
  topLevel: { vi: 'Sản phẩm đã ở mức sao cao nhất.', en: 'The product is at the highest star level.' },
  stopped: { vi: 'Dừng chấm điểm', en: 'Scoring stopped' },
  eliminated: { vi: 'Sản phẩm bị loại', en: 'The product is eliminated' },
  knockedOutNote: {
    vi: 'Khi có ghi chú loại trừ, sản phẩm không được xếp sao; tổng điểm chỉ để tham khảo.',
    en: 'With a knock-out the product gets no stars; the total is for information only.',
  },
  version: {
    vi: 'Tính theo bộ tiêu chí phiên bản {v}.',
    en: 'Computed with criteria set version {v}.',
  },
  estimate: {
    vi: 'Đây là kết quả ước tính để bạn tự chuẩn bị, không phải quyết định của hội đồng đánh giá. Máy chủ không lưu câu trả lời nào.',
    en: 'This is an estimate to help you prepare, not a council’s decision. Nothing is stored on the server.',
  },
  statusLine: { vi: 'Tổng {n}/100 điểm · {stars}', en: 'Total {n}/100 points · {stars}' },
  statusNone: { vi: 'Chưa có câu trả lời', en: 'No answers yet' },
  statusKnockedOut: { vi: 'Tổng {n}/100 điểm · không xếp sao', en: 'Total {n}/100 points · no stars' },
  draftRestored: {
    vi: 'Đã khôi phục bản nháp lưu trên máy này.',
    en: 'Your draft saved on this device has been restored.',
  },
  clearDraft: { vi: 'Làm lại từ đầu và xoá bản nháp', en: 'Start over and clear the draft' },
  updating: { vi: 'Đang tính lại…', en: 'Recomputing…' },
  failed: {
    vi: 'Không tính lại được lúc này; hãy bấm “Tính điểm”.',
    en: 'Could not recompute just now; press “Score”.',
  },
} satisfies Record<string, Text>;

export type TextKey = keyof typeof TEXT;

/** The strings the island prints, sent in the page's language. */
const CLIENT_KEYS = [
  'resultTitle',
  'noAnswers',
  'total',
  'outOf',
  'band',
  'cap',
  'stars',
  'starsLabel',
  'notCertified',
  'potentialFive',
  'unmetTitle',
  'unmetItem',
  'nextTitle',
  'pointsNeeded',
  'onlyMandatory',
  'stepsTitle',
  'step',
  'noStep',
  'totalAfter',
  'topLevel',
  'stopped',
  'eliminated',
  'knockedOutNote',
  'unanswered',
  'points',
  'point',
  'part',
  'statusLine',
  'statusNone',
  'statusKnockedOut',
  'draftRestored',
  'clearDraft',
  'updating',
  'failed',
  'errorsTitle',
] as const satisfies readonly TextKey[];

export function clientText(locale: Locale): Record<string, string> {
  return Object.fromEntries(CLIENT_KEYS.map((k) => [k, t(locale, TEXT[k])]));
}

/** "5 điểm", "1 point", "3 points". */
export function pointsText(locale: Locale, n: string, value: number): string {
  return t(locale, value === 1 ? TEXT.point : TEXT.points).replace('{n}', n);
}
