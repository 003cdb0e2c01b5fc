import { Type } from 'typebox';
import { createProducer, ProducerInput } from '../catalog/producer.service.js';
import { inTransaction, type Ctx } from '../core/context.js';
import { ValidationError } from '../core/errors.js';
import { validate } from '../core/validate.js';
import { createUser } from './account.service.js';
import { EMAIL_PATTERN } from './tokens.js';

/** Producers and buyers register themselves (staff are invited). A producer registers with their entity. */
export const RegistrationInput = Type.Object(
  {
    email: Type.String({ pattern: EMAIL_PATTERN, maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ maxLength: 200 }),
    locale: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
    role: Type.Union([Type.Literal('buyer'), Type.Literal('producer')]),
    producer: Type.Optional(ProducerInput),
  },
  { additionalProperties: false },
);

export async function registerAccount(ctx: Ctx, input: unknown): Promise<string> {
  const d = validate(RegistrationInput, input);
  // The visitor is not signed in: the registration itself acts, and the audit says so.
  const actor = { kind: 'system' as const, id: `registration:${d.email.toLowerCase()}` };
  return inTransaction({ ...ctx, actor }, async (tx) => {
    let scopeId: string | null = null;
    if (d.role === 'producer') {
      if (!d.producer) {
        throw new ValidationError([
          {
            field: 'producer',
            message: 'Chủ thể sản xuất cần khai báo thông tin cơ sở.',
            messageEn: 'A producer registers with the details of their entity.',
          },
        ]);
      }
      scopeId = await createProducer(tx, d.producer);
    }
    return createUser(
      tx,
      { email: d.email, name: d.name, locale: d.locale ?? 'vi', grants: [{ role: d.role, scopeId }] },
      d.password,
    );
  });
}
