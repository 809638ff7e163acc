// What the editor's "Ảnh trong nội dung" fieldset shows for each picture of
// the body: its thumbnail and file name from the media library, and the
// library's description offered when the picture has none yet.
import { picturesOf, type BodyPicture } from '../../core/content/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { mediaBySrc, thumbnailUrl } from '../media/media.ts';

export interface PictureRow extends BodyPicture {
  /** A small image of the library's; null for a picture from elsewhere (the back office shows only its own). */
  thumb: string | null;
  name: string | null;
  /** The library's description of this picture, offered while the body gives none. */
  libraryAlt: string | null;
}

export async function pictureRows(db: Db, siteId: number, html: string): Promise<PictureRow[]> {
  const pictures = picturesOf(html);
  const library = await mediaBySrc(db, siteId, pictures.map((p) => p.src));
  return pictures.map((p) => {
    const item = library.get(p.src);
    return { ...p, thumb: item ? thumbnailUrl(item) : null, name: item?.originalName ?? null, libraryAlt: item?.alt ?? null };
  });
}
