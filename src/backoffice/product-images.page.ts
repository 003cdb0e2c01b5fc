import { redirectWithNotice } from './registry.pages.js';
import type { FastifyInstance } from 'fastify';
import { addProductImage, removeProductImage } from '../media/image.service.js';
import { readImageUpload, useImageUploads } from '../media/upload.js';
import { t } from '../views/format.js';
import { fieldErrors, requireStaff } from './bo-context.js';
import { sendProductPage } from './product.page.js';

const BASE = '/admin/products';
const TXT = {
  added: { vi: 'Đã thêm ảnh.', en: 'The image was added.' },
  removed: { vi: 'Đã xóa ảnh.', en: 'The image was removed.' },
};

/**
 * Image upload and removal from the product's page. Registered in its own scope: multipart parsing (with the
 * 10 MB limit) exists only here. The upload form carries the CSRF token in its action's query string.
 */
export async function productImagePages(app: FastifyInstance): Promise<void> {
  await useImageUploads(app);

  app.post<{ Params: { id: string } }>('/products/:id/images', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const id = request.params.id;
    try {
      const upload = await readImageUpload(request);
      await addProductImage(ctx, app.uploadsDir, id, upload);
    } catch (error) {
      const errors = fieldErrors(error, view.locale);
      if (!errors) throw error;
      return sendProductPage(app, reply, view, ctx, id, errors.file ?? Object.values(errors).join(' '));
    }
    return redirectWithNotice(reply, `${BASE}/${id}#h-images`, t(view.locale, TXT.added));
  });

  app.post<{ Params: { id: string; imageId: string } }>(
    '/products/:id/images/:imageId/delete',
    async (request, reply) => {
      const { view, ctx } = requireStaff(request, reply);
      const { id, imageId } = request.params;
      await removeProductImage(ctx, app.uploadsDir, id, imageId);
      return redirectWithNotice(reply, `${BASE}/${id}#h-images`, t(view.locale, TXT.removed));
    },
  );
}
