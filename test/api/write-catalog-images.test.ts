import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAdministrativeUnits } from '../../src/places/admin-unit.loader.js';
import { loadScorecards } from '../../src/scorecards/scorecard.loader.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anAccount, signIn, type Session } from '../support/accounts.js';
import { aProduct, aProducer } from '../support/factories.js';
import { multipart, type Part } from '../support/multipart.js';

let t: TestApp;
let uploads: string;
let admin: Session;
let producer: Session;
const ids: Record<string, string> = {};

/** A photo as a phone takes it: JPEG, 2000 × 1500 stored sideways (orientation 6), with EXIF and a GPS position. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestPhone', Model: 'OCOP-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '20/1 58/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '105/1 55/1 0/1',
      },
    })
    .toBuffer();
}

async function upload(session: Session | null, productId: string, parts: Part[]) {
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/products/${productId}/images`,
    headers: { ...(session?.headers ?? {}), 'content-type': body.contentType },
    payload: body.payload,
  });
}

beforeAll(async () => {
  uploads = await mkdtemp(join(tmpdir(), 'ocop-uploads-'));
  t = await createTestApp(
    async ({ ctx }) => {
      await loadAdministrativeUnits(ctx);
      await loadScorecards(ctx);
      ids.gom = await aProducer(ctx, { name: 'HTX Gốm Bát Tràng' });
      ids.binh = await aProduct(ctx, { producerId: ids.gom, nameVi: 'Bình gốm men lam' });
      ids.other = await aProduct(ctx, { nameVi: 'Sữa chua Ba Vì', scorecardId: 8, communeId: '09694' });
      ids.admin = await anAccount(ctx, 'admin');
      ids.producer = await anAccount(ctx, 'producer', ids.gom);
    },
    { uploadsDir: uploads },
  );
  admin = await signIn(t.app, ids.admin ?? '');
  producer = await signIn(t.app, ids.producer ?? '');
});
afterAll(async () => {
  await t.close();
  await rm(uploads, { recursive: true, force: true });
});

describe('product images through the API', () => {
  it('stores an upright, resized WebP without EXIF or GPS, and lists it on the product', async () => {
    const photo = await phonePhoto();
    const input = await sharp(photo).metadata();
    expect(input.orientation).toBe(6);
    expect(input.exif?.toString('latin1')).toContain('TestPhone');
    const res = await upload(producer, ids.binh ?? '', [
      { name: 'alt', value: 'Bình gốm men lam trên bàn' },
      { name: 'file', filename: 'IMG_0001.jpg', type: 'image/jpeg', data: photo },
    ]);
    expect(res.statusCode).toBe(201);
    const image = res.json<{
      id: string;
      url: string;
      thumbnailUrl: string;
      width: number;
      height: number;
      alt: string;
    }>();
    // Stored sideways, shown upright: 1500 × 2000 turned and fitted within 1600 px.
    expect([image.width, image.height]).toEqual([1200, 1600]);
    expect(image.alt).toBe('Bình gốm men lam trên bàn');
    expect(image.url).toBe(`/media/products/${ids.binh ?? ''}/${image.id}-1600.webp`);

    const large = await t.app.inject({ url: image.url });
    expect(large.statusCode).toBe(200);
    expect(large.headers['content-type']).toBe('image/webp');
    expect(large.headers['cache-control']).toContain('max-age=31536000');
    const meta = await sharp(large.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();

    const thumb = await sharp((await t.app.inject({ url: image.thumbnailUrl })).rawPayload).metadata();
    expect([thumb.width, thumb.height]).toEqual([300, 400]);

    const product = await t.app.inject({ url: `/api/v1/products/${ids.binh ?? ''}` });
    expect(product.json<{ images: string[] }>().images).toEqual([image.url]);
  });

  it('refuses a text file renamed .jpg, with a clear message, and keeps nothing', async () => {
    const res = await upload(admin, ids.binh ?? '', [
      {
        name: 'file',
        filename: 'anh.jpg',
        type: 'image/jpeg',
        data: Buffer.from('đây không phải là ảnh\n'.repeat(50)),
      },
    ]);
    expect(res.statusCode).toBe(400);
    const error = res.json<{
      error: { message: string; details: Array<{ field: string; message: string }> };
    }>().error;
    expect(error.details[0]).toEqual({ field: 'file', message: 'Tệp không phải ảnh JPEG, PNG hoặc WebP.' });
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/v1/products/${ids.binh ?? ''}/images`,
      headers: { ...admin.headers, 'accept-language': 'en', 'content-type': multipart([]).contentType },
      payload: multipart([
        {
          name: 'file',
          filename: 'a.gif',
          type: 'image/gif',
          data: await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
            .gif()
            .toBuffer(),
        },
      ]).payload,
    });
    expect(en.statusCode).toBe(400);
    expect(en.json<{ error: { message: string } }>().error.message).toContain(
      'not a JPEG, PNG or WebP image',
    );
    expect(await readdir(join(uploads, 'products', ids.binh ?? ''))).toHaveLength(2);
  });

  it('refuses a file over 10 MB', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0xff);
    const res = await upload(admin, ids.binh ?? '', [
      { name: 'file', filename: 'big.jpg', type: 'image/jpeg', data: big },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('10 MB');
  });

  it('answers 401 to a visitor and 403 to a producer uploading to another producer’s product', async () => {
    const photo = await phonePhoto();
    expect(
      (await upload(null, ids.other ?? '', [{ name: 'file', filename: 'a.jpg', data: photo }])).statusCode,
    ).toBe(401);
    const refused = await upload(producer, ids.other ?? '', [
      { name: 'file', filename: 'a.jpg', data: photo },
    ]);
    expect(refused.statusCode).toBe(403);
    const rows = await t.ctx.db
      .selectFrom('product_images')
      .select('id')
      .where('product_id', '=', ids.other ?? '')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('keeps at most 8 images', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    for (let i = 0; i < 7; i++) {
      expect(
        (await upload(admin, ids.binh ?? '', [{ name: 'file', filename: `p${String(i)}.png`, data: png }]))
          .statusCode,
      ).toBe(201);
    }
    const ninth = await upload(admin, ids.binh ?? '', [{ name: 'file', filename: 'p9.png', data: png }]);
    expect(ninth.statusCode).toBe(400);
    expect(ninth.json<{ error: { message: string } }>().error.message).toContain('tối đa 8 ảnh');
    const product = await t.app.inject({ url: `/api/v1/products/${ids.binh ?? ''}` });
    expect(product.json<{ images: string[] }>().images).toHaveLength(8);
  });

  it('deletes an image: its row, its files and its place in the product’s list, audited', async () => {
    const before = (await t.app.inject({ url: `/api/v1/products/${ids.binh ?? ''}` })).json<{
      images: string[];
    }>().images;
    const first = before[0] ?? '';
    const imageId = /\/(img_[0-9a-z]+)-1600\.webp$/.exec(first)?.[1] ?? '';
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/products/${ids.binh ?? ''}/images/${imageId}`,
      headers: producer.headers,
    });
    expect(res.statusCode).toBe(204);
    const after = (await t.app.inject({ url: `/api/v1/products/${ids.binh ?? ''}` })).json<{
      images: string[];
    }>().images;
    expect(after).toEqual(before.slice(1));
    expect((await t.app.inject({ url: first })).statusCode).toBe(404);
    const files = await readdir(join(uploads, 'products', ids.binh ?? ''));
    expect(files.some((f) => f.startsWith(imageId))).toBe(false);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_id', '=', ids.binh ?? '')
      .where('action', 'like', 'product.image.%')
      .execute();
    expect(audit.map((a) => a.action)).toContain('product.image.remove');
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/products/${ids.binh ?? ''}/images/${imageId}`,
      headers: producer.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it('serves nothing but stored images under /media', async () => {
    for (const url of [
      '/media/products/..%2F..%2Fetc/passwd',
      `/media/products/${ids.binh ?? ''}/..%2F..%2F..%2Fpackage.json`,
      `/media/products/${ids.binh ?? ''}/img_0000000000000000-1600.webp`,
      `/media/products/${ids.binh ?? ''}/img_0000000000000000-800.webp`,
      '/media/other',
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(404);
    }
  });
});

describe('product images in the back office', () => {
  it('uploads through the page’s multipart form with the token in the action, and refuses it without', async () => {
    const page = await t.app.inject({
      url: `/admin/products/${ids.binh ?? ''}`,
      headers: { cookie: producer.cookie },
    });
    const action = /action="([^"]+\/images\?_csrf=[^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(action).toContain('_csrf=');
    // Room for one more: the list is full from the API tests minus the deleted one.
    const photo = multipart([
      { name: 'file', filename: 'x.jpg', type: 'image/jpeg', data: await phonePhoto() },
    ]);
    const noToken = await t.app.inject({
      method: 'POST',
      url: `/admin/products/${ids.binh ?? ''}/images`,
      headers: { cookie: producer.cookie, 'content-type': photo.contentType },
      payload: photo.payload,
    });
    expect(noToken.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: action,
      headers: { cookie: producer.cookie, 'content-type': photo.contentType },
      payload: photo.payload,
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toContain('notice=');
  });

  it('shows a refused upload next to the file field', async () => {
    await t.ctx.db
      .deleteFrom('product_images')
      .where('product_id', '=', ids.binh ?? '')
      .execute();
    const page = await t.app.inject({
      url: `/admin/products/${ids.binh ?? ''}`,
      headers: { cookie: producer.cookie },
    });
    const action = /action="([^"]+\/images\?_csrf=[^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const text = multipart([
      { name: 'file', filename: 'x.jpg', type: 'image/jpeg', data: Buffer.from('not an image') },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: action,
      headers: { cookie: producer.cookie, 'content-type': text.contentType },
      payload: text.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/<p class="error" id="f-file-error">\s*Tệp không phải ảnh JPEG, PNG hoặc WebP./);
  });
});

describe('a failed upload leaves nothing behind', () => {
  it('removes the written files when the database refuses the row', async () => {
    const productId = ids.other ?? '';
    await sql`create trigger refuse_images before insert on product_images begin select raise(abort, 'disk full'); end`.execute(
      t.ctx.db,
    );
    try {
      const res = await upload(admin, productId, [
        { name: 'file', filename: 'a.jpg', data: await phonePhoto() },
      ]);
      expect(res.statusCode).toBe(500);
      const files = await readdir(join(uploads, 'products', productId)).catch(() => []);
      expect(files).toEqual([]);
      const product = await t.app.inject({ url: `/api/v1/products/${productId}` });
      expect(product.json<{ images: string[] }>().images).toEqual([]);
    } finally {
      await sql`drop trigger refuse_images`.execute(t.ctx.db);
    }
  });
});
