import { Type, type Static } from 'typebox';
import type { OrderLineTable, OrderTable, SubOrderTable } from '../db/schema.js';

/** Orders as the API shows them to the buyer: money in whole đồng, the VietQR string of each transfer. */

const OrderLineSchema = Type.Object({
  productId: Type.String(),
  name: Type.String(),
  unitPrice: Type.Integer({ description: 'Whole đồng, as sold' }),
  quantity: Type.Integer(),
});

export const SubOrderSchema = Type.Object(
  {
    id: Type.String(),
    producerId: Type.String(),
    total: Type.Integer({ description: 'Whole đồng' }),
    status: Type.String({
      description: 'placed, confirmed, packed, shipped, delivered, cancelled, returned',
    }),
    paymentStatus: Type.String({ description: 'pending, paid, refunded' }),
    vietqr: Type.Optional(
      Type.String({ description: 'EMVCo/VietQR payload of the transfer to this producer (VietQR payment)' }),
    ),
    lines: Type.Array(OrderLineSchema),
  },
  { $id: 'SubOrder' },
);

export const OrderSchema = Type.Object(
  {
    orderNumber: Type.String({ description: 'What the buyer quotes, e.g. 2611A7K3QX' }),
    total: Type.Integer({ description: 'Whole đồng' }),
    payment: Type.String({ description: 'cod or vietqr' }),
    deliveryMethod: Type.String({ description: 'ship or pickup' }),
    createdAt: Type.String(),
    subOrders: Type.Array(SubOrderSchema),
  },
  { $id: 'Order' },
);
export type OrderDto = Static<typeof OrderSchema>;
export type SubOrderDto = Static<typeof SubOrderSchema>;

export const SubOrderStateSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  paymentStatus: Type.String(),
});

export function presentOrder(
  order: OrderTable,
  subOrders: readonly SubOrderTable[],
  lines: readonly OrderLineTable[],
): OrderDto {
  return {
    orderNumber: order.number,
    total: order.total_vnd,
    payment: order.payment,
    deliveryMethod: order.delivery_method,
    createdAt: order.created_at,
    subOrders: subOrders.map((sub) => presentSubOrder(sub, lines)),
  };
}

function presentSubOrder(sub: SubOrderTable, lines: readonly OrderLineTable[]): SubOrderDto {
  return {
    id: sub.id,
    producerId: sub.producer_id,
    total: sub.total_vnd,
    status: sub.status,
    paymentStatus: sub.payment_status,
    ...(sub.vietqr_payload === null ? {} : { vietqr: sub.vietqr_payload }),
    lines: lines
      .filter((line) => line.sub_order_id === sub.id)
      .map((line) => ({
        productId: line.product_id,
        name: line.name,
        unitPrice: line.unit_price_vnd,
        quantity: line.quantity,
      })),
  };
}
