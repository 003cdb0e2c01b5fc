/**
 * Domain errors carry a stable code; the HTTP edge maps codes to statuses and to the user's language
 * (see `http/error-handler.ts`). Expected refusals are returned as results, not thrown.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'invalid_reference_data'
  | 'internal';

export interface ErrorDetail {
  field?: string;
  message: string;
  messageEn?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Vietnamese message, shown by default. */
    message: string,
    /** English message. */
    readonly messageEn: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: EntityName, id: string) {
    super(
      'not_found',
      `Không tìm thấy ${ENTITY_VI[entity]} "${id}".`,
      `No ${ENTITY_EN[entity]} "${id}" was found.`,
      [{ field: 'id', message: id }],
    );
  }
}

export class ValidationError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super(
      'validation_failed',
      `Dữ liệu không hợp lệ: ${details.map((d) => d.message).join('; ')}`,
      `Invalid data: ${details.map((d) => d.messageEn ?? d.message).join('; ')}`,
      details,
    );
  }
}

/** The actor may not do this (a 403); the message says what, never why in detail. */
export class ForbiddenError extends DomainError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.', messageEn = 'You may not do this.') {
    super('forbidden', message, messageEn);
  }
}

/** No valid session or token (a 401). */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Vui lòng đăng nhập để tiếp tục.', messageEn = 'Please sign in to continue.') {
    super('unauthenticated', message, messageEn);
  }
}

/** Too many attempts (a 429); `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    messageEn: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message, messageEn);
  }
}

export type EntityName =
  | 'product'
  | 'producer'
  | 'certificate'
  | 'craftVillage'
  | 'salesPoint'
  | 'administrativeUnit'
  | 'scorecard'
  | 'user'
  | 'image'
  | 'application'
  | 'councilSession'
  | 'round'
  | 'decision'
  | 'document'
  | 'order'
  | 'subOrder';

const ENTITY_VI: Record<EntityName, string> = {
  product: 'sản phẩm',
  producer: 'chủ thể',
  certificate: 'giấy chứng nhận',
  craftVillage: 'làng nghề',
  salesPoint: 'điểm bán',
  administrativeUnit: 'đơn vị hành chính',
  scorecard: 'bộ tiêu chí',
  user: 'tài khoản',
  image: 'ảnh',
  application: 'hồ sơ đăng ký',
  councilSession: 'phiên hội đồng',
  round: 'đợt đánh giá',
  decision: 'quyết định',
  document: 'tài liệu',
  order: 'đơn hàng',
  subOrder: 'đơn hàng của chủ thể',
};

const ENTITY_EN: Record<EntityName, string> = {
  product: 'product',
  producer: 'producer',
  certificate: 'certificate',
  craftVillage: 'craft village',
  salesPoint: 'sales point',
  administrativeUnit: 'administrative unit',
  scorecard: 'scorecard',
  user: 'account',
  image: 'image',
  application: 'application',
  councilSession: 'council session',
  round: 'evaluation round',
  decision: 'decision',
  document: 'document',
  order: 'order',
  subOrder: 'producer’s part of an order',
};
