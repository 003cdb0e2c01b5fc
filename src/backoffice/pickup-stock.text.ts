import type { Text } from '../views/format.js';

/** The words of the back office's pickup stock page (/admin/sales-points/:id/stock). */
export const PS = {
  title: { vi: 'Hàng nhận tại điểm bán', en: 'Pickup stock' },
  link: { vi: 'Số lượng nhận tại điểm', en: 'Pickup quantities' },
  hint: {
    vi: 'Số sản phẩm đang có tại điểm bán để người mua đặt trực tuyến và đến nhận. Mỗi đơn nhận tại điểm trừ dần; khi hết hàng, điểm bán không còn được chọn để nhận sản phẩm đó.',
    en: 'Units held at the sales point for buyers to order online and collect. Each pickup order takes from them; at zero, the point is no longer offered for that product.',
  },
  product: { vi: 'Sản phẩm', en: 'Product' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  quantity: { vi: 'Số lượng tại điểm', en: 'Units at the point' },
  save: { vi: 'Lưu số lượng', en: 'Save the quantities' },
  saved: { vi: 'Đã lưu số lượng nhận tại điểm bán.', en: 'The pickup quantities are saved.' },
  none: {
    vi: 'Điểm bán chưa bày bán sản phẩm nào. Hãy chọn sản phẩm trước, rồi nhập số lượng.',
    en: 'The sales point carries no products yet. Choose its products first, then enter quantities.',
  },
  chooseProducts: { vi: 'Chọn sản phẩm của điểm bán', en: 'Choose the point’s products' },
  back: { vi: '← Trang điểm bán', en: '← The sales point' },
} satisfies Record<string, Text>;
